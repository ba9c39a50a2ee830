"""API tokens: issued by an administrator (admin screen or command), shown once, stored as
a hash, revocable; refused when revoked, expired or their user inactive; rate limited per
token on the shared cache."""

import hashlib
import os
import subprocess
import sys
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from api import tokens
from api.models import ApiToken
from tests.factories import AdministratorFactory, InstructorFactory, LearnerFactory

pytestmark = pytest.mark.django_db
PROJECT_DIR = Path(__file__).resolve().parents[2]


def _get(client, token, name="api:cycles"):
    return client.get(reverse(name), headers={"Authorization": f"Bearer {token}"})


def test_a_token_is_stored_as_a_hash_and_found_by_its_prefix(client):
    learner = LearnerFactory()
    row, clear = tokens.create_token(user=learner, name="reporting")
    row.refresh_from_db()
    assert clear.startswith(f"patit_{row.prefix}_")
    assert row.digest == hashlib.sha256(clear.encode()).hexdigest()
    stored = [str(value) for value in ApiToken.objects.values_list().get(pk=row.pk)]
    assert not any(clear in value or clear.split("_", 2)[2] in value for value in stored)
    assert _get(client, clear).status_code == 200
    # The right prefix with another secret, a missing header, another scheme: refused.
    assert _get(client, f"patit_{row.prefix}_{'x' * 43}").status_code == 401
    assert client.get(reverse("api:cycles")).status_code == 401
    assert client.get(reverse("api:cycles"), headers={"Authorization": clear}).status_code == 401


def test_revoked_expired_and_inactive_tokens_are_refused(client):
    learner = LearnerFactory()
    revoked, revoked_clear = tokens.create_token(user=learner, name="a")
    expired, expired_clear = tokens.create_token(user=learner, name="b", expires_in_days=1)
    inactive, inactive_clear = tokens.create_token(user=LearnerFactory(), name="c")
    for clear in (revoked_clear, expired_clear, inactive_clear):
        assert _get(client, clear).status_code == 200
    tokens.revoke(token=revoked)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    inactive.user.is_active = False
    inactive.user.save()
    for clear in (revoked_clear, expired_clear, inactive_clear):
        response = _get(client, clear)
        assert response.status_code == 401
        assert response.json() == {"detail": "Unauthorized"}


def test_last_use_is_recorded_about_once_a_minute(client):
    row, clear = tokens.create_token(user=LearnerFactory(), name="a")
    assert row.last_used_at is None
    _get(client, clear)
    row.refresh_from_db()
    first = row.last_used_at
    assert first is not None
    _get(client, clear)
    row.refresh_from_db()
    assert row.last_used_at == first  # within the minute: no write on every request
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=first - timedelta(minutes=2))
    _get(client, clear)
    row.refresh_from_db()
    assert row.last_used_at > first


def test_the_command_prints_the_token_once_and_refuses_bad_input():
    learner = LearnerFactory(email="ghana.report@missions.example.org")
    out, err = StringIO(), StringIO()
    call_command(
        "create_api_token",
        "--user",
        "GHANA.report@missions.example.org",
        "--expires",
        "30",
        stdout=out,
        stderr=err,
    )
    clear = out.getvalue().strip()
    row = ApiToken.objects.get(user=learner)
    assert row.digest == hashlib.sha256(clear.encode()).hexdigest()
    assert timedelta(days=29) < row.expires_at - timezone.now() <= timedelta(days=30)
    assert clear not in err.getvalue()
    with pytest.raises(CommandError, match="No account"):
        call_command("create_api_token", "--user", "nobody@example.org", stdout=StringIO())
    with pytest.raises(CommandError, match="at least one day"):
        call_command(
            "create_api_token", "--user", learner.email, "--expires", "0", stdout=StringIO()
        )
    assert ApiToken.objects.count() == 1


def test_an_administrator_issues_a_token_sees_it_once_and_revokes_it(client):
    administrator, learner = AdministratorFactory(), LearnerFactory()
    client.force_login(administrator)
    response = client.post(
        reverse("api_tokens:add"), {"name": "Ghana reporting", "user": learner.pk}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    row = ApiToken.objects.get()
    clear = response.context["token"]
    assert clear in response.content.decode()
    assert row.created_by == administrator and row.user == learner
    assert row.digest == hashlib.sha256(clear.encode()).hexdigest()
    listing = client.get(reverse("api_tokens:index")).content.decode()
    assert "Ghana reporting" in listing and clear not in listing
    client.logout()
    assert _get(client, clear).status_code == 200
    client.force_login(administrator)
    assert client.get(reverse("api_tokens:revoke", args=[row.pk])).status_code == 200
    assert client.post(reverse("api_tokens:revoke", args=[row.pk])).status_code == 302
    client.logout()
    assert _get(client, clear).status_code == 401


def test_an_expiry_in_the_past_is_refused_and_nothing_is_created(client):
    client.force_login(AdministratorFactory())
    response = client.post(
        reverse("api_tokens:add"),
        {
            "name": "late",
            "user": LearnerFactory().pk,
            "expires_at": (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
        },
    )
    assert response.status_code == 200
    assert "must expire in the future" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_only_administrators_reach_the_token_screens(client):
    row, _clear = tokens.create_token(user=LearnerFactory(), name="a")
    for user in (LearnerFactory(), InstructorFactory()):
        client.force_login(user)
        for url in (
            reverse("api_tokens:index"),
            reverse("api_tokens:add"),
            reverse("api_tokens:revoke", args=[row.pk]),
        ):
            assert client.get(url).status_code == 302, url
        assert client.post(reverse("api_tokens:revoke", args=[row.pk])).status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is None


def test_each_token_has_its_own_rate_limit(client, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 3
    _row, first = tokens.create_token(user=LearnerFactory(), name="a")
    _row, second = tokens.create_token(user=LearnerFactory(), name="b")
    statuses = [_get(client, first).status_code for _ in range(4)]
    if statuses[-1] == 200:  # the minute turned between two requests: once more
        statuses = [_get(client, first).status_code for _ in range(4)]
    assert statuses[-1] == 429
    response = _get(client, first)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert _get(client, second).status_code == 200


@pytest.mark.redis
def test_the_rate_limit_holds_across_processes(client, settings, redis_url):
    """Another process (another gunicorn worker) spends the token's budget on Redis; this
    process then refuses the token."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
    settings.API_RATE_LIMIT_PER_MINUTE = 5
    caches["default"].clear()
    row, clear = tokens.create_token(user=LearnerFactory(), name="a")
    code = (
        "import django; django.setup()\n"
        "from api.auth import count_request\n"
        f"print([count_request({row.pk}, per_minute=5) for _ in range(5)])\n"
    )
    for _attempt in range(2):  # the window may roll over between the two processes
        minute = timezone.now().strftime("%H%M")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "CACHE_URL": redis_url.replace("redis://", "rediscache://", 1),
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
        assert result.stdout.strip() == "[None, None, None, None, None]"
        response = _get(client, clear)
        if timezone.now().strftime("%H%M") == minute:
            break
        caches["default"].clear()
    assert response.status_code == 429
    caches["default"].clear()
