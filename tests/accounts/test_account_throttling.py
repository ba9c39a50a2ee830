"""Login throttling per account across addresses (issue 19, defect 4): django-axes locks an
(account, address) pair, so guesses spread over many addresses went on for ever. Beside it,
an account that collects ACCOUNT_FAILURE_LIMIT wrong passwords from any addresses is locked
for a delay that doubles with each further round; its owner gets back in at once through
the password-reset link (which proves the mailbox), or when the delay has passed. Tested
without sleeping: the stored lock time is moved."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import AccountThrottle
from accounts.password_reset import PasswordResetConfirmView
from tests.factories import PASSWORD, AdministratorFactory, LearnerFactory

pytestmark = pytest.mark.django_db

LOGINS = {
    "site": ("login", LearnerFactory),
    "admin": ("wagtailadmin_login", AdministratorFactory),
}


def _post(client, url_name, email, password, address):
    return client.post(
        reverse(url_name), {"username": email, "password": password}, REMOTE_ADDR=address
    )


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _spread_guesses(client, url_name, email, addresses=20, each=4, first=1):
    for n in range(first, first + addresses):
        for _ in range(each):
            _post(client, url_name, email, "wrong-password", f"198.51.100.{n}")


@pytest.mark.parametrize("where", sorted(LOGINS))
def test_guesses_spread_over_twenty_addresses_lock_the_account(client, where):
    url_name, factory = LOGINS[where]
    user = factory()
    _spread_guesses(client, url_name, user.email)  # 4 each: under axes' per-address limit
    response = _post(client, url_name, user.email, PASSWORD, "203.0.113.50")
    assert response.status_code == 429 and not _signed_in(client)
    assert "password reset" in response.content.decode()


def test_the_owner_gets_back_in_through_the_reset_link(client):
    user = LearnerFactory()
    _spread_guesses(client, "login", user.email)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    # The token of the reset view itself, whichever generator it uses.
    token = PasswordResetConfirmView.token_generator.make_token(user)
    link = client.get(reverse("password_reset_confirm", args=[uid, token]))
    assert link.status_code == 302
    new = "a new Passphrase for 2026"
    done = client.post(link.url, {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    response = _post(client, "login", user.email, new, "203.0.113.50")
    assert response.status_code == 302 and _signed_in(client)
    assert not AccountThrottle.objects.filter(username=user.email).exists()


def test_the_lock_lifts_after_a_delay_that_grows_with_each_round(client, settings):
    user = LearnerFactory()
    _spread_guesses(client, "login", user.email)
    throttle = AccountThrottle.objects.get(username=user.email)
    first = throttle.locked_until - throttle.last_failure_at
    assert first == settings.ACCOUNT_LOCK_BASE
    # The stored times are moved, not waited for.
    AccountThrottle.objects.filter(pk=throttle.pk).update(
        locked_until=timezone.now() - timedelta(seconds=1)
    )
    # A stranger's next round locks it again, for twice as long.
    _spread_guesses(client, "login", user.email, first=101)
    throttle.refresh_from_db()
    assert throttle.locked_until - throttle.last_failure_at == 2 * first
    assert _post(client, "login", user.email, PASSWORD, "203.0.113.50").status_code == 429
    # Guesses refused while locked test no password and do not lengthen the lock.
    before = throttle.locked_until
    _spread_guesses(client, "login", user.email, addresses=5, first=201)
    throttle.refresh_from_db()
    assert throttle.locked_until == before
    AccountThrottle.objects.filter(pk=throttle.pk).update(
        locked_until=timezone.now() - timedelta(seconds=1)
    )
    response = _post(client, "login", user.email, PASSWORD, "203.0.113.50")
    assert response.status_code == 302 and _signed_in(client)
    assert not AccountThrottle.objects.filter(username=user.email).exists()  # forgotten


def test_a_forgetful_owner_is_not_locked_by_a_few_mistakes_over_time(client, settings):
    user = LearnerFactory()
    for n in range(settings.ACCOUNT_FAILURE_LIMIT - 1):
        _post(client, "login", user.email, "wrong-password", f"198.51.100.{n}")
    # Mistakes older than the memory window are forgotten.
    AccountThrottle.objects.filter(username=user.email).update(
        last_failure_at=timezone.now() - settings.ACCOUNT_FAILURE_MEMORY - timedelta(minutes=1)
    )
    _post(client, "login", user.email, "wrong-password", "198.51.100.250")
    assert AccountThrottle.objects.get(username=user.email).failures == 1
    response = _post(client, "login", user.email, PASSWORD, "198.51.100.251")
    assert response.status_code == 302
