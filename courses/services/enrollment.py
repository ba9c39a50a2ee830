"""Enrollment rules: caps, waitlists, offers and promotion (DESIGN.md rules 1 and 2).

Every service that can change who holds a seat first locks the cycle row
(`SELECT ... FOR UPDATE` on PostgreSQL; on SQLite the IMMEDIATE transaction already holds
the database's write lock), then counts, then writes. A freed seat is given to the head of
the waitlist before the transaction commits. E-mails are queued after commit.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max
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
from ..models import Cycle, Enrollment, EnrollmentEvent
from ..selectors import seated_count, waitlist

S = Enrollment.Status
A = EnrollmentEvent.Action

# The only status changes there are. Anything else raises InvalidTransition.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.WAITLISTED: frozenset({S.OFFERED, S.ENROLLED, S.WITHDRAWN}),
    S.OFFERED: frozenset({S.ENROLLED, S.WITHDRAWN, S.EXPIRED}),
    S.ENROLLED: frozenset({S.COMPLETED, S.WITHDRAWN}),
    S.COMPLETED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.EXPIRED: frozenset(),
}

# Which e-mail a change sends to the learner (see courses/tasks.py).
NOTIFY = {
    (A.APPLIED, S.ENROLLED): "enrolled",
    (A.APPLIED, S.WAITLISTED): "waitlisted",
    (A.PROMOTED, S.OFFERED): "offered",
    (A.PROMOTED, S.ENROLLED): "promoted",
    (A.ADMITTED, S.ENROLLED): "promoted",
    (A.CONFIRMED, S.ENROLLED): "enrolled",
    (A.EXPIRED, S.EXPIRED): "expired",
    (A.WITHDRAWN, S.WITHDRAWN): "withdrawn",
    (A.DECLINED, S.WITHDRAWN): "withdrawn",
    (A.REMOVED, S.WITHDRAWN): "withdrawn",
}


def _lock(cycle: Cycle) -> Cycle:
    """Lock the cycle row for the rest of the transaction and return it fresh."""
    return Cycle.objects.select_for_update().get(pk=cycle.pk)


def _reload(enrollment: Enrollment) -> Enrollment:
    return Enrollment.objects.select_related("learner", "cycle").get(pk=enrollment.pk)


def _notify(enrollment: Enrollment, kind: str) -> None:
    from ..tasks import send_enrollment_email

    send_enrollment_email.delay_on_commit(enrollment.pk, kind)


def _record(enrollment, *, action, from_status="", actor=None, reason="", now=None):
    EnrollmentEvent.objects.create(
        enrollment=enrollment, action=action, from_status=from_status,
        to_status=enrollment.status, actor=actor, reason=reason,
        created_at=now or timezone.now(),
    )
    kind = NOTIFY.get((action, enrollment.status))
    if kind:
        _notify(enrollment, kind)


def _transition(enrollment, to_status, *, action, actor=None, reason="", now=None, **fields):
    """The one place an enrollment changes status: checks the table, saves, audits."""
    if to_status not in TRANSITIONS[enrollment.status]:
        raise InvalidTransition.for_change(enrollment, to_status)
    now = now or timezone.now()
    from_status = enrollment.status
    enrollment.status = to_status
    if to_status in (S.OFFERED, S.ENROLLED) and from_status == S.WAITLISTED:
        fields.setdefault("seated_at", now)
    if to_status in (S.WITHDRAWN, S.EXPIRED):
        fields.setdefault("ended_at", now)
    if to_status != S.OFFERED:
        fields.setdefault("offer_expires_at", None)
    for name, value in fields.items():
        setattr(enrollment, name, value)
    enrollment.save(update_fields=["status", *fields])
    _record(enrollment, action=action, from_status=from_status, actor=actor, reason=reason,
            now=now)
    return enrollment


def _fill_free_seats(cycle: Cycle, *, now, reason: str = "") -> list[Enrollment]:
    """Give every free seat to the head of the waitlist. The caller holds the cycle lock."""
    if not cycle.accepts_promotions(timezone.localdate(now)):
        return []
    free = cycle.capacity - seated_count(cycle=cycle)
    if free <= 0:
        return []
    promoted = []
    for enrollment in waitlist(cycle=cycle)[:free]:
        if cycle.offer_hours:
            _transition(enrollment, S.OFFERED, action=A.PROMOTED, reason=reason, now=now,
                        offer_expires_at=cycle.offer_deadline(now))
        else:
            _transition(enrollment, S.ENROLLED, action=A.PROMOTED, reason=reason, now=now)
        promoted.append(enrollment)
    return promoted


# --- Learners ----------------------------------------------------------------------------


@transaction.atomic
def apply(*, learner, cycle: Cycle, now=None) -> Enrollment:
    """Apply to a cycle: enrolled if a seat is free, otherwise waitlisted.

    Refused (nothing written) outside the application window and when the learner already
    has a live enrollment in the cycle. Seats are counted under the cycle lock, so
    concurrent applications never take more seats than the capacity.
    """
    now = now or timezone.now()
    cycle = _lock(cycle)
    if not cycle.is_open_for_applications(now):
        raise ApplicationsClosed.for_cycle(cycle, now)
    existing = cycle.enrollments.filter(learner=learner, status__in=Enrollment.LIVE).first()
    if existing is not None:
        raise AlreadyApplied.for_enrollment(existing)
    seat_free = (
        cycle.accepts_promotions(timezone.localdate(now))
        and seated_count(cycle=cycle) < cycle.capacity
        and not cycle.enrollments.filter(status=S.WAITLISTED).exists()
    )
    status = S.ENROLLED if seat_free else S.WAITLISTED
    try:
        with transaction.atomic():
            enrollment = Enrollment.objects.create(
                cycle=cycle, learner=learner, status=status, applied_at=now,
                seated_at=now if seat_free else None,
            )
    except IntegrityError as error:  # the constraint backs up the check above
        raise AlreadyApplied(_("You have already applied to %(code)s.") % {"code": cycle.code}) \
            from error
    _record(enrollment, action=A.APPLIED, actor=learner, now=now)
    return enrollment


@transaction.atomic
def withdraw(*, enrollment: Enrollment, by=None, reason: str = "", now=None) -> Enrollment | None:
    """Withdraw a live enrollment (not a completed one). A freed seat goes to the head of
    the waitlist in the same transaction; returns whoever was promoted."""
    now = now or timezone.now()
    cycle = _lock(enrollment.cycle)
    enrollment = _reload(enrollment)
    by = by or enrollment.learner
    action = A.WITHDRAWN if by.pk == enrollment.learner_id else A.REMOVED
    _transition(enrollment, S.WITHDRAWN, action=action, actor=by, reason=reason, now=now)
    promoted = _fill_free_seats(
        cycle, now=now, reason=_("Seat freed by a withdrawal.")
    )
    return promoted[0] if promoted else None


def confirm_offer(*, enrollment: Enrollment, now=None) -> Enrollment:
    """Accept an offered seat before its deadline. A late confirmation expires the offer,
    passes the seat on (committed), and raises OfferExpired."""
    now = now or timezone.now()
    with transaction.atomic():
        cycle = _lock(enrollment.cycle)
        enrollment = _reload(enrollment)
        if enrollment.status == S.OFFERED and enrollment.offer_expires_at < now:
            _expire(enrollment, cycle, now=now)
            expired = enrollment
        else:
            return _transition(enrollment, S.ENROLLED, action=A.CONFIRMED,
                               actor=enrollment.learner, now=now)
    raise OfferExpired.for_enrollment(expired)


@transaction.atomic
def decline_offer(*, enrollment: Enrollment, now=None) -> Enrollment | None:
    """Decline an offered seat; it goes to the next learner at once. Returns them."""
    now = now or timezone.now()
    cycle = _lock(enrollment.cycle)
    enrollment = _reload(enrollment)
    if enrollment.status != S.OFFERED:
        raise InvalidTransition.for_change(enrollment, S.WITHDRAWN)
    _transition(enrollment, S.WITHDRAWN, action=A.DECLINED, actor=enrollment.learner, now=now)
    promoted = _fill_free_seats(cycle, now=now, reason=_("Seat declined by another learner."))
    return promoted[0] if promoted else None


def _expire(enrollment, cycle, *, now):
    _transition(enrollment, S.EXPIRED, action=A.EXPIRED, now=now,
                reason=_("Not confirmed before the deadline."))
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
        .values_list("cycle_id", flat=True).distinct()
    )
    expired = 0
    for cycle_id in list(cycle_ids):
        with transaction.atomic():
            cycle = Cycle.objects.select_for_update().get(pk=cycle_id)
            overdue = cycle.enrollments.filter(status=S.OFFERED, offer_expires_at__lt=now)
            for enrollment in overdue.select_related("learner", "cycle").order_by("pk"):
                _expire(enrollment, cycle, now=now)
                expired += 1
    return expired


# --- Administrators ----------------------------------------------------------------------


@transaction.atomic
def set_capacity(*, cycle: Cycle, capacity: int, by=None, now=None) -> list[Enrollment]:
    """Change the cap. Raising it promotes from the waitlist at once; lowering it below
    the seats taken removes nobody and only stops promotion until a seat is free."""
    if capacity is None or int(capacity) < 0:
        raise NotAllowed(_("The capacity must be zero or more."))
    now = now or timezone.now()
    cycle = _lock(cycle)
    cycle.capacity = int(capacity)
    cycle.save(update_fields=["capacity"])
    by_whom = f" ({by})" if by else ""
    return _fill_free_seats(
        cycle, now=now,
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
    return withdraw(enrollment=enrollment, by=by, reason=_require_reason(reason), now=now)


@transaction.atomic
def admit(*, enrollment: Enrollment, by, reason: str, now=None) -> Enrollment:
    """An administrator admits a waitlisted learner ahead of the queue, into a free seat.

    The cap still holds: when the cycle is full, raise the capacity first.
    """
    reason = _require_reason(reason)
    now = now or timezone.now()
    cycle = _lock(enrollment.cycle)
    enrollment = _reload(enrollment)
    if enrollment.status != S.WAITLISTED:
        raise InvalidTransition.for_change(enrollment, S.ENROLLED)
    if seated_count(cycle=cycle) >= cycle.capacity:
        raise CycleFull(
            _("%(code)s is full (%(capacity)s seats). Raise the capacity to admit this learner.")
            % {"code": cycle.code, "capacity": cycle.capacity}
        )
    return _transition(enrollment, S.ENROLLED, action=A.ADMITTED, actor=by, reason=reason,
                       now=now)


@transaction.atomic
def move_to_head_of_waitlist(*, enrollment: Enrollment, by, reason: str, now=None) -> Enrollment:
    """An administrator puts a waitlisted learner first in line, with a reason (audited)."""
    reason = _require_reason(reason)
    cycle = _lock(enrollment.cycle)
    enrollment = _reload(enrollment)
    if enrollment.status != S.WAITLISTED:
        raise NotAllowed(_("Only a waitlisted learner can be moved on the waitlist."))
    top = cycle.enrollments.filter(status=S.WAITLISTED).aggregate(m=Max("priority_boost"))["m"]
    enrollment.priority_boost = (top or 0) + 1
    enrollment.save(update_fields=["priority_boost"])
    _record(enrollment, action=A.REPRIORITISED, from_status=S.WAITLISTED, actor=by,
            reason=reason, now=now)
    return enrollment


def assign_instructor(*, cycle: Cycle, instructor) -> None:
    """Give an instructor rights on one cycle (django-guardian object permission)."""
    from guardian.shortcuts import assign_perm

    assign_perm("courses.teach_cycle", instructor, cycle)


def unassign_instructor(*, cycle: Cycle, instructor) -> None:
    from guardian.shortcuts import remove_perm

    remove_perm("courses.teach_cycle", instructor, cycle)
