"""Announcements: an instructor of the cycle or an administrator writes to its learners
(everyone, seated, waitlisted, or one seminar session). The audience is fixed when it is
sent (a receipt per recipient, unique), shown on their dashboards, and e-mailed once each
through the outbox (one message per receipt, written in this transaction), in the learner's
language when a translation was given."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from courses.models import Cycle, Enrollment
from courses.services.permissions import can_teach

from .exceptions import SessionError
from .models import Announcement, AnnouncementReceipt, AnnouncementTranslation, SeminarSession

A = Announcement.Audience


def audience_of(*, cycle: Cycle, audience: str, session: SeminarSession | None):
    enrollments = Enrollment.objects.filter(cycle=cycle)
    if audience == A.EVERYONE:
        return enrollments.filter(status__in=Enrollment.LIVE)
    if audience == A.SEATED:
        return enrollments.filter(status__in=Enrollment.SEATED)
    if audience == A.WAITLISTED:
        return enrollments.filter(status=Enrollment.Status.WAITLISTED)
    return enrollments.filter(status__in=Enrollment.SEATED, seminar_seat__session=session)


@transaction.atomic
def announce(
    *,
    cycle: Cycle,
    audience: str,
    subject: str,
    body: str,
    by,
    session: SeminarSession | None = None,
    translations: dict[str, tuple[str, str]] | None = None,
) -> Announcement:
    """Send an announcement to part of a cycle. Only the cycle's instructors and the
    administrators; a session's audience names a session of this cycle. `translations`:
    {language: (subject, message)} for languages of settings.LANGUAGES; a language given
    only a subject or only a message is refused (a learner would read half of each)."""
    if not can_teach(by, cycle):
        raise SessionError(_("Only the cycle's instructors and administrators write to it."))
    if audience not in A.values:
        raise SessionError(_("Choose who receives the announcement."))
    if (audience == A.SESSION) != (session is not None) or (
        session is not None and session.cycle_id != cycle.pk
    ):
        raise SessionError(_("Choose one of this cycle's sessions for a session's learners."))
    if not subject.strip() or not body.strip():
        raise SessionError(_("Write a subject and a message in English."))
    given = {}
    known = dict(settings.LANGUAGES)
    for language, (t_subject, t_body) in (translations or {}).items():
        t_subject, t_body = (t_subject or "").strip(), (t_body or "").strip()
        if language not in known or language == settings.LANGUAGE_CODE:
            raise SessionError(
                _("%(code)s is not a language to translate into.") % {"code": language}
            )
        if bool(t_subject) != bool(t_body):
            raise SessionError(
                _("Write both the subject and the message in %(language)s, or neither.")
                % {"language": _(str(known[language]))}
            )
        if t_subject:
            given[language] = (t_subject, t_body)
    announcement = Announcement.objects.create(
        cycle=cycle,
        audience=audience,
        session=session,
        subject=subject.strip(),
        body=body.strip(),
        author=by,
    )
    AnnouncementTranslation.objects.bulk_create(
        AnnouncementTranslation(
            announcement=announcement, language=language, subject=t_subject, body=t_body
        )
        for language, (t_subject, t_body) in given.items()
    )
    recipients = audience_of(cycle=cycle, audience=audience, session=session).select_related(
        "learner"
    )
    receipts = AnnouncementReceipt.objects.bulk_create(
        [
            AnnouncementReceipt(
                announcement=announcement,
                enrollment=enrollment,
                recipient=enrollment.learner,
                language=enrollment.learner.preferred_language or "en",
            )
            for enrollment in recipients
        ]
    )
    from outbox.services import enqueue

    from .emails import ANNOUNCEMENT_EMAIL

    for receipt in receipts:
        enqueue(
            kind=ANNOUNCEMENT_EMAIL,
            payload={"receipt_id": receipt.pk},
            dedup_key=f"announcement-receipt:{receipt.pk}",
        )
    return announcement
