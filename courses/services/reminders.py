"""Reminders: an offer about to lapse, a cycle starting, a learner who stopped progressing.

Each is configured per cycle (`Cycle.remind_*`) and sent at most once per enrollment: the
`Reminder` row is inserted first (its unique constraint settles two overlapping runs) and
the e-mail is written to the outbox in the same transaction and goes out after commit, in
the learner's language.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from ..models import Enrollment, Reminder

S = Enrollment.Status
K = Reminder.Kind
EMAIL_FOR: dict[str, str] = {
    K.OFFER_DEADLINE: "offer_reminder",
    K.CYCLE_START: "start_reminder",
    K.INACTIVITY: "inactivity_reminder",
}


def _send_once(enrollment_id: int, kind: str, now) -> bool:
    from outbox.services import enqueue

    from ..emails import ENROLLMENT_EMAIL

    try:
        with transaction.atomic():
            Reminder.objects.create(enrollment_id=enrollment_id, kind=kind, sent_at=now)
            # Through the outbox, in this transaction: the e-mail exists exactly when the
            # record does, and is sent (again after a failure) by the outbox's sweeper.
            enqueue(
                kind=ENROLLMENT_EMAIL,
                payload={"enrollment_id": enrollment_id, "kind": EMAIL_FOR[kind]},
                dedup_key=f"reminder:{enrollment_id}:{kind}",
            )
    except IntegrityError:
        return False  # already sent (perhaps by a run that overlapped this one)
    return True


def _due_offers(now) -> list[int]:
    # Open offers are few (at most a cycle's free seats), so the window is checked here.
    offers = (
        Enrollment.objects.filter(
            status=S.OFFERED, offer_expires_at__gt=now, cycle__remind_offer_hours__gt=0
        )
        .exclude(reminders__kind=K.OFFER_DEADLINE)
        .select_related("cycle")
    )
    return [
        e.pk
        for e in offers
        if e.offer_expires_at - now <= timedelta(hours=e.cycle.remind_offer_hours)
    ]


def _due_starts(today):
    return Enrollment.objects.filter(
        status=S.ENROLLED,
        cycle__remind_at_start=True,
        cycle__starts_on__lte=today,
        cycle__ends_on__gte=today,
        cycle__cancelled_at__isnull=True,
    )


def _due_inactive(now, today):
    # Enrolled in a running cycle, and nothing completed for the cycle's number of days
    # (counted from the cycle's start or the seat, whichever is later, when nothing was).
    candidates = (
        Enrollment.objects.filter(
            status=S.ENROLLED,
            cycle__remind_inactive_days__gt=0,
            cycle__starts_on__lte=today,
            cycle__ends_on__gte=today,
            cycle__cancelled_at__isnull=True,
        )
        .annotate(last_done=Max("lesson_completions__completed_at"))
        .select_related("cycle")
    )
    due = []
    for enrollment in candidates.exclude(reminders__kind=K.INACTIVITY):
        days = timedelta(days=enrollment.cycle.remind_inactive_days)
        started = timezone.make_aware(
            datetime.combine(enrollment.cycle.starts_on, datetime.min.time())
        )
        since = max(filter(None, [enrollment.last_done, enrollment.seated_at, started]))
        if now - since >= days:
            due.append(enrollment.pk)
    return due


def send_reminders(*, now=None) -> dict[str, int]:
    """Send every reminder that is due and was not sent before. Safe to run at any time,
    any number of times (Celery beat and `run_due_work` do). Returns the counts by kind."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = {
        K.OFFER_DEADLINE: _due_offers(now),
        K.CYCLE_START: _due_starts(today)
        .exclude(reminders__kind=K.CYCLE_START)
        .values_list("pk", flat=True),
        K.INACTIVITY: _due_inactive(now, today),
    }
    return {
        str(kind): sum(_send_once(pk, kind, now) for pk in list(ids)) for kind, ids in due.items()
    }
