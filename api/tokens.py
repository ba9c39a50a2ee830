"""Issuing, finding and revoking API tokens: the only code that writes ApiToken rows."""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from missions.models import FocalPoint

from .models import ApiToken
from .rows import instance

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


# What a request reads of the token, its user and the user's mission appointment: one
# indexed query on every request, never a cache, so that revoking, expiring or deactivating
# (even by a queryset `update()`, which sends no signal) is refused on the next request.
# Plain SQL, whose text is built once: the ORM took 1 ms a request to compile this query
# and build its row, five times the query itself (docs/performance.md).
USER_FIELDS = ("id", "is_superuser", "is_staff", "date_joined", "member_state")


@functools.cache
def _lookup_sql() -> str:
    qn = connection.ops.quote_name
    token, user = qn(ApiToken._meta.db_table), qn(get_user_model()._meta.db_table)
    focal = qn(FocalPoint._meta.db_table)
    return f"""
        SELECT t.id, t.digest,
               t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > %s)
                   AND u.is_active,
               t.last_used_at IS NULL OR t.last_used_at <= %s,
               {", ".join(f"u.{qn(name)}" for name in USER_FIELDS)},
               f.id, f.member_state
        FROM {token} t
        INNER JOIN {user} u ON u.id = t.user_id
        LEFT OUTER JOIN {focal} f ON f.user_id = u.id
        WHERE t.prefix = %s
    """  # noqa: S608 - table and column names from the models, values as parameters


def _from_db(model, name: str, value):
    """`value` of the field as the ORM would give it (e.g. an aware datetime on SQLite)."""
    column = model._meta.get_field(name).cached_col
    for convert in connection.ops.get_db_converters(column) + column.get_db_converters(connection):
        value = convert(value, column, connection)
    return value


@dataclass(frozen=True)
class Bearer:
    """A usable token as the request needs it: its id (rate limit, last use), its user
    (only `USER_FIELDS` loaded; any other field is read when first used, as with
    `QuerySet.only()`), and the user's focal-point appointment if any."""

    token_id: int
    user: Any
    focal_point: FocalPoint | None


def authenticate(raw: str) -> Bearer:
    """The usable token this text is, in one query; else TokenRefused."""
    parts = raw.split("_", 2)  # the secret may contain "_"
    if len(parts) != 3 or parts[0] != PREFIX:
        raise TokenRefused
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(_lookup_sql(), [adapt(now), adapt(now - LAST_USED_GRANULARITY), parts[1]])
        found = cursor.fetchone()
    if found is None:
        raise TokenRefused
    token_id, digest, usable, mark_used = found[:4]
    if not hmac.compare_digest(digest, _digest(raw)) or not usable:
        raise TokenRefused
    if mark_used:
        ApiToken.objects.filter(pk=token_id).update(last_used_at=now)
    User = get_user_model()
    values = {
        name: _from_db(User, name, v) for name, v in zip(USER_FIELDS, found[4:-2], strict=True)
    }
    user = instance(User, ApiToken.objects.db, {**values, "is_active": True})
    focal_id, member_state = found[-2:]
    focal = None
    if focal_id is not None:
        focal = instance(
            FocalPoint,
            ApiToken.objects.db,
            {"id": focal_id, "user_id": user.pk, "member_state": member_state},
        )
    return Bearer(token_id=token_id, user=user, focal_point=focal)
