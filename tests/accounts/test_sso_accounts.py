"""Which account a provider's claims sign in (accounts/sso.py), and single sign-on off by
default. The whole flow through a real provider and browser is tests/browser/test_sso.py."""

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.sso import SignInRefused, account_for, second_factor_claimed
from tests.factories import PASSWORD, InstructorFactory, LearnerFactory

pytestmark = pytest.mark.django_db


def _claims(email, **more):
    return {"email": email, "email_verified": True, **more}


def test_staff_are_linked_by_verified_email(settings):
    instructor = InstructorFactory(email="instructor@unitar.example.org")
    assert account_for(_claims("Instructor@UNITAR.example.org")) == instructor
    with pytest.raises(SignInRefused, match="did not confirm your e-mail"):
        account_for({"email": instructor.email, "email_verified": False})
    with pytest.raises(SignInRefused, match="did not confirm your e-mail"):
        account_for({"email": instructor.email})


def test_a_learner_keeps_the_password_sign_in(settings):
    learner = LearnerFactory(email="diplomat@missions.example.org")
    with pytest.raises(SignInRefused, match="Single sign-on is for staff"):
        account_for(_claims(learner.email))


def test_accounts_are_created_only_in_an_allowed_domain(settings):
    settings.OIDC_ALLOWED_DOMAINS = []
    with pytest.raises(SignInRefused, match="No account here uses new@unitar.example.org"):
        account_for(_claims("new@unitar.example.org"))
    assert not User.objects.filter(email="new@unitar.example.org").exists()

    settings.OIDC_ALLOWED_DOMAINS = ["unitar.example.org"]
    user = account_for(_claims("new@unitar.example.org", given_name="Ana", family_name="Ruiz"))
    assert (user.email, user.first_name, user.last_name) == (
        "new@unitar.example.org",
        "Ana",
        "Ruiz",
    )
    assert not user.groups.exists() and not user.has_usable_password()  # no role until given
    assert account_for(_claims("new@unitar.example.org")) == user  # signs in again, not twice


def test_the_providers_second_factor(settings):
    settings.OIDC_MFA_AMR, settings.OIDC_MFA_ACR = ["mfa", "otp"], ["urn:example:mfa"]
    assert second_factor_claimed({"amr": ["pwd", "mfa"]})
    assert second_factor_claimed({"acr": "urn:example:mfa"})
    assert not second_factor_claimed({"amr": ["pwd"], "acr": "urn:example:pwd"})
    assert not second_factor_claimed({})


def test_single_sign_on_is_off_until_configured(client, settings):
    settings.OIDC_RP_CLIENT_ID = ""
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert client.get(reverse("oidc_authentication_callback")).status_code == 404
    page = client.get(reverse("login")).content.decode()
    assert "sso-sign-in" not in page
    settings.OIDC_RP_CLIENT_ID = "patit-lms"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "http://127.0.0.1:9/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/token/"
    settings.OIDC_OP_USER_ENDPOINT = "http://127.0.0.1:9/userinfo/"
    assert "sso-sign-in" in client.get(reverse("login")).content.decode()
    response = client.get(reverse("oidc_authentication_init"))
    assert response.status_code == 302 and response.url.startswith("http://127.0.0.1:9/authorize/")


def _sso_on(settings):
    settings.OIDC_RP_CLIENT_ID = "patit-lms"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "http://127.0.0.1:9/authorize/"
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/token/"
    settings.OIDC_OP_USER_ENDPOINT = "http://127.0.0.1:9/userinfo/"


def test_the_admin_sign_in_page_offers_it_too(client, settings):
    _sso_on(settings)
    page = client.get(reverse("wagtailadmin_login") + "?next=/admin/pages/").content.decode()
    assert 'id="sso-sign-in"' in page and "next=/admin/pages/" in page
    assert 'name="password"' in page  # the password form stays


@pytest.mark.parametrize("url_name", ["login", "wagtailadmin_login"])
def test_local_sign_in_is_still_throttled_with_sso_on(client, settings, url_name):
    _sso_on(settings)
    staff = InstructorFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse(url_name), {"username": staff.email, "password": "wrong"})
    response = client.post(reverse(url_name), {"username": staff.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_identity_provider_that_does_not_answer_signs_nobody_in_without_an_error(
    client, settings
):
    """The provider is down between the redirect and the callback (nothing listens on its
    token endpoint): the callback says so on the sign-in page, never a 500."""
    from urllib.parse import parse_qs, urlsplit

    _sso_on(settings)
    to_provider = client.get(reverse("oidc_authentication_init"))
    state = parse_qs(urlsplit(to_provider.url).query)["state"][0]
    response = client.get(reverse("oidc_authentication_callback") + f"?code=abc&state={state}")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    page = client.get(response.url, follow=True).content.decode()
    assert "Single sign-on did not succeed" in page
