"""Celery tasks of the courses app. Each fetches by id and calls one service. (E-mails go
through the outbox: see courses/emails.py.)"""

from celery import shared_task


@shared_task
def expire_offers_task() -> int:
    """Run by Celery beat: pass the seats of unconfirmed offers down the waitlist."""
    from .services import expire_offers

    return expire_offers()


@shared_task
def pin_started_curricula_task() -> int:
    """Run by Celery beat: pin the curriculum of every cycle that has started."""
    from .services import pin_started_curricula

    return pin_started_curricula()
