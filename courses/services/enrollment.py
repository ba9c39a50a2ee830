"""Enrollment rules: caps, waitlists, offers and promotion (docs/architecture.md, rules 1,
2, 6 and 8).

Every service that can change who holds a seat first locks the cycle row
(`SELECT ... FOR UPDATE` on PostgreSQL; on SQLite the IMMEDIATE transaction already holds
the database's write lock), then counts, then writes. A freed seat is given to the head of
the waitlist before the transaction commits. E-mails are written to the outbox in the same
transaction and sent after commit.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..exceptions import (
    AlreadyApplied,
    ApplicationsClosed,
    CycleFull,
    InvalidTransition,
    NotAllowed,
    OfferExpired,
)
from ..models import Cycle, CycleEvent, Enrollment, EnrollmentEvent
from ..selectors import seated_count, waitlist
from .locks import lock_cycle
from .permissions import require_permission

S = Enrollment.Status
A = EnrollmentEvent.Action

# The only status changes there are. Anything else raises InvalidTransition.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.WAITLISTED: frozenset({S.OFFERED, S.ENROLLED, S.WITHDRAWN, S.NOT_ADMITTED}),
    S.OFFERED: frozenset({S.ENROLLED, S.WITHDRAWN, S.EXPIRED}),
    S.ENROLLED: frozenset({S.COMPLETED, S.WITHDRAWN, S.NOT_COMPLETED}),
    S.COMPLETED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.EXPIRED: frozenset(),
    # Outcomes of a closed cycle (see courses/services/cycles.py): final.
    S.NOT_COMPLETED: frozenset(),
    S.NOT_ADMITTED: frozenset(),
}

# Which e-mail a change sends to the learner (see courses/tasks.py).
NOTIFY = {
    (A.APPLIED, S.ENROLLED): "enrolled",
    (A.APPLIED, S.WAITLISTED): "waitlisted",
    (A.PROMOTED, S.OFFERED): "offered",
    (A.PROMOTED, S.ENROLLED): "promoted",
    (A.ADMITTED, S.ENROLLED): "promoted",
    (A.ADMITTED_OVER_CAPACITY, S.ENROLLED): "promoted",
    (A.CANCELLED, S.WITHDRAWN): "cancelled",
    (A.CONFIRMED, S.ENROLLED): "enrolled",
    (A.EXPIRED, S.EXPIRED): "expired",
    (A.WITHDRAWN, S.WITHDRAWN): "withdrawn",
    (A.DECLINED, S.WITHDRAWN): "withdrawn",
    (A.REMOVED, S.WITHDRAWN): "withdrawn",
    (A.CLOSED, S.NOT_COMPLETED): "not_completed",
    (A.CLOSED, S.NOT_ADMITTED): "not_admitted",
    (A.CLOSED, S.EXPIRED): "not_admitted",
}

# Extra rules another app adds to `apply` (e.g. missions' per-mission quotas), run under
# the cycle lock after the built-in checks: `check(cycle=, learner=, now=)` raises an
# EnrollmentError to refuse. Registered from the app's AppConfig.ready(), so that courses
# does not import the apps that build on it.
APPLICATION_CHECKS: list = []


def _lock(cycle: Cycle) -> Cycle:
    """Lock the cycle row for the rest of the transaction and return it fresh."""
    return lock_cycle(cycle.pk)


def _reload(enrollment: Enrollment) -> Enrollment:
    return Enrollment.objects.select_related("learner", "cycle").get(pk=enrollment.pk)


def _notify(enrollment: Enrollment, kind: str, *, event: EnrollmentEvent) -> None:
    # Written in this transaction (the outbox row exists exactly when the change does) and
    # sent after commit; one e-mail per audited event, however often anything retries.
    from outbox.services import enqueue

    from ..emails import ENROLLMENT_EMAIL

    enqueue(
        kind=ENROLLMENT_EMAIL,
        payload={"enrollment_id": enrollment.pk, "kind": kind},
        dedup_key=f"enrollment-event:{event.pk}",
    )


def _record(enrollment, *, action, from_status="", actor=None, reason="", now=None):
    event = EnrollmentEvent.objects.create(
        enrollment=enrollment,
        action=action,
        from_status=from_status,
        to_status=enrollment.status,
        actor=actor,
        reason=reason,
        created_at=now or timezone.now(),
    )
    kind = NOTIFY.get((action, enrollment.status))
    if kind:
        _notify(enrollment, kind, event=event)


def transition(enrollment, to_status, *, action, actor=None, reason="", now=None, **fields):
    """The one place an enrollment changes status: checks the table, saves, audits."""
    if to_status not in TRANSITIONS[enrollment.status]:
        raise InvalidTransition.for_change(enrollment, to_status)
    now = now or timezone.now()
    from_status = enrollment.status
    enrollment.status = to_status
    if to_status in (S.OFFERED, S.ENROLLED) and from_status == S.WAITLISTED:
        fields.setdefault("seated_at", now)
    if to_status in (S.WITHDRAWN, S.EXPIRED, S.NOT_COMPLETED, S.NOT_ADMITTED):
        fields.setdefault("ended_at", now)
    if to_status != S.OFFERED:
        fields.setdefault("offer_expires_at", None)
    for name, value in fields.items():
        setattr(enrollment, name, value)
    enrollment.save(update_fields=["status", *fields])
    _record(enrollment, action=action, from_status=from_status, actor=actor, reason=reason, now=now)
    return enrollment


def _fill_free_seats(cycle: Cycle, *, now, reason: str = "") -> list[Enrollment]:
    """Give every free seat to the head of the waitlist. The caller holds the cycle lock."""
    if not cycle.accepts_promotions(timezone.localdate(now)):
        return []
    free = cycle.capacity - seated_count(cycle=cycle)
    if free <= 0:
        return []
    promoted = []
    for enrollment in waitlist(cycle=cycle, limit=free):
        if cycle.offer_hours:
            transition(
                enrollment,
                S.OFFERED,
                action=A.PROMOTED,
                reason=reason,
                now=now,
                offer_expires_at=cycle.offer_deadline(now),
            )
        else:
            transition(enrollment, S.ENROLLED, action=A.PROMOTED, reason=reason, now=now)
        promoted.append(enrollment)
    return promoted


# --- Learners ----------------------------------------------------------------------------
# A learner acts only on their own enrollment, and only in the states where the action
# means something: confirm or decline an *offered* seat, withdraw an unfinished enrollment.


def _require_learner(enrollment: Enrollment, by) -> None:
    if by is not None and by.pk != enrollment.learner_id:
        raise NotAllowed(_("Only the learner can do this with their own enrollment."))


def _programme_refusal(learner, cycle: Cycle):
    """Why the learner may not apply to this cycle's programme now, or None (rule 8)."""
    others = (
        Enrollment.objects.filter(learner=learner, programme_id=cycle.programme_id)
        .exclude(cycle=cycle)
        .select_related("cycle")
    )
    unfinished = others.filter(status__in=Enrollment.UNFINISHED).first()
    if unfinished is not None:
        return AlreadyApplied(
            _(
                "You already have an enrollment in %(other)s (%(status)s) of this programme. "
                "Withdraw from it first to apply to %(code)s."
            )
            % {
                "other": unfinished.cycle.code,
                "status": unfinished.get_status_display().lower(),
                "code": cycle.code,
            }
        )
    completed = others.filter(status=S.COMPLETED).first()
    if completed is not None:
        return NotAllowed(
            _(
                "You completed this programme in %(other)s; seats go to diplomats who have not "
                "taken it yet. An administrator may admit you again with a reason."
            )
            % {"other": completed.cycle.code}
        )
    return None


