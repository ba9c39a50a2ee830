"""The client's address, the one rule for rate limits and login throttling.

Behind N trusted reverse proxies each proxy appends the address it received the request from
to X-Forwarded-For, so the client is the Nth entry from the right; anything further left was
written by the client and can be forged. TRUSTED_PROXY_COUNT = 0 (the default) trusts no
header and uses REMOTE_ADDR.
"""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The address of the client that sent `request` (see the module docstring)."""
    remote = request.META.get("REMOTE_ADDR") or "unknown"
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        # The request did not pass through every trusted proxy: trust none of the header.
        return remote
    return forwarded[-count]


def axes_username(request: HttpRequest, credentials: dict | None) -> str:
    """The e-mail a login attempt names, lower-cased as the user manager compares it, so that
    Foo@x and foo@x count against one account (USERNAME_FIELD is the e-mail)."""
    value = (credentials or {}).get("username")
    if value is None:
        value = request.POST.get("username", "")
    return str(value).strip().lower()
