"""Bearer tokens and the per-token rate limit.

The limit is a fixed one-minute window counted on the shared cache (Redis in production:
every web process sees the same count), keyed by the token, not the client address: a
mission's reporting script behind a NAT does not share its budget with another's.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from ninja.security import HttpBearer

from core.cache import count

from . import selectors, tokens


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__("Too many requests with this token.")
        self.retry_after = retry_after


def count_request(token_id: int, *, per_minute: int, now=None, read=()) -> int | None:
    """Count one request of the token; the seconds to wait once over the limit, else None."""
    return count_and_read(token_id, per_minute=per_minute, now=now, read=read)[0]


def count_and_read(token_id: int, *, per_minute: int, now=None, read=()) -> tuple[int | None, dict]:
    """`count_request`, and the cache's values of the keys `read`, in one round trip
    (`core.cache.count`). With the cache unreachable nothing is counted and the request goes
    through (decision 0008)."""
    now = now or timezone.now()
    counted, found = count(f"api:rate:{token_id}:{now:%Y%m%d%H%M}", timeout=70, read=read)
    return (60 - now.second if counted > per_minute else None), found


class BearerToken(HttpBearer):
    """`Authorization: Bearer patit_…`; the request acts as the token's user, and
    `request.auth` is what that user reads (`selectors.Scope`)."""

    def authenticate(self, request, token):
        try:
            bearer = tokens.authenticate(token)
        except tokens.TokenRefused:
            return None  # ninja answers 401
        # The reader's cached scope comes in the rate limit's round trip.
        wait, found = count_and_read(
            bearer.token_id,
            per_minute=settings.API_RATE_LIMIT_PER_MINUTE,
            read=selectors.scope_keys(bearer.user),
        )
        if wait is not None:
            raise RateLimited(wait)
        request.user = bearer.user
        return selectors.scope_of(bearer.user, focal_point=bearer.focal_point, found=found)
