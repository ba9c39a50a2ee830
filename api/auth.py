"""Bearer tokens and the per-token rate limit.

The limit is a fixed one-minute window counted on the shared cache (Redis in production:
every web process sees the same count), keyed by the token, not the client address: a
mission's reporting script behind a NAT does not share its budget with another's.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from ninja.security import HttpBearer

from . import tokens


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__("Too many requests with this token.")
        self.retry_after = retry_after


def count_request(token_id: int, *, per_minute: int, now=None) -> int | None:
    """Count one request of the token; the seconds to wait once over the limit, else None."""
    now = now or timezone.now()
    key = f"api:rate:{token_id}:{now:%Y%m%d%H%M}"
    # One round trip a request, not two: incr first, and only the minute's first request
    # (the key is missing) adds it. Two first requests racing: the loser's add fails and it
    # counts on the winner's key.
    try:
        count = cache.incr(key)
    except ValueError:
        if cache.add(key, 1, timeout=70):
            count = 1
        else:
            try:
                count = cache.incr(key)
            except ValueError:  # evicted at once: this request counts as the first
                count = 1
    if count > per_minute:
        return 60 - now.second
    return None


class BearerToken(HttpBearer):
    """`Authorization: Bearer patit_…`; the request acts as the token's user."""

    def authenticate(self, request, token):
        try:
            row = tokens.authenticate(token)
        except tokens.TokenRefused:
            return None  # ninja answers 401
        wait = count_request(row.pk, per_minute=settings.API_RATE_LIMIT_PER_MINUTE)
        if wait is not None:
            raise RateLimited(wait)
        request.user = row.user
        return row
