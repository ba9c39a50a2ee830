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


@shared_task
def close_due_cycles_task() -> int:
    """Run by Celery beat: close the cycles whose last day has passed."""
    from .services import close_due_cycles

    return close_due_cycles()


@shared_task
def send_reminders_task() -> dict:
    """Run by Celery beat: offer-deadline, start-of-cycle and inactivity reminders."""
    from .services import send_reminders

    return send_reminders()
