"""Invitations: a new participant sets a password once, through a link that lapses."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import invitations
from accounts.models import Invitation
from tests.factories import AdministratorFactory, LearnerFactory

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-long-new-password-42"


def _invited(mailoutbox, django_capture_on_commit_callbacks, **user_fields):
    user = LearnerFactory(**user_fields)
    user.set_unusable_password()
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = invitations.invite(user=user, by=AdministratorFactory())
    return user, invitation, token


def _post(client, token, password=NEW_PASSWORD):
    return client.post(
        reverse("invitation", args=[token]), {"new_password1": password, "new_password2": password}
    )


def test_the_link_sets_the_password_once_and_signs_in(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user, invitation, token = _invited(mailoutbox, django_capture_on_commit_callbacks)
    assert invitation.token_hash != token and token not in invitation.token_hash
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [user.email]
    link = reverse("invitation", args=[token])
    assert link in mailoutbox[0].body

    page = client.get(link)
    assert page.status_code == 200
    assert user.email in page.content.decode()
    response = _post(client, token)
    assert response.status_code == 302
    assert response.url == reverse("courses:my_learning")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get(reverse("courses:my_learning")).status_code == 200  # signed in
    invitation.refresh_from_db()
    assert invitation.used_at is not None

    # Single use: the same link is refused and changes nothing.
    client.logout()
    assert client.get(link).status_code == 404
    assert _post(client, token, "another-password-99").status_code == 404
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_an_expired_or_unknown_link_is_refused(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user, invitation, token = _invited(mailoutbox, django_capture_on_commit_callbacks)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert _post(client, token).status_code == 404
    user.refresh_from_db()
    assert not user.has_usable_password()
    assert client.get(reverse("invitation", args=["not-a-token"])).status_code == 404


def test_a_new_invitation_replaces_the_previous_link(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user, _invitation, first = _invited(mailoutbox, django_capture_on_commit_callbacks)
    _second_invitation, second = invitations.invite(user=user)
    assert client.get(reverse("invitation", args=[first])).status_code == 404
    assert client.get(reverse("invitation", args=[second])).status_code == 200


def test_a_weak_password_is_refused_with_the_reason(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user, invitation, token = _invited(mailoutbox, django_capture_on_commit_callbacks)
    response = _post(client, token, "123")
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.used_at is None


@pytest.mark.parametrize(
    "language, expected",
    [
        ("fr", "Votre compte PATIT"),
        ("ar", "حسابك"),
    ],
)
def test_the_e_mail_is_in_the_invitee_language(
    language, expected, mailoutbox, django_capture_on_commit_callbacks
):
    _invited(mailoutbox, django_capture_on_commit_callbacks, preferred_language=language)
    message = mailoutbox[0]
    assert expected in message.subject
    assert "choose a password" not in message.subject
    assert re.search(r"/accounts/invitation/[\w-]+/", message.body)
