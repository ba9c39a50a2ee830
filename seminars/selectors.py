"""Reads for the seminar pages."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from courses.models import Cycle, Enrollment

from .models import SeminarSession, SessionSeat


def sessions_of(*, cycle: Cycle) -> QuerySet[SeminarSession]:
    """The cycle's sessions with `seats_taken`."""
    return (
        cycle.seminar_sessions.select_related("instructor", "cycle")
        .annotate(seats_taken=Count("seats"))
        .order_by("starts_at", "pk")
    )


def seats_for(*, learner_id: int) -> dict[int, SessionSeat]:
    """The learner's seminar seats by enrollment id (one query for the whole dashboard)."""
    return {
        seat.enrollment_id: seat
        for seat in SessionSeat.objects.filter(enrollment__learner_id=learner_id)
        .select_related("session")
    }


def seated_in(*, learner, cycle: Cycle) -> Enrollment | None:
    if not learner.is_authenticated:
        return None
    return (
        Enrollment.objects.filter(learner=learner, cycle=cycle, status__in=Enrollment.SEATED)
        .select_related("cycle").first()
    )
