"""Administrators' acts on a cycle's roster: the capacity, removals, admissions ahead of
the waitlist or over the cap, moves to the head of the waitlist, cancelling a cycle, and
assigning instructors (docs/architecture.md, rules 1, 2 and 6). Every override takes an
actor who holds the permission and a reason kept in the audit trail.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.permissions import ADMINISTER_CYCLES
from core.stored_text import english

from ..exceptions import AlreadyApplied, CycleFull, InvalidTransition, NotAllowed
from ..models import Cycle, CycleEvent, Enrollment
from ..selectors import seated_count
from .enrollment import create_enrollment, withdraw
from .permissions import require_permission
from .transitions import (
    A,
    S,
    fill_free_seats,
    lock,
    record_event,
    reload_enrollment,
    require_reason,
    transition,
)

# --- Administrators ----------------------------------------------------------------------
# Overrides take an actor who holds the permission, and a reason kept in the audit trail.

MAX_CAPACITY = 100_000


@transaction.atomic
def set_capacity(*, cycle: Cycle, capacity: int, by=None, now=None) -> list[Enrollment]:
    """Change the cap (an administrator, or the system when `by` is None). Raising it
    promotes from the waitlist at once; lowering it below the seats taken removes nobody
    and only stops promotion until a seat is free."""
    if by is not None:
        require_permission(by, ADMINISTER_CYCLES)
    try:
        capacity = int(capacity)
    except (TypeError, ValueError):
        capacity = -1
    if not 0 <= capacity <= MAX_CAPACITY:
        raise NotAllowed(
            _("The capacity must be a whole number from 0 to %(max)s.") % {"max": MAX_CAPACITY}
        )
    now = now or timezone.now()
    cycle = lock(cycle)
    previous = cycle.capacity
    cycle.capacity = capacity
    cycle.save(update_fields=["capacity"])
    if previous != capacity:
        CycleEvent.objects.create(
            cycle=cycle,
            action=CycleEvent.Action.CAPACITY_CHANGED,
            actor=by,
            created_at=now,
            detail={"from": previous, "to": capacity},
        )
    by_whom = f" ({by})" if by else ""
    return fill_free_seats(
        cycle,
        now=now,
        reason=english("Capacity set to %(capacity)s%(by)s.", capacity=capacity, by=by_whom),
    )


@transaction.atomic
def remove(*, enrollment: Enrollment, by, reason: str, now=None) -> Enrollment | None:
    """An administrator removes a learner (any live status but completed), with a reason.
    The freed seat is given at once; returns whoever was promoted."""
    require_permission(by, "courses.change_enrollment")
    return withdraw(enrollment=enrollment, by=by, reason=require_reason(reason), now=now)


def _cycle_full(cycle: Cycle) -> CycleFull:
    return CycleFull(
        _(
            "%(code)s is full (%(capacity)s seats). Raise the capacity, or admit over the "
            "capacity (recorded in the audit trail)."
        )
        % {"code": cycle.code, "capacity": cycle.capacity}
    )


@transaction.atomic
def admit(
    *, enrollment: Enrollment, by, reason: str, over_capacity: bool = False, now=None
) -> Enrollment:
    """An administrator admits a waitlisted learner ahead of the queue, with a reason.

    The cap holds unless the administrator explicitly admits over it (`over_capacity`),
    which the audit trail records as such.
    """
    require_permission(by, "courses.change_enrollment")
    reason = require_reason(reason)
    now = now or timezone.now()
    cycle = lock(enrollment.cycle)
    enrollment = reload_enrollment(enrollment)
    if enrollment.status != S.WAITLISTED:
        raise InvalidTransition.for_change(enrollment, S.ENROLLED)
    action = A.ADMITTED
    if seated_count(cycle=cycle) >= cycle.capacity:
        if not over_capacity:
            raise _cycle_full(cycle)
        action = A.ADMITTED_OVER_CAPACITY
    return transition(enrollment, S.ENROLLED, action=action, actor=by, reason=reason, now=now)


@transaction.atomic
def enrol(
    *, learner, cycle: Cycle, by, reason: str, over_capacity: bool = False, now=None
) -> Enrollment:
    """An administrator seats a learner directly, with a reason: outside the application
    window, or a learner who completed the programme before. The one-unfinished-enrollment-
    per-programme rule still holds; the cap holds unless `over_capacity` (audited)."""
    require_permission(by, "courses.change_enrollment")
    reason = require_reason(reason)
    now = now or timezone.now()
    cycle = lock(cycle)
    if cycle.is_cancelled or cycle.is_over(timezone.localdate(now)):
        raise NotAllowed(_("%(code)s is cancelled or over.") % {"code": cycle.code})
    existing = cycle.enrollments.filter(learner=learner, status__in=Enrollment.LIVE).first()
    if existing is not None:
        raise AlreadyApplied(
            _("%(learner)s is already %(status)s in %(code)s.")
            % {
                "learner": learner,
                "code": cycle.code,
                "status": existing.get_status_display().lower(),
            }
        )
    action = A.ADMITTED
    if seated_count(cycle=cycle) >= cycle.capacity:
        if not over_capacity:
            raise _cycle_full(cycle)
        action = A.ADMITTED_OVER_CAPACITY
    enrollment = create_enrollment(cycle, learner, status=S.ENROLLED, now=now)
    record_event(enrollment, action=action, actor=by, reason=reason, now=now)
    return enrollment


@transaction.atomic
def move_to_head_of_waitlist(*, enrollment: Enrollment, by, reason: str, now=None) -> Enrollment:
    """An administrator puts a waitlisted learner first in line, with a reason (audited)."""
    require_permission(by, "courses.change_enrollment")
    reason = require_reason(reason)
    cycle = lock(enrollment.cycle)
    enrollment = reload_enrollment(enrollment)
    if enrollment.status != S.WAITLISTED:
        raise NotAllowed(_("Only a waitlisted learner can be moved on the waitlist."))
    top = cycle.enrollments.filter(status=S.WAITLISTED).aggregate(m=Max("priority_boost"))["m"]
    enrollment.priority_boost = (top or 0) + 1
    enrollment.save(update_fields=["priority_boost"])
    record_event(
        enrollment,
        action=A.REPRIORITISED,
        from_status=S.WAITLISTED,
        actor=by,
        reason=reason,
        now=now,
    )
    return enrollment


@transaction.atomic
def cancel_cycle(*, cycle: Cycle, by, reason: str, now=None) -> int:
    """An administrator cancels a cycle, with a reason: every unfinished enrollment is
    withdrawn (and the learner told), completed ones and every audit row are kept, nobody
    can apply or be promoted any more. Returns how many learners were withdrawn."""
    require_permission(by, ADMINISTER_CYCLES)
    reason = require_reason(reason)
    now = now or timezone.now()
    cycle = lock(cycle)
    if cycle.is_cancelled:
        raise NotAllowed(_("%(code)s is already cancelled.") % {"code": cycle.code})
    cycle.cancelled_at, cycle.cancelled_reason = now, reason
    cycle.save(update_fields=["cancelled_at", "cancelled_reason"])
    CycleEvent.objects.create(
        cycle=cycle, action=CycleEvent.Action.CANCELLED, actor=by, reason=reason, created_at=now
    )
    unfinished = (
        cycle.enrollments.filter(status__in=Enrollment.UNFINISHED)
        .select_related("learner", "cycle")
        .order_by("pk")
    )
    count = 0
    for enrollment in unfinished:
        transition(enrollment, S.WITHDRAWN, action=A.CANCELLED, actor=by, reason=reason, now=now)
        count += 1
    return count


def assign_instructor(*, cycle: Cycle, instructor) -> None:
    """Give an instructor rights on one cycle (django-guardian object permission) and on
    its programme's pages (courses/services/page_rights.py)."""
    from guardian.shortcuts import assign_perm

    from .page_rights import grant_programme_pages

    assign_perm("courses.teach_cycle", instructor, cycle)
    grant_programme_pages(instructor=instructor, programme=cycle.programme)


def unassign_instructor(*, cycle: Cycle, instructor) -> None:
    from guardian.shortcuts import remove_perm

    from .page_rights import revoke_programme_pages_if_done

    remove_perm("courses.teach_cycle", instructor, cycle)
    revoke_programme_pages_if_done(instructor=instructor, programme=cycle.programme)
