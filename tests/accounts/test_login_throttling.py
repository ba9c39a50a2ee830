"""Login throttling (django-axes) on the site's and the Wagtail admin's login forms: after
too many wrong passwords even the right one is refused, with a clear page, until the
cool-off has passed. Addresses follow the trusted-proxy rule (core.client_ip)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.urls import reverse

from tests.factories import PASSWORD, AdministratorFactory, LearnerFactory

pytestmark = pytest.mark.django_db

LOGINS = {
    "site": ("login", LearnerFactory),
    "admin": ("wagtailadmin_login", AdministratorFactory),
}


def _post(client, url_name, email, password, **extra):
    return client.post(reverse(url_name), {"username": email, "password": password}, **extra)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("where", sorted(LOGINS))
def test_sixty_wrong_passwords_then_the_right_one_does_not_sign_in(client, where):
    url_name, factory = LOGINS[where]
    user = factory()
    for _ in range(60):
        _post(client, url_name, user.email, "wrong-password")
    response = _post(client, url_name, user.email, PASSWORD)
    assert response.status_code == 429
    assert not _signed_in(client)
    page = response.content.decode()
    assert "Too many failed sign-in attempts" in page
    assert "Try again in" in page


@pytest.mark.parametrize("where", sorted(LOGINS))
def test_the_lockout_lifts_after_the_cool_off(client, settings, where):
    # No real wait: the stored failures (axes' database handler) are moved into the past.
    url_name, factory = LOGINS[where]
    user = factory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post(client, url_name, user.email, "wrong-password")
    assert _post(client, url_name, user.email, PASSWORD).status_code == 429

    def age_failures(by):
        AccessAttempt.objects.update(attempt_time=F("attempt_time") - by)

    age_failures(settings.AXES_COOLOFF_TIME - timedelta(seconds=30))
    # Not yet; and this refused attempt counts as a failure of now (axes stores its time).
    assert _post(client, url_name, user.email, PASSWORD).status_code == 429
    age_failures(settings.AXES_COOLOFF_TIME + timedelta(seconds=30))
    response = _post(client, url_name, user.email, PASSWORD)
    assert response.status_code == 302
    assert _signed_in(client)


def test_the_email_is_one_account_whatever_its_case(client, settings):
    # USERNAME_FIELD is the e-mail, compared in lower case at sign-in: so is the lockout.
    user = LearnerFactory()
    for i in range(settings.AXES_FAILURE_LIMIT):
        email = user.email.upper() if i % 2 else user.email
        _post(client, "login", email, "wrong-password")
    assert _post(client, "login", user.email, PASSWORD).status_code == 429


def test_behind_a_proxy_the_lockout_is_per_visitor_not_per_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user = LearnerFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _post(client, "login", user.email, "wrong-password", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert (
        _post(client, "login", user.email, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code
        == 429
    )
    # The same learner from their own address, through the same proxy, still signs in.
    response = _post(client, "login", user.email, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.status_code == 302 and _signed_in(client)


def test_a_few_mistakes_do_not_lock_anybody_out(client, settings):
    user = LearnerFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _post(client, "login", user.email, "wrong-password").status_code == 200
    assert _post(client, "login", user.email, PASSWORD).status_code == 302
