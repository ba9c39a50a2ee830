"""A small fixed-window rate limit on the shared cache, for the public verification pages.

With CACHE_URL pointing at Redis the limit holds across web processes; the default
in-process cache limits per process.
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def rate_limited(*, setting: str):
    """At most settings.<setting> requests per minute from one address."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            window = timezone.now().strftime("%Y%m%d%H%M")
            key = f"ratelimit:{view.__name__}:{client_ip(request)}:{window}"
            cache.add(key, 0, timeout=70)
            try:
                count = cache.incr(key)
            except ValueError:  # evicted between add and incr
                count = 1
            if count > getattr(settings, setting):
                response = render(request, "certificates/rate_limited.html", status=429)
                response["Retry-After"] = "60"
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
