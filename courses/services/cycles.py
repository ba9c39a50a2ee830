"""A cycle's life after it is opened: copying it to the next quarter, closing it after its
last day (outcomes recorded, nothing deleted), and one learner's extended deadline."""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.permissions import ADMINISTER_CYCLES

from ..exceptions import InvalidTransition, NotAllowed
from ..models import Cycle, CycleEvent, Enrollment, EnrollmentEvent
from ..selectors import instructors_of
from .locks import lock_cycle
from .permissions import require_permission
from .priority import open_priority_window
from .roster import assign_instructor
from .transitions import record_event, reload_enrollment, require_reason, transition

S = Enrollment.Status
A = EnrollmentEvent.Action


def _a_quarter_later(day: date) -> date:
    """The same day three months later (the 31st becomes the month's last day)."""
    month = day.month + 3
    year, month = day.year + (month - 1) // 12, (month - 1) % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def next_code(code: str) -> str:
    """PATIT-2026-4 → PATIT-2027-1 (cycles are numbered by quarter); any other code gets
    a -next suffix for the administrator to rename."""
    match = re.fullmatch(r"(.*-)(\d{4})-([1-4])", code)
    if not match:
        return f"{code}-next"[:40]
    prefix, year, quarter = match.group(1), int(match.group(2)), int(match.group(3))
    year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return f"{prefix}{year}-{quarter}"


@transaction.atomic
def copy_to_next_cycle(
    *, cycle: Cycle, by, starts_on: date | None = None, priority_days: int = 0, now=None
) -> Cycle:
    """An administrator opens the next run of a cycle: every date moves by a quarter (or so
    that it starts on `starts_on`), and the capacity, waitlist policy, offer window, seminar
    rule, reminders and instructors are kept. The certificate template belongs to the
    programme, so it follows. Refused when the next code is already taken.

    With `priority_days`, the learners left on this cycle's waitlist are invited to apply
    to the copy first: for that many days of its applications only they (and
    administrators) may apply (`services/priority.py`). Audited on the COPIED event."""
    require_permission(by, "courses.add_cycle")
    # One shift for every date, so that the windows keep their lengths.
    shift = (starts_on or _a_quarter_later(cycle.starts_on)) - cycle.starts_on
    code = next_code(cycle.code)
    if Cycle.objects.filter(code=code).exists():
        raise NotAllowed(_("A cycle %(code)s already exists; edit it instead.") % {"code": code})
    title = cycle.title.replace(cycle.code, code) if cycle.code in cycle.title else cycle.title
    copy = Cycle.objects.create(
        programme=cycle.programme,
        code=code,
        title=title,
        starts_on=cycle.starts_on + shift,
        ends_on=cycle.ends_on + shift,
        applications_open_at=cycle.applications_open_at + shift,
        applications_close_at=cycle.applications_close_at + shift,
        late_join_on=cycle.late_join_on + shift if cycle.late_join_on else None,
        capacity=cycle.capacity,
        offer_hours=cycle.offer_hours,
        policy=cycle.policy,
        seminar_requirement=cycle.seminar_requirement,
        remind_offer_hours=cycle.remind_offer_hours,
        remind_at_start=cycle.remind_at_start,
        remind_inactive_days=cycle.remind_inactive_days,
    )
    for instructor in instructors_of(cycle=cycle):
        assign_instructor(cycle=copy, instructor=instructor)
    detail: dict = {"to": copy.code}
    if priority_days:
        window = open_priority_window(cycle=copy, source=cycle, days=priority_days, by=by, now=now)
        detail.update(
            priority_days=priority_days,
            priority_until=window.until.isoformat(),
            invited=window.invitees.count(),
        )
    CycleEvent.objects.create(
        cycle=cycle,
        action=CycleEvent.Action.COPIED,
        actor=by,
        detail=detail,
        created_at=now or timezone.now(),
    )
    return copy


