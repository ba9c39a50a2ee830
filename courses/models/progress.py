"""What a learner has done within one enrollment: lessons, knowledge checks, seminar
attendance, and the reminders sent about it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enrollment import Enrollment


class LessonCompletion(models.Model):
    """A lesson done by a learner within one enrollment (a later cycle starts afresh)."""

    # Learner activity rows, written on every application or lesson: Wagtail's reference
    # index (page "usage") would add a lookup and a write to each, for nothing.
    wagtail_reference_index_ignore = True

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

    # Learner activity rows, written on every application or lesson: Wagtail's reference
    # index (page "usage") would add a lookup and a write to each, for nothing.
    wagtail_reference_index_ignore = True

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
    """Whether a learner attended the cycle's seminar (present, absent or excused, with a
    note), as recorded by an instructor or an administrator: the one record of attendance.
    It is progress (the completion rule counts `attended`), so it lives here, below the
    seminars app that schedules the sessions and offers the screen (`seminars/`)."""

    class Attendance(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    # Learner activity rows, written on every application or lesson: Wagtail's reference
    # index (page "usage") would add a lookup and a write to each, for nothing.
    wagtail_reference_index_ignore = True

    enrollment = models.OneToOneField(
        Enrollment, on_delete=models.CASCADE, related_name="seminar_attendance"
    )
    # What the completion rule reads: present. Absent and excused both leave it False.
    attended = models.BooleanField(_("attended"))
    excused = models.BooleanField(_("excused"), default=False)
    note = models.TextField(_("note"), blank=True)
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
        constraints = [
            models.CheckConstraint(
                condition=models.Q(attended=False) | models.Q(excused=False),
                name="attendance_present_or_excused_not_both",
            )
        ]

    def __str__(self):
        return f"{self.enrollment} · {self.attendance}"

    @property
    def attendance(self) -> str:
        """Present, absent or excused (an `Attendance` value)."""
        if self.attended:
            return self.Attendance.PRESENT
        return self.Attendance.EXCUSED if self.excused else self.Attendance.ABSENT

    def get_attendance_display(self) -> str:
        return self.Attendance(self.attendance).label


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
