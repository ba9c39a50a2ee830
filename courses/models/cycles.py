"""A cycle (one run of a programme) and its audit trail.

The seat rule is kept by the services, which lock the cycle row before they count seats; a
cycle keeps the curriculum it started with (see `courses.curriculum`).
"""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.translation import in_default_locale
from core.validators import capacity_bound, one_line, reminder_days_bound

MAX_OFFER_HOURS = 720  # the longest offer window: 30 days


class Cycle(models.Model):
    class Policy(models.TextChoices):
        FIFO = "fifo", _("First come, first served")
        SENIORITY = "seniority", _("Ambassadors and senior diplomats first")
        MISSION_BALANCE = "mission_balance", _("Missions not yet represented first")

    class SeminarRequirement(models.TextChoices):
        ALL = "all", _("Required for everyone")
        SENIOR = "senior", _("Required for ambassadors and senior diplomats")
        NONE = "none", _("Optional")

    programme = models.ForeignKey(
        "cms.ProgrammePage",
        on_delete=models.PROTECT,
        related_name="cycles",
        verbose_name=_("programme"),
        limit_choices_to=in_default_locale,
    )
    code = models.SlugField(
        _("code"), max_length=40, unique=True, help_text=_("For example PATIT-2003-3.")
    )
    title = models.CharField(_("title"), max_length=200, validators=[one_line])
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    applications_open_at = models.DateTimeField(_("applications open"))
    applications_close_at = models.DateTimeField(_("applications close"))
    late_join_on = models.DateField(
        _("last day to join"),
        null=True,
        blank=True,
        help_text=_(
            "Nobody is promoted from the waitlist after this day. Blank: until the cycle ends."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        validators=[capacity_bound],
        help_text=_("Seats (enrolled and offered) in this cycle."),
    )
    offer_hours = models.PositiveIntegerField(
        _("offer window (hours)"),
        default=48,
        # 30 days: beyond, deadlines overflow (2147483647 hours made every withdraw a 500).
        validators=[MaxValueValidator(MAX_OFFER_HOURS)],
        help_text=_(
            "How long a learner promoted from the waitlist has to confirm the seat. "
            "0: promote straight to enrolled."
        ),
    )
    policy = models.CharField(
        _("waitlist priority"), max_length=20, choices=Policy.choices, default=Policy.FIFO
    )
    seminar_requirement = models.CharField(
        _("seminar"),
        max_length=10,
        choices=SeminarRequirement.choices,
        default=SeminarRequirement.SENIOR,
        help_text=_("Whether attending the seminar is needed to complete the cycle."),
    )
    # The curriculum that counts for this cycle, pinned when it starts (see
    # courses/curriculum.py): content edits change what learners read, never what they must do.
    curriculum = models.JSONField(_("pinned curriculum"), null=True, blank=True, editable=False)
    curriculum_pinned_at = models.DateTimeField(
        _("curriculum pinned at"), null=True, blank=True, editable=False
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)
    cancelled_reason = models.TextField(_("reason for cancelling"), blank=True, editable=False)
    # Set by `close_cycle` after the last day: outcomes recorded, offers lapsed.
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    # Reminders (courses/services/reminders.py), each sent at most once per enrollment.
    remind_offer_hours = models.PositiveIntegerField(
        _("offer reminder (hours before the deadline)"),
        default=24,
        validators=[MaxValueValidator(MAX_OFFER_HOURS)],
        help_text=_("Remind a learner this long before an offered seat lapses. 0: no reminder."),
    )
    remind_at_start = models.BooleanField(
        _("start-of-cycle reminder"),
        default=True,
        help_text=_("Tell enrolled learners when the cycle starts."),
    )
    remind_inactive_days = models.PositiveIntegerField(
        _("inactivity reminder (days)"),
        default=14,
        # Beyond, timedelta overflows and every run of the due work fails.
        validators=[reminder_days_bound],
        help_text=_(
            "Nudge an enrolled learner who has completed no lesson for this many days "
            "while the cycle runs. 0: no nudge."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cycle")
        verbose_name_plural = _("cycles")
        ordering = ["-starts_on", "code"]
        permissions = [("teach_cycle", _("Can teach this cycle (follow learners, attendance)"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="cycle_ends_after_it_starts",
                violation_error_message=_("A cycle cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(applications_close_at__gt=models.F("applications_open_at")),
                name="cycle_applications_close_after_they_open",
                violation_error_message=_("Applications must close after they open."),
            ),
        ]

    def __str__(self):
        return self.code

    def clean(self):
        from django.core.exceptions import ValidationError

        if (
            self.late_join_on
            and self.starts_on
            and self.ends_on
            and not (self.starts_on <= self.late_join_on <= self.ends_on)
        ):
            raise ValidationError(
                {"late_join_on": _("The last day to join must fall within the cycle's dates.")}
            )

    # --- Dates ---------------------------------------------------------------------------
    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def is_open_for_applications(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            not self.is_cancelled and self.applications_open_at <= now <= self.applications_close_at
        )

    def is_running(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today <= self.ends_on

    def is_over(self, today=None) -> bool:
        return (today or timezone.localdate()) > self.ends_on

    def accepts_promotions(self, today=None) -> bool:
        """Whether a freed seat may still go to the waitlist (before the late-join day)."""
        today = today or timezone.localdate()
        last_day = self.late_join_on or self.ends_on
        return not self.is_cancelled and today <= last_day

    def offer_deadline(self, now=None):
        now = now or timezone.now()
        return now + timedelta(hours=self.offer_hours)

    @property
    def year(self) -> int:
        return self.starts_on.year

    def seminar_required_for(self, enrollment) -> bool:
        """Whether this enrollment must attend the seminar: judged with the rank the
        enrollment was ranked with, never the learner's rank of today."""
        from accounts.models import SENIOR_RANKS

        if self.seminar_requirement == self.SeminarRequirement.ALL:
            return True
        if self.seminar_requirement == self.SeminarRequirement.SENIOR:
            return enrollment.rank in SENIOR_RANKS
        return False


class CycleEvent(models.Model):
    """A change to a whole cycle (capacity, curriculum, cancellation), with who and why."""

    class Action(models.TextChoices):
        CURRICULUM_PINNED = "pinned", _("Curriculum pinned")
        CURRICULUM_APPLIED = "curriculum", _("Current curriculum applied by an administrator")
        CAPACITY_CHANGED = "capacity", _("Capacity changed")
        CANCELLED = "cancelled", _("Cycle cancelled")
        CLOSED = "closed", _("Cycle closed")
        COPIED = "copied", _("Copied to the next cycle")

    # CASCADE: only a cycle nobody applied to can be deleted; its own events go with it.
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    reason = models.TextField(_("reason"), blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("cycle event")
        verbose_name_plural = _("cycle events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.cycle} · {self.get_action_display()}"
