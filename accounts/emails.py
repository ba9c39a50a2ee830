"""The e-mails about accounts, sent through the outbox (`outbox/`): an invitation, a
password reset, a two-factor enrolment link. Each row names the account (or the
invitation), never a link: the link is built here, when the e-mail is sent, from the
account's state (`accounts/tokens.py`), so a link for an account closed meanwhile is never
sent, and the database holds no working link."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from outbox.registry import email_kind

from . import closed as accounts
from . import tokens
from .invitations import INVITATION_EMAIL, current_token
from .models import Invitation

PASSWORD_RESET_EMAIL = "lms.password_reset"  # noqa: S105 - an outbox kind
TWO_FACTOR_ENROLMENT_EMAIL = "lms.two_factor_enrolment"


def _render(user, template: str, context: dict) -> EmailMessage:
    """`template`.txt and its `template`_subject.txt, in the account holder's language."""
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    subject = " ".join(subject.split())  # one line, whatever the template's breaks
    return EmailMessage(subject, body, None, [user.email])


@email_kind(INVITATION_EMAIL)
def invitation_email(payload: dict) -> EmailMessage | None:
    """The link to choose a password, unless the invitation was used, lapsed or its
    account changed or closed before the e-mail went out."""
    invitation = (
        Invitation.objects.select_related("user", "invited_by")
        .filter(pk=payload["invitation_id"])
        .first()
    )
    token = current_token(invitation) if invitation is not None else None
    if invitation is None or token is None:
        return None
    user = invitation.user
    context = {
        "user": user,
        "invitation": invitation,
        "url": settings.PUBLIC_BASE_URL + reverse("invitation", args=[token]),
    }
    return _render(user, "accounts/email/invitation", context)


@email_kind(PASSWORD_RESET_EMAIL)
def password_reset_email(payload: dict) -> EmailMessage | None:
    """The reset link, for an active account only. A request for an unknown address is a
    row too (`user_id` None), so that the request does the same work either way; it sends
    nothing."""
    user = (
        get_user_model().objects.filter(pk=payload.get("user_id"), is_active=True).first()
        if payload.get("user_id")
        else None
    )
    # An invited person who has not chosen a password yet may use the reset as well.
    if user is None or accounts.is_closed(user):
        return None
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    protocol, _sep, domain = base.partition("://")
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": domain,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": tokens.password_reset_tokens.make_token(user),
        "protocol": protocol,
    }
    return _render(user, "registration/password_reset", context)


@email_kind(TWO_FACTOR_ENROLMENT_EMAIL)
def two_factor_enrolment_email(payload: dict) -> EmailMessage | None:
    """A staff member's one-time link to register an authenticator (accounts/two_factor.py)."""
    from .two_factor import enrolment_url

    user = get_user_model().objects.filter(pk=payload["user_id"], is_active=True).first()
    if user is None or accounts.is_closed(user):
        return None
    context = {
        "user": user,
        "url": enrolment_url(user),
        "minutes": settings.TWO_FACTOR_ENROLMENT_LINK_MINUTES,
    }
    return _render(user, "accounts/email/two_factor_enrolment", context)