def _create(cycle: Cycle, learner, *, status, now) -> Enrollment:
    try:
        with transaction.atomic():
            return Enrollment.objects.create(
                cycle=cycle,
                programme_id=cycle.programme_id,
                learner=learner,
                status=status,
                applied_at=now,
                seated_at=now if status == S.ENROLLED else None,
                # Frozen: the waitlist order and the seminar requirement use these.
                rank=learner.rank,
                member_state=learner.member_state,
            )
    except IntegrityError as error:  # the constraints back up the checks before
        raise AlreadyApplied(
            _("%(learner)s already has an enrollment in this programme.") % {"learner": learner}
        ) from error


@transaction.atomic
def apply(*, learner, cycle: Cycle, now=None, nominated_by=None) -> Enrollment:
    """Apply to a cycle: enrolled if a seat is free, otherwise waitlisted.

    Refused (nothing written) outside the application window, when the learner already has
    a live enrollment in the cycle or an unfinished one in another cycle of the programme,
    and when they completed the programme before. Seats are counted under the cycle lock, so
    concurrent applications never take more seats than the capacity. A mission's nomination
    is the same application, audited with who nominated (`nominated_by`); the registered
    APPLICATION_CHECKS (quotas) run under the same lock.
    """
    now = now or timezone.now()
    # Eligibility is read before the lock: the cycle lock is held only for the seat
    # decision, and the two unique constraints still refuse a concurrent duplicate. The
    # dates are checked first (the most useful refusal), and again under the lock.
    if not cycle.is_open_for_applications(now):
        raise ApplicationsClosed.for_cycle(cycle, now)
    existing = (
        Enrollment.objects.filter(cycle=cycle, learner=learner, status__in=Enrollment.LIVE)
        .select_related("cycle")
        .first()
    )
    if existing is not None:
        raise AlreadyApplied.for_enrollment(existing)
    refusal = _programme_refusal(learner, cycle)
    if refusal is not None:
        raise refusal
    cycle = _lock(cycle)
    if not cycle.is_open_for_applications(now):
        raise ApplicationsClosed.for_cycle(cycle, now)
    # Under the lock: a quota is counted one application after another.
    for check in APPLICATION_CHECKS:
        check(cycle=cycle, learner=learner, now=now)
    counts = cycle.enrollments.aggregate(
        seated=Count("pk", filter=Q(status__in=Enrollment.SEATED)),
        waiting=Count("pk", filter=Q(status=S.WAITLISTED)),
    )
    seat_free = (
        cycle.accepts_promotions(timezone.localdate(now))
        and counts["seated"] < cycle.capacity
        and not counts["waiting"]
    )
    enrollment = _create(cycle, learner, status=S.ENROLLED if seat_free else S.WAITLISTED, now=now)
    if nominated_by is not None:
        _record(
            enrollment,
            action=A.APPLIED,
            actor=nominated_by,
            now=now,
            reason=_("Nominated by %(by)s for the mission.") % {"by": nominated_by},
        )
    else:
        _record(enrollment, action=A.APPLIED, actor=learner, now=now)
    return enrollment


