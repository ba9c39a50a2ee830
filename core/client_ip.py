"""The client's address, the one rule for rate limits and login throttling.

Behind N trusted reverse proxies each proxy appends the address it received the request from
to X-Forwarded-For, so the client is the Nth entry from the right; anything further left was
written by the client and can be forged. TRUSTED_PROXY_COUNT = 0 (the default) trusts no
header and uses REMOTE_ADDR.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from .cache import count


def client_ip(request: HttpRequest) -> str | None:
    """The address of the client that sent `request` (see the module docstring), or None
    when there is no valid one (a request built in code; a malformed header)."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    chosen = remote
    if count > 0:
        header = request.META.get("HTTP_X_FORWARDED_FOR", "")
        forwarded = [part.strip() for part in header.split(",") if part.strip()]
        # Fewer entries than proxies: the request did not pass through every trusted proxy,
        # so none of the header can be trusted.
        if len(forwarded) >= count:
            chosen = forwarded[-count]
    try:
        # Stored by django-axes in an address column: never pass on anything else.
        return str(ipaddress.ip_address(chosen))
    except ValueError:
        return None


def axes_username(request: HttpRequest, credentials: dict | None) -> str:
    """The e-mail a login attempt names, lower-cased as the user manager compares it, so that
    Foo@x and foo@x count against one account (USERNAME_FIELD is the e-mail)."""
    value = (credentials or {}).get("username")
    if value is None:
        value = request.POST.get("username", "")
    return str(value).strip().lower()


def over_limit(request: HttpRequest, *, scope: str, per_minute: int) -> bool:
    """Count this request against its client's bucket for `scope` (a fixed one-minute
    window on the shared cache); True once it is over `per_minute`."""
    window = timezone.now().strftime("%Y%m%d%H%M")
    key = f"ratelimit:{scope}:{client_ip(request) or 'unknown'}:{window}"
    # The API's counter (core.cache.count): one round trip, and open with the cache down.
    counted, _found = count(key, timeout=70)
    return counted > per_minute
