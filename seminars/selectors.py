"""Reads for the seminar pages."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, QuerySet

from courses.models import Cycle, Enrollment

from .models import AnnouncementReceipt, SeminarSession, SessionSeat


def sessions_of(*, cycle: Cycle) -> QuerySet[SeminarSession]:
    """The cycle's sessions with `seats_taken`."""
    return (
        cycle.seminar_sessions.select_related("instructor", "cycle")
        .annotate(seats_taken=Count("seats"))
        .order_by("starts_at", "pk")
    )


def seats_for(*, learner_id: int) -> dict[int, SessionSeat]:
    """The learner's seminar seats by enrollment id, with the enrollment's attendance row
    (`seat.enrollment.seminar_attendance`): one query for the whole dashboard."""
    seats = SessionSeat.objects.filter(enrollment__learner_id=learner_id).select_related(
        "session", "enrollment__seminar_attendance"
    )
    return {seat.enrollment_id: seat for seat in seats}


def seated_in(*, learner, cycle: Cycle) -> Enrollment | None:
    if not learner.is_authenticated:
        return None
    return (
        Enrollment.objects.filter(learner=learner, cycle=cycle, status__in=Enrollment.SEATED)
        .select_related("cycle")
        .first()
    )


def announcements_for(*, learner_id: int) -> dict[int, list[dict]]:
    """The announcements a learner received, newest first, by enrollment id, each in the
    language it was sent in (two queries for the whole dashboard: receipts, translations)."""
    found: dict[int, list[dict]] = {}
    receipts = (
        AnnouncementReceipt.objects.filter(recipient_id=learner_id)
        .select_related("announcement")
        .prefetch_related("announcement__translations")
        .order_by("-announcement__created_at", "-pk")
    )
    for receipt in receipts:
        subject, body = receipt.announcement.text_in(receipt.language or settings.LANGUAGE_CODE)
        found.setdefault(receipt.enrollment_id, []).append(
            {"subject": subject, "body": body, "at": receipt.announcement.created_at}
        )
    return found


def session_history(cycle):
    """The seminar's events of `cycle` for its history page (courses.history): sessions
    chosen and changed, attendance recorded, with the learner and the session."""
    from courses.history import HistoryRow

    from .models import SessionEvent

    events = SessionEvent.objects.filter(enrollment__cycle=cycle).select_related(
        "actor", "session", "enrollment__learner"
    )
    for event in events:
        detail = [str(event.enrollment.learner), event.session.label]
        if event.attendance:
            detail.append(event.attendance)
        if event.note:
            detail.append(event.note)
        yield HistoryRow(
            event.created_at, event.actor, event.get_action_display(), " · ".join(detail)
        )
