"""A small fixed-window rate limit on the shared cache, for the public verification pages.

The production settings refuse a cache that is not shared between processes (CACHE_URL,
e.g. Redis), so the limit holds across web workers and machines; the client's address comes
from core.client_ip (the trusted-proxy rule), so visitors behind one proxy do not share a
bucket.
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.shortcuts import render
from django.utils import timezone

from core.client_ip import client_ip


def over_limit(request: HttpRequest, *, scope: str, per_minute: int) -> bool:
    """Count this request against its client's bucket for `scope`; True once it is over."""
    window = timezone.now().strftime("%Y%m%d%H%M")
    key = f"ratelimit:{scope}:{client_ip(request) or 'unknown'}:{window}"
    cache.add(key, 0, timeout=70)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.add(key, 1, timeout=70)
        count = 1
    return count > per_minute


def rate_limited(*, setting: str, scope: str | None = None):
    """At most settings.<setting> requests per minute from one client (per `scope`, by
    default the view's name)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            limit = getattr(settings, setting)  # read per request, so overrides apply
            if over_limit(request, scope=scope or view.__name__, per_minute=limit):
                response = render(request, "certificates/rate_limited.html", status=429)
                response["Retry-After"] = "60"
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
