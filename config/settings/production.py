"""Production: PostgreSQL, a Redis broker with separate worker and beat, SMTP, HTTPS.

Every value a real deployment sets is listed in docs/operations.md's configuration table. The
settings refuse to start (ImproperlyConfigured) without a secret key, the allowed hosts, the
public base URL and a cache shared by every process: the process would otherwise run with
guessable sessions, print links to 127.0.0.1, or keep rate limits per process.
"""

import os
from pathlib import Path as _Path

from django.core.exceptions import ImproperlyConfigured

from core.cache import cache_from_url

from .base import *  # noqa: F403
from .base import DEV_SECRET_KEY, env

DEBUG = False
LMS_ENVIRONMENT = "production"

# Caches that live inside one process (or do nothing): limits and lockouts kept there would
# be per process, so N web workers would allow N times the configured rate.
UNSHARED_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
)

_problems = []
SECRET_KEY = env("SECRET_KEY", default="")
if len(SECRET_KEY) < 32 or SECRET_KEY == DEV_SECRET_KEY:
    _problems.append("SECRET_KEY: set a random value of at least 32 characters")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    _problems.append("ALLOWED_HOSTS: set the host names served, e.g. patit.example.org")
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", default="").rstrip("/")
if not PUBLIC_BASE_URL.startswith(("https://", "http://")):
    _problems.append(
        "PUBLIC_BASE_URL: set the address people reach the site at, e.g. "
        "https://patit.example.org (used in e-mail links and certificate QR codes)"
    )
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL
if not os.environ.get("CACHE_URL"):
    _problems.append("CACHE_URL: set a shared cache, e.g. rediscache://127.0.0.1:6379/1")
else:
    CACHES = {"default": cache_from_url(env("CACHE_URL"))}
    if CACHES["default"]["BACKEND"] in UNSHARED_CACHES:
        _problems.append(
            f"CACHE_URL: {CACHES['default']['BACKEND']} is not shared between processes; "
            "use Redis, e.g. rediscache://127.0.0.1:6379/1"
        )
# Signed certificates (config/settings/certificates.py): a real key, never the development one.
if CERTIFICATE_SIGNING and not CERTIFICATE_SIGNING_PKCS11_MODULE:  # noqa: F405
    _key, _chain = CERTIFICATE_SIGNING_KEY, CERTIFICATE_SIGNING_CERT  # noqa: F405
    if not (_Path(_key).is_file() and _Path(_chain).is_file()):
        _problems.append(
            "CERTIFICATE_SIGNING_KEY / CERTIFICATE_SIGNING_CERT: name UNITAR's signing key and "
            "certificate chain (or a PKCS#11 token), or set CERTIFICATE_SIGNING=off"
        )
    else:
        from .certificates import is_development_certificate

        if is_development_certificate(_chain):
            _problems.append(
                "CERTIFICATE_SIGNING_CERT: this is the development key "
                "(manage.py create_signing_key); name UNITAR's own"
            )
if CERTIFICATE_SIGNING and not _Path(OPEN_BADGES_KEY).is_file():  # noqa: F405
    _problems.append(
        "OPEN_BADGES_KEY: name the EC P-256 key (PEM) that signs Open Badges credentials"
    )
if _problems:
    raise ImproperlyConfigured(
        "The production settings refuse to start: " + "; ".join(_problems) + ". "
        "See the configuration table in docs/operations.md."
    )
# Administrators set up two-factor authentication before they reach the admin.
REQUIRE_ADMIN_2FA = env.bool("REQUIRE_ADMIN_2FA", default=True)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail sets SAMEORIGIN on its own preview views
