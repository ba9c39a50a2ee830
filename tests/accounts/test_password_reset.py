"""Password reset for everyone, through Django's views, without telling a stranger whether an
address has an account."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, AdministratorFactory, LearnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """Ask for a reset as the page does; the outbox sends the e-mail after commit."""

    def post(email):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("password_reset"), {"email": email})

    return post


def _reset_link(message) -> str:
    match = re.search(r"http://testserver(/accounts/reset/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def _without_csrf(response) -> str:
    # The CSRF token of the header's language form is masked anew on every response.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_the_login_page_links_to_the_reset_page(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert reverse("password_reset").encode() in response.content
    assert b"Forgot your password?" in response.content


def test_a_known_and_an_unknown_address_get_the_same_answer(client, ask):
    LearnerFactory(email="known@missions.example.org")

    known = ask("known@missions.example.org")
    assert len(mail.outbox) == 1
    unknown = ask("nobody@missions.example.org")
    assert len(mail.outbox) == 1, "no e-mail goes to an address without an account"

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("password_reset_done")
    # The page they land on is the same page, word for word.
    done_known = client.get(known["Location"])
    done_unknown = client.get(unknown["Location"])
    assert done_known.status_code == done_unknown.status_code == 200
    assert _without_csrf(done_known) == _without_csrf(done_unknown)
    assert mail.outbox[0].to == ["known@missions.example.org"]


def test_an_inactive_account_gets_no_e_mail_and_the_same_answer(client, ask):
    LearnerFactory(email="gone@missions.example.org", is_active=False)
    response = ask("gone@missions.example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_a_learner_resets_the_password_and_signs_in_with_the_new_one(client, ask):
    learner = LearnerFactory(email="reset.me@missions.example.org")
    ask("RESET.ME@missions.example.org")
    assert len(mail.outbox) == 1
    link = _reset_link(mail.outbox[0])

    # Django swaps the token for a session marker and redirects to the form.
    response = client.get(link)
    assert response.status_code == 302
    form_url = response["Location"]
    response = client.get(form_url)
    assert response.status_code == 200
    assert b"new_password1" in response.content

    new = "a-fresh-passphrase-2026"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_complete")
    # Not signed in by the reset: the sign-in form (and its throttling) stays the only door.
    assert "_auth_user_id" not in client.session

    learner.refresh_from_db()
    assert learner.check_password(new)
    assert not learner.check_password(PASSWORD)
    # Through the sign-in form, which django-axes watches.
    response = client.post(reverse("login"), {"username": learner.email, "password": new})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(learner.pk)

    # The link works once.
    client.logout()
    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert b"new_password1" not in response.content


def test_staff_reset_their_password_through_the_same_page(client, ask):
    admin = AdministratorFactory(email="admin.reset@unitar.example.org")
    ask(admin.email)
    assert mail.outbox[0].to == [admin.email]


@pytest.mark.parametrize(
    ("language", "subject", "phrase"),
    [
        ("fr", "Réinitialisation de votre mot de passe", "Pour choisir un nouveau mot de passe"),
        ("ar", "إعادة تعيين كلمة المرور", "لاختيار كلمة مرور جديدة"),
    ],
)
def test_the_e_mail_is_in_the_account_holders_language(client, language, subject, phrase, ask):
    learner = LearnerFactory(preferred_language=language)
    ask(learner.email)
    message = mail.outbox[0]
    assert subject in message.subject
    assert phrase in message.body
    assert "To choose a new password" not in message.body


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Reset your password"),
        ("fr", "Réinitialiser votre mot de passe"),
        ("ar", "إعادة تعيين كلمة المرور"),
    ],
)
def test_the_reset_page_speaks_the_visitors_language(client, language, heading):
    response = client.get(reverse("password_reset"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert heading in response.content.decode()


def test_requests_from_one_address_are_limited_whoever_they_name(client, settings, ask):
    settings.PASSWORD_RESET_RATE_PER_MINUTE = 2
    LearnerFactory(email="known@missions.example.org")
    codes = [
        ask(e).status_code
        for e in (
            "a@missions.example.org",
            "known@missions.example.org",
            "known@missions.example.org",
            "b@missions.example.org",
        )
    ]
    assert codes == [302, 302, 429, 429]
    assert len(mail.outbox) == 1


def test_a_reset_does_not_lift_a_sign_in_lockout(client, settings, ask):
    """The reset form is no way around django-axes: a locked-out address stays locked out
    for the cool-off even with the new password, and the lockout page offers the reset."""
    learner = LearnerFactory(email="locked@missions.example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": learner.email, "password": "wrong"})
    locked = client.post(reverse("login"), {"username": learner.email, "password": PASSWORD})
    assert locked.status_code == 429
    assert reverse("password_reset").encode() in locked.content

    ask(learner.email)
    form_url = client.get(_reset_link(mail.outbox[0]))["Location"]
    new = "a-fresh-passphrase-2026"
    assert client.post(form_url, {"new_password1": new, "new_password2": new}).status_code == 302
    learner.refresh_from_db()
    assert learner.check_password(new)

    response = client.post(reverse("login"), {"username": learner.email, "password": new})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
