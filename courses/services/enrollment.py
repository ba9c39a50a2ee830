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
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.stored_text import english

from ..exceptions import (
    AlreadyApplied,
    ApplicationsClosed,
    InvalidTransition,
    NotAllowed,
    OfferExpired,
)
from ..models import Cycle, Enrollment
from .eligibility import APPLICATION_CHECKS, check_can_apply
from .locks import lock_cycle
from .permissions import require_permission
from .transitions import (
    A,
    S,
    fill_free_seats,
    lock,
    record_event,
    reload_enrollment,
    transition,
)

# --- Learners ----------------------------------------------------------------------------
# A learner acts only on their own enrollment, and only in the states where the action
# means something: confirm or decline an *offered* seat, withdraw an unfinished enrollment.


def _require_learner(enrollment: Enrollment, by) -> None:
    if by is not None and by.pk != enrollment.learner_id:
        raise NotAllowed(_("Only the learner can do this with their own enrollment."))


def create_enrollment(cycle: Cycle, learner, *, status, now) -> Enrollment:
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
    refusal = check_can_apply(learner=learner, cycle=cycle, now=now, registered_checks=False)
    if refusal is not None:
        raise refusal
    cycle = lock(cycle)
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
    enrollment = create_enrollment(
        cycle, learner, status=S.ENROLLED if seat_free else S.WAITLISTED, now=now
    )
    if nominated_by is not None:
        record_event(
            enrollment,
            action=A.APPLIED,
            actor=nominated_by,
            now=now,
            reason=english("Nominated by %(by)s for the mission.", by=nominated_by),
        )
    else:
        record_event(enrollment, action=A.APPLIED, actor=learner, now=now)
    return enrollment


@transaction.atomic
def withdraw(*, enrollment: Enrollment, by=None, reason: str = "", now=None) -> Enrollment | None:
    """The learner withdraws their own unfinished enrollment (waitlisted, offered or
    enrolled; never a completed one). Anyone else must hold the administrators' permission
    (see `remove`). A freed seat goes to the head of the waitlist in the same transaction;
    returns whoever was promoted."""
    now = now or timezone.now()
    cycle = lock(enrollment.cycle)
    enrollment = reload_enrollment(enrollment)
    by = by or enrollment.learner
    if by.pk == enrollment.learner_id:
        action = A.WITHDRAWN
    else:
        require_permission(by, "courses.change_enrollment")
        action = A.REMOVED
    if enrollment.status not in Enrollment.UNFINISHED:
        raise InvalidTransition.for_change(enrollment, S.WITHDRAWN)
    transition(enrollment, S.WITHDRAWN, action=action, actor=by, reason=reason, now=now)
    promoted = fill_free_seats(cycle, now=now, reason=english("Seat freed by a withdrawal."))
    return promoted[0] if promoted else None


def confirm_offer(*, enrollment: Enrollment, by=None, now=None) -> Enrollment:
    """The learner accepts the seat offered to them, before its deadline. Only an offered
    seat can be confirmed (a waitlisted learner has none). A late confirmation expires the
    offer, passes the seat on (committed), and raises OfferExpired."""
    now = now or timezone.now()
    _require_learner(enrollment, by)
    with transaction.atomic():
        cycle = lock(enrollment.cycle)
        enrollment = reload_enrollment(enrollment)
        _require_offered(
            enrollment,
            _(
                "There is no seat offered to you in %(code)s to confirm (your enrollment is "
                "%(status)s)."
            ),
        )
        if enrollment.offer_expires_at < now:
            _expire(enrollment, cycle, now=now)
            expired = enrollment
        else:
            return transition(
                enrollment, S.ENROLLED, action=A.CONFIRMED, actor=enrollment.learner, now=now
            )
    raise OfferExpired.for_enrollment(expired)


def _require_offered(enrollment: Enrollment, refusal: str) -> None:
    """Refuse (`refusal`, with the cycle's code and the enrollment's status) unless a seat
    is offered to the learner now."""
    if enrollment.status != S.OFFERED:
        raise NotAllowed(
            refusal
            % {"code": enrollment.cycle.code, "status": enrollment.get_status_display().lower()}
        )


@transaction.atomic
def decline_offer(*, enrollment: Enrollment, by=None, now=None) -> Enrollment | None:
    """The learner declines the seat offered to them; it goes to the next learner at once.
    Returns them."""
    now = now or timezone.now()
    _require_learner(enrollment, by)
    cycle = lock(enrollment.cycle)
    enrollment = reload_enrollment(enrollment)
    _require_offered(
        enrollment,
        _(
            "There is no seat offered to you in %(code)s to decline (your enrollment is "
            "%(status)s)."
        ),
    )
    transition(enrollment, S.WITHDRAWN, action=A.DECLINED, actor=enrollment.learner, now=now)
    promoted = fill_free_seats(cycle, now=now, reason=english("Seat declined by another learner."))
    return promoted[0] if promoted else None


def _expire(enrollment, cycle, *, now):
    transition(
        enrollment,
        S.EXPIRED,
        action=A.EXPIRED,
        now=now,
        reason=english("Not confirmed before the deadline."),
    )
    fill_free_seats(cycle, now=now, reason=english("Seat passed on after an offer expired."))


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
