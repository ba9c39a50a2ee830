"""Celery tasks of the certificates app: each fetches by id and calls one service. (The
"certificate ready" e-mail goes through the outbox: see certificates/emails.py.)"""

import logging

from celery import shared_task
from celery.signals import worker_process_init

log = logging.getLogger(__name__)


@worker_process_init.connect
def warm_up_renderer(**_kwargs) -> None:
    """Each worker process loads the certificate's stylesheet and fonts before its first
    task (a process that renders cold takes half a second longer for its first learner)."""
    from .rendering import warm_up

    try:
        warm_up()
    except Exception:  # noqa: BLE001 - a failed warm-up must not stop the worker
        log.exception("certificate renderer warm-up failed; the first render will do it")


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
