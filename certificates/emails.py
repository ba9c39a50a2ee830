"""The "certificate ready" e-mail, sent through the outbox (`outbox/`): its row is written
in the transaction that marks the certificate issued, keyed by the certificate, so each
certificate's e-mail is written once and sent once."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from outbox.registry import email_kind

from .models import Certificate

CERTIFICATE_READY = "certificates.ready"


def ready_dedup_key(certificate_id: int) -> str:
    return f"certificate-ready:{certificate_id}"


@email_kind(CERTIFICATE_READY)
def certificate_ready_email(payload: dict) -> EmailMessage | None:
    from .services import verify_url

    certificate = (
        Certificate.objects.select_related("enrollment__learner", "enrollment__cycle")
        .filter(pk=payload["certificate_id"], status=Certificate.Status.ISSUED)
        .first()
    )
    if certificate is None:  # revoked before the e-mail went out: nothing to announce
        return None
    learner = certificate.enrollment.learner
    context = {
        "certificate": certificate,
        "learner": learner,
        "cycle": certificate.enrollment.cycle,
        "verify_url": verify_url(certificate),
        "site_url": settings.PUBLIC_BASE_URL.rstrip("/"),
    }
    with translation.override(learner.preferred_language or settings.LANGUAGE_CODE):
        subject = render_to_string("certificates/email/ready_subject.txt", context).strip()
        body = render_to_string("certificates/email/ready.txt", context)
    return EmailMessage(subject, body, None, [learner.email])


CERTIFICATE_REVOKED = "certificates.revoked"


def revoked_dedup_key(certificate_id: int) -> str:
    return f"certificate-revoked:{certificate_id}"


@email_kind(CERTIFICATE_REVOKED)
def certificate_revoked_email(payload: dict) -> EmailMessage | None:
    """The learner is told their certificate was revoked, in their language, with the
    reason as stored (translated when it is one of the stored sentences, as typed when an
    administrator wrote it), and its replacement when it was reissued."""
    from core.stored_text import shown

    from .services import verify_url

    certificate = (
        Certificate.objects.select_related("enrollment__learner", "enrollment__cycle")
        .filter(pk=payload["certificate_id"], status=Certificate.Status.REVOKED)
        .first()
    )
    if certificate is None:
        return None
    learner = certificate.enrollment.learner
    if not learner.email or not learner.is_active:  # erased or deactivated: nobody to tell
        return None
    replacement = Certificate.objects.filter(replaces=certificate).first()
    with translation.override(learner.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "certificate": certificate,
            "learner": learner,
            "cycle": certificate.enrollment.cycle,
            "reason": shown(certificate.revoked_reason),
            "replacement": replacement,
            "verify_url": verify_url(certificate),
            "site_url": settings.PUBLIC_BASE_URL.rstrip("/"),
        }
        subject = render_to_string("certificates/email/revoked_subject.txt", context).strip()
        body = render_to_string("certificates/email/revoked.txt", context)
    return EmailMessage(subject, body, None, [learner.email])
