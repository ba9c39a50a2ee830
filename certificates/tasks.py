"""Celery tasks of the certificates app: each fetches by id and calls one service. (The
"certificate ready" e-mail goes through the outbox: see certificates/emails.py.)"""

from celery import shared_task


@shared_task(
    acks_late=True,  # safe: the render claims its row, so a redelivery never issues twice
    reject_on_worker_lost=True,
    soft_time_limit=60,
    time_limit=90,
    autoretry_for=(Exception,),
    retry_backoff=5,
    max_retries=5,
)
def render_certificate_task(certificate_id: int) -> bool:
    from .services import render_certificate

    return render_certificate(certificate_id=certificate_id)


@shared_task
def sweep_certificates_task() -> int:
    from .services import sweep

    return sweep()
