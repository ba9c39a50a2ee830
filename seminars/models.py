"""Seminar sessions of a cycle, the session each learner chose, the audit trail of both
(attendance included), and private calendar tokens. Attendance itself is one row per
enrollment, `courses.SeminarAttendance`, which the completion rule reads.

A session's capacity is kept like a cycle's: the session row is locked before its seats are
counted (see `seminars/services.py`)."""

import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms import content_names
from core.dates import format_datetime
from core.validators import capacity_bound, one_line


def _time_zone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class SeminarSession(models.Model):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    cycle = models.ForeignKey(
        "courses.Cycle",
        on_delete=models.CASCADE,
        related_name="seminar_sessions",
        verbose_name=_("cycle"),
    )
    title = models.CharField(_("title"), max_length=200, blank=True, validators=[one_line])
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    # The time zone the session is held in: the calendar feeds and the pages show its
    # local time, whatever the server's zone.
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=settings.TIME_ZONE, choices=_time_zone_choices
    )
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    venue = models.CharField(_("venue"), max_length=200, blank=True, validators=[one_line])
    room = models.CharField(_("room"), max_length=100, blank=True, validators=[one_line])
    meeting_url = models.URLField(
        _("meeting link"), blank=True, help_text=_("Shown only to seated learners.")
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    capacity = models.PositiveIntegerField(_("capacity"), validators=[capacity_bound])
    choose_until = models.DateTimeField(
        _("choose or change until"),
        help_text=_("Learners choose or change their session until then."),
    )
    instructor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("instructor"),
        help_text=_("Records the attendance of this session (with the administrators)."),
    )

    class Meta:
        verbose_name = _("seminar session")
        verbose_name_plural = _("seminar sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="seminar_session_ends_after_it_starts",
                violation_error_message=_("A session must end after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(format="in_person") | ~Q(venue=""),
                name="in_person_session_has_a_venue",
                violation_error_message=_("An in-person session needs a venue."),
            ),
            models.CheckConstraint(
                condition=~Q(format="online") | ~Q(meeting_url=""),
                name="online_session_has_a_link",
                violation_error_message=_("An online session needs a meeting link."),
            ),
        ]

    def __str__(self):
        return f"{self.cycle.code} · {self.label}"

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at, self.tz)

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at, self.tz)

    @property
    def label(self) -> str:
        # The session's own time zone, named after it: a seminar happens in one place.
        when = format_datetime(self.starts_at, tz=self.tz)
        return content_names.session_title(self) or f"{when} {self.time_zone}"

    @property
    def place(self) -> str:
        if self.format == self.Format.ONLINE:
            return str(_("Online"))
        venue = content_names.session_venue(self)
        return ", ".join(part for part in (venue, self.room) if part)

    def is_open_for_choice(self, now=None) -> bool:
        return (now or timezone.now()) <= self.choose_until

    def clean(self):
        try:
            zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
            raise ValidationError({"time_zone": _("Unknown time zone.")}) from error


class SessionSeat(models.Model):
    """The session a learner chose. What the instructor records there is the enrollment's
    one attendance record (`courses.SeminarAttendance`, which the completion rule reads)."""

    # One seat per enrollment: changing session moves the seat.
    enrollment = models.OneToOneField(
        "courses.Enrollment",
        on_delete=models.CASCADE,
        related_name="seminar_seat",
        verbose_name=_("enrollment"),
    )
    session = models.ForeignKey(
        SeminarSession,
        on_delete=models.PROTECT,
        related_name="seats",
        verbose_name=_("session"),
    )
    chosen_at = models.DateTimeField(_("chosen at"), default=timezone.now)

    class Meta:
        verbose_name = _("seminar seat")
        verbose_name_plural = _("seminar seats")
        ordering = ["session", "chosen_at", "pk"]

    def __str__(self):
        return f"{self.enrollment} · {self.session.label}"


class SessionEvent(models.Model):
    """Audit trail: a session chosen or changed, attendance recorded (who, what, when)."""

    class Action(models.TextChoices):
        CHOSEN = "chosen", _("Chose a session")
        CHANGED = "changed", _("Changed session")
        ATTENDANCE = "attendance", _("Attendance recorded")

    enrollment = models.ForeignKey(
        "courses.Enrollment", on_delete=models.CASCADE, related_name="seminar_events"
    )
    session = models.ForeignKey(SeminarSession, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    attendance = models.CharField(_("attendance"), max_length=10, blank=True)
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("seminar event")
        verbose_name_plural = _("seminar events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.enrollment_id} · {self.get_action_display()} {self.attendance}".strip()


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarToken(models.Model):
    """The secret in a learner's private calendar address. Revoking it makes the old
    address answer 404; a new token gives a new address."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar token")
        verbose_name_plural = _("calendar tokens")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_calendar_token_per_user",
            )
        ]

    def __str__(self):
        return f"{self.user} · {'revoked' if self.revoked_at else 'active'}"


class Announcement(models.Model):
    """A message from an instructor or administrator to a cycle's learners (or part of
    them). The English text is required; a version in another language of the site, when
    given (`AnnouncementTranslation`), goes to learners who read that language."""

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone in the cycle (seated and waitlisted)")
        SEATED = "seated", _("Seated learners")
        WAITLISTED = "waitlisted", _("Waitlisted learners")
        SESSION = "session", _("Learners of one seminar session")

    cycle = models.ForeignKey(
        "courses.Cycle",
        on_delete=models.CASCADE,
        related_name="announcements",
        verbose_name=_("cycle"),
    )
    audience = models.CharField(_("audience"), max_length=12, choices=Audience.choices)
    session = models.ForeignKey(
        SeminarSession,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("seminar session"),
    )
    subject = models.CharField(_("subject (English)"), max_length=200)
    body = models.TextField(_("message (English)"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(audience="session", session__isnull=False)
                | (~Q(audience="session") & Q(session__isnull=True)),
                name="announcement_session_only_for_session_audience",
                violation_error_message=_("Choose a session for a session's learners."),
            ),
        ]

    def __str__(self):
        return f"{self.cycle.code} · {self.subject}"

    def text_in(self, language: str) -> tuple[str, str]:
        """(subject, message) in `language` when it was translated, else English."""
        # .all() so that a caller's prefetch_related("translations") is used.
        for translation in self.translations.all():
            # Both or neither: a subject in one language above a message in another would
            # read as a mistake (rows carried over from the old columns may hold one only).
            if translation.language == language and translation.subject and translation.body:
                return translation.subject, translation.body
        return self.subject, self.body


class AnnouncementTranslation(models.Model):
    """An announcement's subject and message in one language other than English: one row
    per language, so any language of settings.LANGUAGES can be given."""

    announcement = models.ForeignKey(
        Announcement,
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("announcement"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("message"), blank=True)

    class Meta:
        verbose_name = _("announcement translation")
        verbose_name_plural = _("announcement translations")
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "language"],
                name="one_announcement_translation_per_language",
            ),
        ]

    def __str__(self):
        return f"{self.language}: {self.subject}"


class AnnouncementReceipt(models.Model):
    """Who an announcement went to: one row per recipient (the database keeps it to one).
    Its e-mail is the outbox message keyed `announcement-receipt:<id>`."""

    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="receipts"
    )
    enrollment = models.ForeignKey(
        "courses.Enrollment", on_delete=models.CASCADE, related_name="announcement_receipts"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(_("language"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("announcement receipt")
        verbose_name_plural = _("announcement receipts")
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "recipient"],
                name="one_receipt_per_announcement_and_recipient",
            ),
        ]

    def __str__(self):
        return f"{self.announcement_id} → {self.recipient_id}"
