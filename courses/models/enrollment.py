"""A learner's enrollment in a cycle and its audit trail.

The database keeps one live enrollment per learner and cycle, and one unfinished enrollment
per learner and programme. An enrollment keeps the rank and Member State it was ranked and
judged with.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cycles import Cycle


class Enrollment(models.Model):
    # Learner activity rows, written on every application or lesson: Wagtail's reference
    # index (page "usage") would add a lookup and a write to each, for nothing.
    wagtail_reference_index_ignore = True

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

    # Learner activity rows, written on every application or lesson: Wagtail's reference
    # index (page "usage") would add a lookup and a write to each, for nothing.
    wagtail_reference_index_ignore = True

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
