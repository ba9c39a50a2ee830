"""Celery tasks of the outbox: each calls one service and is safe to run twice."""

from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)  # safe: the row is claimed first
def send_outbox_message(message_id: int) -> bool:
    from .services import send_message

    return send_message(message_id=message_id)


@shared_task
def send_pending_outbox_task() -> int:
    """Run by Celery beat: send every e-mail still unsent (broker was down, worker killed,
    mail server refused)."""
    from .services import send_pending

    return send_pending()
