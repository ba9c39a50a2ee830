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


PRIORITY_EMAIL = "courses.priority_invitation"


@email_kind(PRIORITY_EMAIL)
def priority_invitation_email(payload: dict) -> EmailMessage | None:
    """Invite a learner left on a cycle's waitlist to apply first to its next run, in
    their language (courses/services/priority.py)."""
    from .models import PriorityInvitee

    invitee = (
        PriorityInvitee.objects.select_related("learner", "window__cycle", "window__source")
        .filter(window_id=payload["window_id"], learner_id=payload["learner_id"])
        .first()
    )
    if invitee is None or not invitee.learner.is_active:
        return None
    learner, window = invitee.learner, invitee.window
    context = {
        "learner": learner,
        "cycle": window.cycle,
        "source": window.source,
        "until": window.until,
        "site_url": settings.PUBLIC_BASE_URL,
    }
    with translation.override(learner.preferred_language or settings.LANGUAGE_CODE):
        subject = render_to_string("courses/email/priority_invitation_subject.txt", context)
        body = render_to_string("courses/email/priority_invitation.txt", context)
    return EmailMessage(subject.strip(), body, None, [learner.email])
