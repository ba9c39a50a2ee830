"""Invitations: a new participant (created by a mission's focal point, an import or an
administrator) sets their own password through a single-use, expiring link.

The link carries a random token; the database keeps only its SHA-256, so neither a database
dump nor the admin screens can be turned into a working link. A token is claimed by a
conditional UPDATE (`used_at IS NULL AND expires_at > now`), so two tabs submitting the same
link set the password once.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Invitation

INVITATION_DAYS = 14
log = logging.getLogger(__name__)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invite(*, user, by=None, days: int = INVITATION_DAYS, now=None) -> tuple[Invitation, str]:
    """Create an invitation for `user` and e-mail the link (after commit, in the invitee's
    language). Earlier unused links of the same person lapse: only the newest one works.
    Returns the invitation and the token (shown nowhere else; tests use it)."""
    now = now or timezone.now()
    Invitation.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(
        expires_at=now
    )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        user=user,
        invited_by=by,
        token_hash=_hash(token),
        expires_at=now + timedelta(days=days),
    )
    # Not through the outbox: its rows keep their payload, and the token must be stored
    # nowhere. A lost e-mail is mended by inviting again (the older link then lapses).
    transaction.on_commit(lambda: _send_quietly(invitation.pk, token))
    return invitation, token


def open_invitation(token: str, *, now=None) -> Invitation | None:
    """The invitation this token opens, or None when it is unknown, used or expired."""
    now = now or timezone.now()
    return (
        Invitation.objects.select_related("user")
        .filter(token_hash=_hash(token or ""), used_at__isnull=True, expires_at__gt=now)
        .first()
    )


@transaction.atomic
def accept(*, token: str, form, now=None):
    """Set the password from a valid SetPasswordForm, once: returns the user, or None when
    the link was used or lapsed meanwhile (nothing written then)."""
    now = now or timezone.now()
    invitation = open_invitation(token, now=now)
    if invitation is None or invitation.user_id != form.user.pk:
        return None
    claimed = Invitation.objects.filter(
        pk=invitation.pk, used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    if not claimed:
        return None
    user = form.save()
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user


def _send_quietly(invitation_id: int, token: str) -> None:
    try:
        send_invitation_email(invitation_id=invitation_id, token=token)
    except Exception:  # noqa: BLE001 - the committed change stands; the sender is told by logs
        log.exception("The invitation e-mail %s could not be sent; invite again.", invitation_id)


def send_invitation_email(*, invitation_id: int, token: str) -> None:
    invitation = Invitation.objects.select_related("user", "invited_by").get(pk=invitation_id)
    user = invitation.user
    context = {
        "user": user,
        "invitation": invitation,
        "url": settings.PUBLIC_BASE_URL + reverse("invitation", args=[token]),
    }
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        subject = render_to_string("lms/email/invitation_subject.txt", context).strip()
        body = render_to_string("lms/email/invitation.txt", context)
    send_mail(subject, body, None, [user.email])
