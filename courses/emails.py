"""E-mails to learners about their enrollments, sent through the outbox (`outbox/`): the
row is written with the change, the content is read fresh when it is sent, so a waitlist
position is the one at sending time."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from outbox.registry import email_kind

from .models import Enrollment
from .selectors import waitlist_position

ENROLLMENT_EMAIL = "courses.enrollment"
EMAIL_KINDS = {
    "enrolled",
    "waitlisted",
    "offered",
    "expired",
    "promoted",
    "withdrawn",
    "cancelled",
    "not_completed",
    "not_admitted",
    "offer_reminder",
    "start_reminder",
    "inactivity_reminder",
}


@email_kind(ENROLLMENT_EMAIL)
def enrollment_email(payload: dict) -> EmailMessage | None:
    """Tell the learner what happened to their enrollment, in their language."""
    kind = payload["kind"]
    if kind not in EMAIL_KINDS:
        raise ValueError(f"Unknown enrollment e-mail: {kind}")
    enrollment = (
        Enrollment.objects.select_related("learner", "cycle", "cycle__programme")
        .filter(pk=payload["enrollment_id"])
        .first()
    )
    if enrollment is None:
        return None
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
    return EmailMessage(subject, body, None, [learner.email])