def close_cycle(*, cycle: Cycle, by=None, now=None) -> dict[str, int]:
    """Close a cycle after its last day: enrolled learners who did not complete get *not
    completed* (unless an administrator extended their deadline past today), the waitlist
    gets *not admitted*, open offers lapse; each learner is told in their language. Nothing
    is deleted, and completed learners keep their certificates. Safe to run again: it then
    closes only the extensions that have run out. Returns the counts by outcome."""
    if by is not None:
        require_permission(by, ADMINISTER_CYCLES)
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts: dict[str, int] = {S.NOT_COMPLETED: 0, S.NOT_ADMITTED: 0, S.EXPIRED: 0}
    with transaction.atomic():
        cycle = lock_cycle(cycle.pk)
        if not cycle.is_over(today):
            raise NotAllowed(
                _("%(code)s ends on %(date)s; it can be closed after that day.")
                % {"code": cycle.code, "date": cycle.ends_on}
            )
        if cycle.is_cancelled:
            raise NotAllowed(
                _("%(code)s was cancelled; there is nothing to close.") % {"code": cycle.code}
            )
        if cycle.closed_at is None:
            cycle.closed_at = now
            cycle.save(update_fields=["closed_at"])
            CycleEvent.objects.create(
                cycle=cycle, action=CycleEvent.Action.CLOSED, actor=by, created_at=now
            )
        reason = _("%(code)s ended on %(date)s.") % {"code": cycle.code, "date": cycle.ends_on}
        unfinished = (
            cycle.enrollments.filter(status__in=Enrollment.UNFINISHED)
            .select_related("learner", "cycle")
            .order_by("pk")
        )
        for enrollment in unfinished:
            if enrollment.status == S.ENROLLED:
                if enrollment.deadline_extended_to and enrollment.deadline_extended_to >= today:
                    continue
                to_status = S.NOT_COMPLETED
            elif enrollment.status == S.WAITLISTED:
                to_status = S.NOT_ADMITTED
            else:
                to_status = S.EXPIRED  # the offer lapses; the seat is not passed on
            transition(enrollment, to_status, action=A.CLOSED, actor=by, reason=reason, now=now)
            counts[to_status] += 1
    return counts


def close_due_cycles(*, now=None) -> int:
    """Close every cycle whose last day has passed (and the extensions that ran out): one
    transaction per cycle. Run by Celery beat, `close_cycles` and `run_due_work`."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    # Never closed yet, or closed with an extension still enrolled.
    due = (
        Cycle.objects.filter(ends_on__lt=today, cancelled_at__isnull=True)
        .filter(Q(closed_at__isnull=True) | Q(enrollments__status=S.ENROLLED))
        .values_list("pk", flat=True)
        .distinct()
    )
    closed = 0
    for cycle in Cycle.objects.filter(pk__in=list(due)).order_by("pk"):
        counts = close_cycle(cycle=cycle, now=now)
        closed += sum(counts.values())
    return closed


@transaction.atomic
def extend_deadline(
    *, enrollment: Enrollment, until: date, by, reason: str, now=None
) -> Enrollment:
    """An administrator lets one enrolled learner finish after the cycle's last day, with a
    reason (audited): closing the cycle leaves them enrolled until `until`."""
    require_permission(by, "courses.change_enrollment")
    reason = require_reason(reason)
    lock_cycle(enrollment.cycle_id)
    enrollment = reload_enrollment(enrollment)
    if enrollment.status != S.ENROLLED:
        raise InvalidTransition(_("Only an enrolled learner's deadline can be extended."))
    if until <= enrollment.cycle.ends_on:
        raise NotAllowed(
            _("The new deadline must fall after the cycle's last day (%(date)s).")
            % {"date": enrollment.cycle.ends_on}
        )
    if until > enrollment.cycle.ends_on + timedelta(days=366):
        raise NotAllowed(_("A deadline can be extended by a year at most."))
    enrollment.deadline_extended_to = until
    enrollment.save(update_fields=["deadline_extended_to"])
    record_event(
        enrollment,
        action=A.DEADLINE_EXTENDED,
        from_status=S.ENROLLED,
        actor=by,
        reason=f"{until.isoformat()}: {reason}",
        now=now,
    )
    return enrollment
