"""The verification rate limit is shared by every process (the shared cache) and counts per
client behind the trusted proxies, not per proxy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db
PROJECT_DIR = Path(__file__).resolve().parents[2]
CODE = "AAAA-BBBB-CCCC-DDDD-EEEE"


def _verify(client, *, forwarded: str | None = None, remote: str = "10.0.0.1"):
    extra = {"REMOTE_ADDR": remote}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.get(reverse("certificates:verify_code", args=[CODE]), **extra)


def test_behind_a_proxy_each_visitor_has_their_own_bucket(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.VERIFY_RATE_PER_MINUTE = 3
    for _ in range(3):
        assert _verify(client, forwarded="203.0.113.9").status_code == 404
    assert _verify(client, forwarded="203.0.113.9").status_code == 429
    # Same proxy (REMOTE_ADDR), another visitor: not limited.
    assert _verify(client, forwarded="198.51.100.7").status_code == 404
    # A spoofed left-hand entry does not give the limited visitor a new bucket.
    assert _verify(client, forwarded="1.2.3.4, 203.0.113.9").status_code == 429


@pytest.mark.redis
def test_the_limit_holds_across_processes(client, settings, redis_url):
    """Another process (standing in for another gunicorn worker) uses up the limit; this
    process then refuses the same address."""
    cache_url = redis_url.replace("redis://", "rediscache://", 1)
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
    settings.VERIFY_RATE_PER_MINUTE = 5
    caches["default"].clear()
    code = (
        "import django; django.setup()\n"
        "from django.test import RequestFactory\n"
        "from certificates.ratelimit import over_limit\n"
        "request = RequestFactory().get('/', REMOTE_ADDR='203.0.113.50')\n"
        "print([over_limit(request, scope='verify', per_minute=5) for _ in range(5)])\n"
    )
    for _attempt in range(2):  # the fixed window may roll over between the two processes
        minute = timezone.now().strftime("%H%M")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "CACHE_URL": cache_url,
        }
        result = subprocess.run(  # noqa: S603 - our own interpreter and code
            [sys.executable, "-c", code],
            cwd=PROJECT_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "[False, False, False, False, False]"
        response = _verify(client, remote="203.0.113.50")
        if timezone.now().strftime("%H%M") == minute:
            break
        caches["default"].clear()
    assert response.status_code == 429
