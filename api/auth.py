"""Bearer tokens and the per-token rate limit.

The limit is a fixed one-minute window counted on the shared cache (Redis in production:
every web process sees the same count), keyed by the token, not the client address: a
mission's reporting script behind a NAT does not share its budget with another's.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from ninja.security import HttpBearer

from lms.cache import count

from . import tokens


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__("Too many requests with this token.")
        self.retry_after = retry_after


def count_request(token_id: int, *, per_minute: int, now=None) -> int | None:
    """Count one request of the token; the seconds to wait once over the limit, else None.
    One round trip to the cache (`lms.cache.count`); with the cache unreachable nothing is
    counted and the request goes through (decision 0008)."""
    now = now or timezone.now()
    if count(f"api:rate:{token_id}:{now:%Y%m%d%H%M}", timeout=70) > per_minute:
        return 60 - now.second
    return None


class BearerToken(HttpBearer):
    """`Authorization: Bearer patit_…`; the request acts as the token's user."""

    def authenticate(self, request, token):
        try:
            bearer = tokens.authenticate(token)
        except tokens.TokenRefused:
            return None  # ninja answers 401
        wait = count_request(bearer.token_id, per_minute=settings.API_RATE_LIMIT_PER_MINUTE)
        if wait is not None:
            raise RateLimited(wait)
        request.user = bearer.user
        return bearer  # request.auth: the endpoints read the focal point from it
