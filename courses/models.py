"""Cycles of a programme and the learners' enrollments in them.

The seat rule is kept by the services, which lock the cycle row before they count seats;
the database keeps one live enrollment per learner and cycle, and one unfinished enrollment
per learner and programme. An enrollment keeps the rank and Member State it was ranked and
judged with; a cycle keeps the curriculum it started with (see `courses.curriculum`).
"""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.translation import in_default_locale

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
    title = models.CharField(_("title"), max_length=200)
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
        _("capacity"), help_text=_("Seats (enrolled and offered) in this cycle.")
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
        from lms.models import SENIOR_RANKS

        if self.seminar_requirement == self.SeminarRequirement.ALL:
            return True
        if self.seminar_requirement == self.SeminarRequirement.SENIOR:
            return enrollment.rank in SENIOR_RANKS
        return False


class Enrollment(models.Model):
    class Status(models.TextChoices):
        WAITLISTED = "waitlisted", _("Waitlisted")
        OFFERED = "offered", _("Offered a seat")
        ENROLLED = "enrolled", _("Enrolled")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Offer expired")
        # Outcomes recorded when a cycle closes (`close_cycle`). Not unfinished: the learner
        # may apply to a later cycle of the programme.
        NOT_COMPLETED = "not_completed", _("Not completed")
        NOT_ADMITTED = "not_admitted", _("Not admitted")

    # A seat is held by these; `completed` keeps its seat so that finishing early does not
    # let more participants into the cycle than its capacity.
    SEATED = (Status.OFFERED, Status.ENROLLED, Status.COMPLETED)
    LIVE = (Status.WAITLISTED, *SEATED)
    # Not finished yet: a learner may hold one of these per programme at a time.
    UNFINISHED = (Status.WAITLISTED, Status.OFFERED, Status.ENROLLED)

    # PROTECT: a cycle with enrollments is cancelled through a service, never deleted, so
    # that the enrollments and their audit trail are kept.
    cycle = models.ForeignKey(
        Cycle, on_delete=models.PROTECT, related_name="enrollments", verbose_name=_("cycle")
    )
    # The cycle's programme, copied so that the database can keep one unfinished enrollment
    # per learner and programme (a constraint cannot follow a foreign key).
    programme = models.ForeignKey(
        "cms.ProgrammePage",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("programme"),
        editable=False,
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrollments",
        verbose_name=_("learner"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    applied_at = models.DateTimeField(_("applied at"), default=timezone.now, db_index=True)
    # Frozen when the learner applies (verified values from the profile): the waitlist order
    # and the seminar requirement use these, so a later profile change moves nobody.
    rank = models.CharField(_("rank when ranked"), max_length=32, blank=True, editable=False)
    member_state = models.CharField(
        _("Member State when ranked"), max_length=3, blank=True, editable=False
    )
    priority_boost = models.IntegerField(
        _("waitlist priority boost"),
        default=0,
        help_text=_("Set by an administrator (with a reason) to move a learner up the waitlist."),
    )
    offer_expires_at = models.DateTimeField(_("offer expires at"), null=True, blank=True)
    seated_at = models.DateTimeField(_("seated at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("withdrawn or expired at"), null=True, blank=True)
    # An administrator's extension (audited): the cycle's closing leaves this learner
    # enrolled, and they may study, until this day.
    deadline_extended_to = models.DateField(
        _("deadline extended to"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        ordering = ["cycle", "applied_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "cycle"],
                condition=Q(status__in=["waitlisted", "offered", "enrolled", "completed"]),
                name="one_live_enrollment_per_learner_and_cycle",
                violation_error_message=_("This learner has already applied to this cycle."),
            ),
            models.UniqueConstraint(
                fields=["learner", "programme"],
                condition=Q(status__in=["waitlisted", "offered", "enrolled"]),
                name="one_unfinished_enrollment_per_learner_and_programme",
                violation_error_message=_(
                    "This learner already has an enrollment in a cycle of this programme."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False),
                name="offer_has_a_deadline",
            ),
        ]
        indexes = [models.Index(fields=["cycle", "status"], name="enrollment_cycle_status")]

    def __str__(self):
        return f"{self.learner} · {self.cycle} · {self.get_status_display()}"

    def save(self, *args, **kwargs):
        if self.programme_id is None and self.cycle_id is not None:
            self.programme_id = self.cycle.programme_id
        super().save(*args, **kwargs)

    @property
    def is_seated(self) -> bool:
        return self.status in self.SEATED

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE

    @property
    def last_day(self):
        """The last day this learner may study: the cycle's, or their extension's."""
        return max(self.cycle.ends_on, self.deadline_extended_to or self.cycle.ends_on)

    def can_study(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (
            self.status == self.Status.ENROLLED and self.cycle.starts_on <= today <= self.last_day
        )


class EnrollmentEvent(models.Model):
    """One row per change of an enrollment: the audit trail administrators read."""

    class Action(models.TextChoices):
        APPLIED = "applied", _("Applied")
        PROMOTED = "promoted", _("Promoted from the waitlist")
        CONFIRMED = "confirmed", _("Confirmed the offer")
        DECLINED = "declined", _("Declined the offer")
        EXPIRED = "expired", _("Offer expired")
        WITHDRAWN = "withdrawn", _("Withdrew")
        REMOVED = "removed", _("Removed by an administrator")
        ADMITTED = "admitted", _("Admitted by an administrator")
        ADMITTED_OVER_CAPACITY = (
            "admitted_over",
            _("Admitted over the capacity by an administrator"),
        )
        CANCELLED = "cancelled", _("Cycle cancelled")
        REPRIORITISED = "reprioritised", _("Moved on the waitlist by an administrator")
        COMPLETED = "completed", _("Completed the cycle")
        CLOSED = "closed", _("Cycle closed")
        DEADLINE_EXTENDED = "extended", _("Deadline extended by an administrator")

    enrollment = models.ForeignKey(Enrollment, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=16, blank=True)
    to_status = models.CharField(_("to"), max_length=16)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Blank when the system acted (promotion, expiry)."),
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("enrollment event")
        verbose_name_plural = _("enrollment events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.from_status or '—'} → {self.to_status})"


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


class LessonCompletion(models.Model):
    """A lesson done by a learner within one enrollment (a later cycle starts afresh)."""

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson = models.ForeignKey("cms.LessonPage", on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)

    class Meta:
        verbose_name = _("lesson completion")
        verbose_name_plural = _("lesson completions")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "lesson"], name="one_completion_per_lesson_and_enrollment"
            )
        ]

    def __str__(self):
        return f"{self.enrollment} · lesson {self.lesson_id}"


class KnowledgeCheckAttempt(models.Model):
    """Every submission of a knowledge check, graded on the server."""

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="knowledge_check_attempts"
    )
    lesson = models.ForeignKey("cms.LessonPage", on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(_("knowledge check"), max_length=64)
    answers = models.JSONField(_("answers"), default=dict)
    score = models.PositiveSmallIntegerField(_("score (%)"))
    passed = models.BooleanField(_("passed"))
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    class Meta:
        verbose_name = _("knowledge check attempt")
        verbose_name_plural = _("knowledge check attempts")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["enrollment", "lesson"], name="attempt_enrollment_lesson")]

    def __str__(self):
        return f"{self.enrollment} · {self.score}%"


class SeminarAttendance(models.Model):
    """Whether a learner attended the cycle's seminar, as recorded by its instructor."""

    enrollment = models.OneToOneField(
        Enrollment, on_delete=models.CASCADE, related_name="seminar_attendance"
    )
    attended = models.BooleanField(_("attended"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("seminar attendance")
        verbose_name_plural = _("seminar attendance")

    def __str__(self):
        return f"{self.enrollment} · {'attended' if self.attended else 'absent'}"


class Reminder(models.Model):
    """A reminder sent to a learner about one enrollment: one row per kind, so that each is
    sent at most once (the unique constraint holds even when two runs overlap)."""

    class Kind(models.TextChoices):
        OFFER_DEADLINE = "offer_deadline", _("Offer about to lapse")
        CYCLE_START = "cycle_start", _("Cycle starting")
        INACTIVITY = "inactivity", _("No progress lately")

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "kind"], name="one_reminder_per_enrollment_and_kind"
            ),
        ]

    def __str__(self):
        return f"{self.enrollment_id} · {self.kind}"


from .priority_models import PriorityInvitee, PriorityWindow  # noqa: E402, F401
