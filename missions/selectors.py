"""Reads for the mission pages: a focal point's diplomats, open cycles and nominees."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone

from accounts.closed import ERASED_DOMAIN
from courses.models import Cycle, Enrollment
from courses.selectors import waitlist_positions

from .models import FocalPoint, MissionQuota
from .quotas import used


def diplomats_of(*, focal: FocalPoint):
    """The mission's participants (not its staff accounts, nor the focal point)."""
    return (
        get_user_model()
        .objects.filter(member_state=focal.member_state, is_active=True, is_staff=False)
        .exclude(pk=focal.user_id)
        .order_by("last_name", "first_name", "email")
    )


def open_cycles(*, focal: FocalPoint, now=None) -> list[dict]:
    now = now or timezone.now()
    cycles = (
        Cycle.objects.filter(
            applications_open_at__lte=now, applications_close_at__gte=now, cancelled_at__isnull=True
        )
        .select_related("programme")
        .order_by("starts_on", "code")
    )
    quotas = dict(
        MissionQuota.objects.filter(cycle__in=cycles, member_state=focal.member_state).values_list(
            "cycle_id", "quota"
        )
    )
    return [
        {
            "cycle": c,
            "quota": quotas.get(c.pk),
            "used": used(cycle=c, member_state=focal.member_state),
        }
        for c in cycles
    ]


def nominees_of(*, focal: FocalPoint) -> list[dict]:
    """Where each of the mission's applicants stands, in cycles not yet closed."""
    enrollments = list(
        Enrollment.objects.filter(
            learner__member_state=focal.member_state,
            cycle__closed_at__isnull=True,
            cycle__cancelled_at__isnull=True,
        )
        # An erased person is nobody's nominee any more: their pseudonym is never shown.
        .exclude(learner__email__endswith="@" + ERASED_DOMAIN)
        .select_related("learner", "cycle")
        .order_by("cycle__starts_on", "learner__last_name")
    )
    positions = {}
    for cycle_id in {e.cycle_id for e in enrollments if e.status == Enrollment.Status.WAITLISTED}:
        positions.update(waitlist_positions(cycle=Cycle.objects.get(pk=cycle_id)))
    return [{"enrollment": e, "position": positions.get(e.pk)} for e in enrollments]


def diplomat_enrollments(*, diplomat):
    return (
        Enrollment.objects.filter(learner=diplomat)
        .select_related("cycle")
        .prefetch_related(Prefetch("events"))
        .order_by("-applied_at")
    )
