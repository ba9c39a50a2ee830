"""Celery tasks of the courses app. Each fetches by id and calls one service."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from .models import Enrollment
from .selectors import waitlist_position

EMAIL_KINDS = {"enrolled", "waitlisted", "offered", "expired", "promoted", "withdrawn",
               "cancelled"}


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


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_enrollment_email(enrollment_id: int, kind: str) -> None:
    """Tell the learner what happened, in their language. The content is read fresh, so a
    waitlist position is the one at sending time."""
    if kind not in EMAIL_KINDS:
        raise ValueError(f"Unknown enrollment e-mail: {kind}")
    enrollment = (
        Enrollment.objects.select_related("learner", "cycle", "cycle__programme")
        .filter(pk=enrollment_id).first()
    )
    if enrollment is None:
        return
    learner = enrollment.learner
    context = {
        "enrollment": enrollment,
        "learner": learner,
        "cycle": enrollment.cycle,
        "position": waitlist_position(enrollment=enrollment),
        "site_url": settings.PUBLIC_BASE_URL,
    }
    with translation.override(learner.preferred_language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"courses/email/{kind}_subject.txt", context).strip()
        body = render_to_string(f"courses/email/{kind}.txt", context)
    send_mail(subject, body, None, [learner.email])
