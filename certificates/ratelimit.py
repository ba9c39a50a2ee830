"""A small fixed-window rate limit on the shared cache, for the public verification pages.

The production settings refuse a cache that is not shared between processes (CACHE_URL,
e.g. Redis), so the limit holds across web workers and machines; the client's address comes
from core.client_ip (the trusted-proxy rule), so visitors behind one proxy do not share a
bucket.
"""

from functools import wraps

from django.conf import settings
from django.shortcuts import render

from core.client_ip import over_limit

__all__ = ["over_limit", "rate_limited"]


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
