"""Reads for a cycle's priority window (see `courses/models/priority.py`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from core.permissions import ADMINISTER_CYCLES, has_permission

from ..models import Cycle, Enrollment, PriorityInvitee, PriorityWindow

# Who is left on a cycle's waitlist: still waiting, or recorded as not admitted when it
# closed.
LEFT_ON_THE_WAITLIST = (Enrollment.Status.WAITLISTED, Enrollment.Status.NOT_ADMITTED)


@dataclass(frozen=True)
class PriorityStanding:
    """What a visitor needs to know about an open priority window."""

    until: datetime
    source_code: str
    invited: bool
    administrator: bool

    @property
    def may_apply(self) -> bool:
        return self.invited or self.administrator


def left_on_the_waitlist(*, cycle: Cycle):
    """The learners left on `cycle`'s waitlist (one row each), with an active account."""
    return (
        Enrollment.objects.filter(cycle=cycle, status__in=LEFT_ON_THE_WAITLIST)
        .filter(learner__is_active=True)
        .values_list("learner_id", flat=True)
        .distinct()
    )


def open_window(*, cycle: Cycle, now=None) -> PriorityWindow | None:
    """The cycle's priority window while it is open, else None (one query)."""
    now = now or timezone.now()
    return (
        PriorityWindow.objects.filter(cycle=cycle, until__gt=now).select_related("source").first()
    )


def priority_standing(*, cycle: Cycle, user, now=None) -> PriorityStanding | None:
    """Whether `user` may apply to `cycle` during its open priority window, and why; None
    when no window is open."""
    window = open_window(cycle=cycle, now=now)
    if window is None:
        return None
    signed_in = bool(user and user.is_authenticated)
    return PriorityStanding(
        until=window.until,
        source_code=window.source.code,
        invited=signed_in and PriorityInvitee.objects.filter(window=window, learner=user).exists(),
        administrator=has_permission(user, ADMINISTER_CYCLES),
    )
