"""The enrollment state machine: the allowed status changes, the audit row and the e-mail
each change sends, and the promotion of the waitlist into free seats (docs/architecture.md,
rules 1, 2 and 6). Every service that changes an enrollment's status goes through
`transition`; `fill_free_seats` runs under the cycle lock the caller holds.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from ..exceptions import InvalidTransition, NotAllowed
from ..models import Cycle, Enrollment, EnrollmentEvent
from ..selectors import seated_count, waitlist
from .locks import lock_cycle

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


def lock(cycle: Cycle) -> Cycle:
    """Lock the cycle row for the rest of the transaction and return it fresh."""
    return lock_cycle(cycle.pk)


def reload_enrollment(enrollment: Enrollment) -> Enrollment:
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


def record_event(enrollment, *, action, from_status="", actor=None, reason="", now=None):
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
    record_event(
        enrollment, action=action, from_status=from_status, actor=actor, reason=reason, now=now
    )
    return enrollment


def fill_free_seats(cycle: Cycle, *, now, reason: str = "") -> list[Enrollment]:
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


def require_reason(reason: str, *, refusal: type[Exception] = NotAllowed, why: str = "") -> str:
    """The reason an override is audited with, stripped; refused (with `refusal`, the
    caller's app exception) when empty, saying where the reason will be read."""
    reason = (reason or "").strip()
    if not reason:
        raise refusal(why or _("Give a reason: it is kept in the audit trail."))
    return reason
