"""Writing to the outbox and sending what it holds.

- `enqueue` is called inside the business transaction: the row commits or rolls back with
  the change it reports. After commit it is handed to a worker (`dispatch`); if the broker
  is down that fails quietly (logged) and the row waits for the sweeper.
- `send_message` claims a row with a conditional UPDATE (a lease) so that two senders never
  send it twice, hands the e-mail to the mail backend, then marks it sent (only the
  claimant can). A sender killed between the backend accepting and the mark leaves a
  claim that expires after the lease: that one message may then go twice (at least once,
  never lost); everywhere else it goes exactly once.
- `send_pending` (Celery beat and `manage.py send_outbox`) sends whatever is due.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from . import registry
from .models import OutboxMessage

log = logging.getLogger(__name__)


def _lease() -> timedelta:
    # Longer than any send can take (EMAIL_TIMEOUT), so that a live sender keeps its claim.
    return timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)


def _backoff(attempts: int) -> timedelta:
    # 1, 2, 4 ... minutes, at most an hour: a long SMTP (or LRS) outage is waited out, not
    # hammered. OUTBOX_RETRY_BASE_SECONDS shortens the first wait for the drills' workers.
    first = settings.OUTBOX_RETRY_BASE_SECONDS
    return timedelta(seconds=min(first * 2 ** max(attempts - 1, 0), 3600))


def enqueue(*, kind: str, payload: dict, dedup_key: str) -> OutboxMessage:
    """Record an e-mail in the caller's transaction and send it after commit. The same
    `dedup_key` twice is one message: the second call returns the first row and sends
    nothing more."""
    if not registry.is_known(kind):
        raise LookupError(f"Unknown outbox kind {kind!r}")
    # Insert first (the common case: one statement); the unique dedup_key refuses a second.
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(dedup_key=dedup_key, kind=kind, payload=payload)
    except IntegrityError:
        return OutboxMessage.objects.get(dedup_key=dedup_key)
    transaction.on_commit(partial(dispatch, message.pk))
    return message


def dispatch(message_id: int) -> None:
    """Hand one message to a worker (in-process when tasks run eagerly). Never raises: a
    request must not fail because the broker (or, in-process, the mail server) is down;
    the row stays unsent and the sweeper sends it."""
    from .broker import hand_over
    from .tasks import send_outbox_message

    hand_over(send_outbox_message, message_id)


def send_message(*, message_id: int, now=None) -> bool:
    """Send one message if it is due and nobody else holds it. Returns True when this call
    sent it; False when it was sent already, is claimed by another sender, is not due, or
    failed (the error is kept on the row and it is tried again later)."""
    now = now or timezone.now()
    claimed = OutboxMessage.objects.filter(
        pk=message_id,
        sent_at__isnull=True,
        available_at__lte=now,
        attempts__lt=settings.OUTBOX_MAX_ATTEMPTS,
    ).update(claimed_at=now, available_at=now + _lease(), attempts=F("attempts") + 1)
    if not claimed:
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        email = registry.build(message.kind, message.payload)
        if email is not None:
            email.send()
    except Exception as error:
        log.warning(
            "Outbox message %s (%s) failed, attempt %s.",
            message.pk,
            message.dedup_key,
            message.attempts,
            exc_info=True,
        )
        OutboxMessage.objects.filter(pk=message_id, claimed_at=now).update(
            claimed_at=None,
            available_at=timezone.now() + _backoff(message.attempts),
            last_error=f"{type(error).__name__}: {error}"[:2000],
        )
        return False
    OutboxMessage.objects.filter(pk=message_id, claimed_at=now).update(
        sent_at=timezone.now(),
        claimed_at=None,
        last_error="" if email is not None else "Nothing to send any more.",
    )
    return True


def due(*, now=None):
    """Unsent messages whose time has come (new, failed earlier, or whose sender died)."""
    now = now or timezone.now()
    return OutboxMessage.objects.filter(
        sent_at__isnull=True, available_at__lte=now, attempts__lt=settings.OUTBOX_MAX_ATTEMPTS
    )


def send_pending(*, now=None, limit: int = 500) -> int:
    """Send what is due, oldest first (run by Celery beat); returns how many were sent."""
    ids = list(due(now=now).order_by("available_at", "pk").values_list("pk", flat=True)[:limit])
    return sum(send_message(message_id=pk, now=now) for pk in ids)
