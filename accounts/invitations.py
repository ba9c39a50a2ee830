"""Invitations: a new participant (created by a mission's focal point, an import or an
administrator) sets their own password through a single-use, expiring link.

The link's token is bound to the invitation and to the account's state (`accounts/tokens.py`):
deactivating the account, erasing the person or setting the password makes it useless,
and it is stored nowhere (the database keeps only its SHA-256, for the lookup). The e-mail
is an outbox row naming the invitation (`accounts/emails.py`), written in the caller's
transaction; the link is rebuilt when it is sent. A token is claimed by a conditional
UPDATE (`used_at IS NULL AND expires_at > now`), so two tabs submitting the same link set
the password once. A closed account is never invited and never reopened by a link
(`accounts/closed.py`).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from . import closed as accounts
from . import tokens
from .models import Invitation

INVITATION_DAYS = 14
INVITATION_EMAIL = "lms.invitation"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_for(invitation: Invitation) -> str:
    """The invitation's link token for the account as it is now."""
    return tokens.bound_token("invitation", invitation.user, invitation.pk)


@transaction.atomic
def invite(*, user, by=None, days: int = INVITATION_DAYS, now=None) -> tuple[Invitation, str]:
    """Create an invitation for `user` and write its e-mail to the outbox (sent after
    commit, in the invitee's language). Earlier unused links of the same person lapse:
    only the newest one works. Refused (AccountClosed, nothing written) for a deactivated
    or erased account. Returns the invitation and the token (tests use it)."""
    from outbox.services import enqueue

    now = now or timezone.now()
    accounts.refuse_closed(user)
    lapse(user=user, now=now)
    invitation = Invitation.objects.create(
        user=user,
        invited_by=by,
        token_hash=secrets.token_hex(32),  # replaced below, once the row has its id
        expires_at=now + timedelta(days=days),
    )
    token = token_for(invitation)
    invitation.token_hash = _hash(token)
    invitation.save(update_fields=["token_hash"])
    enqueue(
        kind=INVITATION_EMAIL,
        payload={"invitation_id": invitation.pk},
        dedup_key=f"invitation:{invitation.pk}",
    )
    return invitation, token


def lapse(*, user, now=None) -> int:
    """End every open invitation of `user` (a new one replaces them, or the account was
    closed). Returns how many lapsed."""
    now = now or timezone.now()
    return Invitation.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(
        expires_at=now
    )


def current_token(invitation: Invitation) -> str | None:
    """The invitation's link token if the link would open now (unused, not expired, the
    account open and unchanged since the invitation), else None: the e-mail is built with it
    when it is sent."""
    token = token_for(invitation)
    return token if open_invitation(token) is not None else None


def open_invitation(token: str, *, now=None) -> Invitation | None:
    """The invitation this token opens, or None when it is unknown, used, expired, made
    before the account last changed, or for a closed account."""
    now = now or timezone.now()
    invitation = (
        Invitation.objects.select_related("user")
        .filter(token_hash=_hash(token or ""), used_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if invitation is None or accounts.is_closed(invitation.user):
        return None
    if not tokens.check_bound_token(token, "invitation", invitation.user, invitation.pk):
        return None
    return invitation


@transaction.atomic
def accept(*, token: str, form, now=None):
    """Set the password from a valid SetPasswordForm, once: returns the user, or None when
    the link was used or lapsed meanwhile, or the account was closed (nothing written
    then). An invitation never reactivates an account."""
    now = now or timezone.now()
    invitation = open_invitation(token, now=now)
    if invitation is None or invitation.user_id != form.user.pk:
        return None
    # Under the account's lock: a deactivation committed meanwhile is seen here.
    user = get_user_model().objects.select_for_update().get(pk=invitation.user_id)
    if accounts.is_closed(user) or not tokens.check_bound_token(
        token, "invitation", user, invitation.pk
    ):
        return None
    claimed = Invitation.objects.filter(
        pk=invitation.pk, used_at__isnull=True, expires_at__gt=now
    ).update(used_at=now)
    if not claimed:
        return None
    return form.save()