@transaction.atomic
def withdraw(*, enrollment: Enrollment, by=None, reason: str = "", now=None) -> Enrollment | None:
    """The learner withdraws their own unfinished enrollment (waitlisted, offered or
    enrolled; never a completed one). Anyone else must hold the administrators' permission
    (see `remove`). A freed seat goes to the head of the waitlist in the same transaction;
    returns whoever was promoted."""
    now = now or timezone.now()
    cycle = _lock(enrollment.cycle)
    enrollment = _reload(enrollment)
    by = by or enrollment.learner
    if by.pk == enrollment.learner_id:
        action = A.WITHDRAWN
    else:
        require_permission(by, "courses.change_enrollment")
        action = A.REMOVED
    if enrollment.status not in Enrollment.UNFINISHED:
        raise InvalidTransition.for_change(enrollment, S.WITHDRAWN)
    transition(enrollment, S.WITHDRAWN, action=action, actor=by, reason=reason, now=now)
    promoted = _fill_free_seats(cycle, now=now, reason=_("Seat freed by a withdrawal."))
    return promoted[0] if promoted else None


def confirm_offer(*, enrollment: Enrollment, by=None, now=None) -> Enrollment:
    """The learner accepts the seat offered to them, before its deadline. Only an offered
    seat can be confirmed (a waitlisted learner has none). A late confirmation expires the
    offer, passes the seat on (committed), and raises OfferExpired."""
    now = now or timezone.now()
    _require_learner(enrollment, by)
    with transaction.atomic():
        cycle = _lock(enrollment.cycle)
        enrollment = _reload(enrollment)
        if enrollment.status != S.OFFERED:
            raise NotAllowed(
                _(
                    "There is no seat offered to you in %(code)s to confirm (your enrollment is "
                    "%(status)s)."
                )
                % {"code": cycle.code, "status": enrollment.get_status_display().lower()}
            )
        if enrollment.offer_expires_at < now:
            _expire(enrollment, cycle, now=now)
            expired = enrollment
        else:
            return transition(
                enrollment, S.ENROLLED, action=A.CONFIRMED, actor=enrollment.learner, now=now
            )
    raise OfferExpired.for_enrollment(expired)


@transaction.atomic
def decline_offer(*, enrollment: Enrollment, by=None, now=None) -> Enrollment | None:
    """The learner declines the seat offered to them; it goes to the next learner at once.
    Returns them."""
    now = now or timezone.now()
    _require_learner(enrollment, by)
    cycle = _lock(enrollment.cycle)
    enrollment = _reload(enrollment)
    if enrollment.status != S.OFFERED:
        raise NotAllowed(
            _(
                "There is no seat offered to you in %(code)s to decline (your enrollment is "
                "%(status)s)."
            )
            % {"code": cycle.code, "status": enrollment.get_status_display().lower()}
        )
    transition(enrollment, S.WITHDRAWN, action=A.DECLINED, actor=enrollment.learner, now=now)
    promoted = _fill_free_seats(cycle, now=now, reason=_("Seat declined by another learner."))
    return promoted[0] if promoted else None


