"""Celery tasks of the certificates app: each fetches by id and calls one service."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


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


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_certificate_email(certificate_id: int) -> None:
    from .models import Certificate
    from .services import verify_url

    certificate = (
        Certificate.objects.select_related("enrollment__learner", "enrollment__cycle")
        .filter(pk=certificate_id, status=Certificate.Status.ISSUED).first()
    )
    if certificate is None:
        return
    learner = certificate.enrollment.learner
    context = {
        "certificate": certificate, "learner": learner, "cycle": certificate.enrollment.cycle,
        "verify_url": verify_url(certificate),
        "site_url": settings.PUBLIC_BASE_URL.rstrip("/"),
    }
    with translation.override(learner.preferred_language or settings.LANGUAGE_CODE):
        subject = render_to_string("certificates/email/ready_subject.txt", context).strip()
        body = render_to_string("certificates/email/ready.txt", context)
    send_mail(subject, body, None, [learner.email])
