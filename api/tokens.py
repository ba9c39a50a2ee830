"""Issuing, finding and revoking API tokens: the only code that writes ApiToken rows."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import ApiToken

PREFIX = "patit"
# A token not marked used within this long is marked again: one UPDATE a minute per token,
# not one per request (last_used_at says roughly when, not every time).
LAST_USED_GRANULARITY = timedelta(minutes=1)


class TokenRefused(Exception):
    """The bearer token is unknown, revoked, expired, or its user is inactive."""


def _new_key() -> tuple[str, str]:
    """(prefix, token): 48 bits of prefix to find the row, 256 bits of secret."""
    key = secrets.token_hex(6)
    return key, f"{PREFIX}_{key}_{secrets.token_urlsafe(32)}"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_token(
    *, user, name: str, expires_in_days: int | None = None, created_by=None
) -> tuple[ApiToken, str]:
    """A new token for `user` and its clear text, which is returned once and never stored."""
    if not user.is_active:
        raise ValueError(f"{user} is inactive: an inactive account cannot hold a token.")
    if expires_in_days is not None and expires_in_days < 1:
        raise ValueError("A token must last at least one day (or leave the expiry blank).")
    key, token = _new_key()
    expires_at = timezone.now() + timedelta(days=expires_in_days) if expires_in_days else None
    row = ApiToken.objects.create(
        user=user,
        name=name.strip() or "API",
        prefix=key,
        digest=_digest(token),
        expires_at=expires_at,
        created_by=created_by,
    )
    return row, token


def store_new(*, row: ApiToken) -> str:
    """Give an unsaved ApiToken built by the admin form its key and save it; returns the
    clear text, shown once."""
    key, token = _new_key()
    row.prefix, row.digest = key, _digest(token)
    row.save()
    return token


def revoke(*, token: ApiToken) -> None:
    """Revoked for good; revoking twice keeps the first time."""
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def authenticate(raw: str) -> ApiToken:
    """The usable token this text is, with its user, in one query; else TokenRefused."""
    parts = raw.split("_", 2)  # the secret may contain "_"
    if len(parts) != 3 or parts[0] != PREFIX:
        raise TokenRefused
    # The user's focal point comes with it: the reader's scope needs it (api/selectors.py).
    row = (
        ApiToken.objects.select_related("user", "user__focal_point").filter(prefix=parts[1]).first()
    )
    if row is None or not hmac.compare_digest(row.digest, _digest(raw)):
        raise TokenRefused
    now = timezone.now()
    if not row.is_usable(now):
        raise TokenRefused
    if row.last_used_at is None or now - row.last_used_at > LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        row.last_used_at = now
    return row