def _expire(enrollment, cycle, *, now):
    transition(
        enrollment,
        S.EXPIRED,
        action=A.EXPIRED,
        now=now,
        reason=_("Not confirmed before the deadline."),
    )
    _fill_free_seats(cycle, now=now, reason=_("Seat passed on after an offer expired."))


def expire_offers(*, now=None) -> int:
    """Expire every offer past its deadline and pass each seat down the waitlist.

    One transaction per cycle, so a long run never holds every cycle's lock. Returns the
    number of offers expired (seats passed on). Safe to run at any time, any number of
    times: Celery beat runs it every few minutes.
    """
    now = now or timezone.now()
    cycle_ids = (
        Enrollment.objects.filter(status=S.OFFERED, offer_expires_at__lt=now)
        .values_list("cycle_id", flat=True)
        .distinct()
    )
    expired = 0
    for cycle_id in list(cycle_ids):
        with transaction.atomic():
            cycle = lock_cycle(cycle_id)
            overdue = cycle.enrollments.filter(status=S.OFFERED, offer_expires_at__lt=now)
            for enrollment in overdue.select_related("learner", "cycle").order_by("pk"):
                _expire(enrollment, cycle, now=now)
                expired += 1
    return expired


# --- Administrators ----------------------------------------------------------------------
# Overrides take an actor who holds the permission, and a reason kept in the audit trail.

MAX_CAPACITY = 100_000


@transaction.atomic
def set_capacity(*, cycle: Cycle, capacity: int, by=None, now=None) -> list[Enrollment]:
    """Change the cap (an administrator, or the system when `by` is None). Raising it
    promotes from the waitlist at once; lowering it below the seats taken removes nobody
    and only stops promotion until a seat is free."""
    if by is not None:
        require_permission(by, "courses.change_cycle")
    try:
        capacity = int(capacity)
    except (TypeError, ValueError):
        capacity = -1
    if not 0 <= capacity <= MAX_CAPACITY:
        raise NotAllowed(
            _("The capacity must be a whole number from 0 to %(max)s.") % {"max": MAX_CAPACITY}
        )
    now = now or timezone.now()
    cycle = _lock(cycle)
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
    return _fill_free_seats(
        cycle,
        now=now,
        reason=_("Capacity set to %(capacity)s%(by)s.") % {"capacity": capacity, "by": by_whom},
    )


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise NotAllowed(_("Give a reason: it is kept in the audit trail."))
    return reason


@transaction.atomic
def remove(*, enrollment: Enrollment, by, reason: str, now=None) -> Enrollment | None:
    """An administrator removes a learner (any live status but completed), with a reason.
    The freed seat is given at once; returns whoever was promoted."""
    require_permission(by, "courses.change_enrollment")
    return withdraw(enrollment=enrollment, by=by, reason=_require_reason(reason), now=now)


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
    reason = _require_reason(reason)
    now = now or timezone.now()
    cycle = _lock(enrollment.cycle)
    enrollment = _reload(enrollment)
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
    reason = _require_reason(reason)
    now = now or timezone.now()
    cycle = _lock(cycle)
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
    enrollment = _create(cycle, learner, status=S.ENROLLED, now=now)
    _record(enrollment, action=action, actor=by, reason=reason, now=now)
    return enrollment


@transaction.atomic
def move_to_head_of_waitlist(*, enrollment: Enrollment, by, reason: str, now=None) -> Enrollment:
    """An administrator puts a waitlisted learner first in line, with a reason (audited)."""
    require_permission(by, "courses.change_enrollment")
    reason = _require_reason(reason)
    cycle = _lock(enrollment.cycle)
    enrollment = _reload(enrollment)
    if enrollment.status != S.WAITLISTED:
        raise NotAllowed(_("Only a waitlisted learner can be moved on the waitlist."))
    top = cycle.enrollments.filter(status=S.WAITLISTED).aggregate(m=Max("priority_boost"))["m"]
    enrollment.priority_boost = (top or 0) + 1
    enrollment.save(update_fields=["priority_boost"])
    _record(
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
    require_permission(by, "courses.change_cycle")
    reason = _require_reason(reason)
    now = now or timezone.now()
    cycle = _lock(cycle)
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
    """Give an instructor rights on one cycle (django-guardian object permission)."""
    from guardian.shortcuts import assign_perm

    assign_perm("courses.teach_cycle", instructor, cycle)


def unassign_instructor(*, cycle: Cycle, instructor) -> None:
    from guardian.shortcuts import remove_perm

    remove_perm("courses.teach_cycle", instructor, cycle)
