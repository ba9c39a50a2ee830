"""A closed account stays closed: an administrator's deactivation and an erasure lapse every
open invitation and password-reset link of the person; no link, nomination, import or
invitation opens the account again (docs/decisions/0007-accounts.md)."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import closed as accounts
from accounts import invitations
from accounts.models import Invitation, User
from courses import services as course_services
from courses.exceptions import NotAllowed
from courses.models import Enrollment
from missions import services as mission_services
from people import importing, personal_data
from tests.factories import (
    AdministratorFactory,
    CycleFactory,
    LearnerFactory,
    ProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-long-new-password-42"


def _invited(**fields):
    user = LearnerFactory(member_state="GHA", **fields)
    user.set_unusable_password()
    user.save()
    _invitation, token = invitations.invite(user=user, by=AdministratorFactory())
    return user, token


def _accept(client, token):
    return client.post(
        reverse("invitation", args=[token]),
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )


def _deactivate(user):
    """As the Wagtail users admin does: the form saves the user with is_active off."""
    user.is_active = False
    user.save()


def _erase(user):
    return personal_data.erase_person(user=user, by=AdministratorFactory(), reason="Request 7")


def _cannot_sign_in(client, email):
    response = client.post(reverse("login"), {"username": email, "password": NEW_PASSWORD})
    return response.status_code == 200 and "_auth_user_id" not in client.session


def test_an_invitation_lapses_when_an_administrator_deactivates_the_account(client):
    user, token = _invited()
    _deactivate(user)

    assert client.get(reverse("invitation", args=[token])).status_code == 404
    assert _accept(client, token).status_code == 404
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()
    assert _cannot_sign_in(client, user.email)
    # Reactivating the account does not revive the old link.
    user.is_active = True
    user.save()
    assert client.get(reverse("invitation", args=[token])).status_code == 404


def test_accept_never_reactivates_an_account_even_when_the_row_was_missed(client):
    """Deactivated behind the services' back (a bulk UPDATE): the link still refuses."""
    user, token = _invited()
    User.objects.filter(pk=user.pk).update(is_active=False)

    assert _accept(client, token).status_code == 404
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()


def test_an_invitation_lapses_when_the_person_is_erased(client):
    user, token = _invited()
    erased = _erase(user)

    assert _accept(client, token).status_code == 404
    erased.refresh_from_db()
    assert not erased.is_active and not erased.has_usable_password()
    assert _cannot_sign_in(client, erased.email)
    # The row itself lapsed too: no open invitation of the person is left.
    assert not Invitation.objects.filter(
        user=erased, used_at__isnull=True, expires_at__gt=timezone.now()
    ).exists()


def test_a_password_reset_link_lapses_when_the_account_is_deactivated(
    client, django_capture_on_commit_callbacks
):
    learner = LearnerFactory(email="closing@missions.example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": learner.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/[^\s]+/)", mail.outbox[0].body).group(1)
    _deactivate(learner)

    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert b"new_password1" not in response.content


def test_closed_accounts_are_not_invited():
    inactive = LearnerFactory(is_active=False)
    erased = _erase(LearnerFactory())
    for user in (inactive, erased):
        with pytest.raises(accounts.AccountClosed) as refused:
            invitations.invite(user=user)
        assert "closed" in refused.value.message
    assert not Invitation.objects.exists()


@pytest.fixture
def cycle(db):
    return CycleFactory(
        programme=ProgrammeFactory(modules=1, seminar=False, lessons=1),
        capacity=5,
        code="PATIT-2027-1",
    )


@pytest.fixture
def ghana():
    focal = UserFactory(member_state="GHA", email="focal.ghana@missions.example.org")
    mission_services.appoint(user=focal, member_state="GHA", by=AdministratorFactory())
    return focal


@pytest.mark.parametrize("how", ["erased", "deactivated", "made-up pseudonym"])
def test_a_focal_point_cannot_nominate_a_closed_account(client, cycle, ghana, how):
    if how == "made-up pseudonym":
        email = "erased-999999@erased.invalid"
    else:
        person = LearnerFactory(member_state="GHA")
        person = _erase(person) if how == "erased" else person
        if how == "deactivated":
            _deactivate(person)
        email = person.email
    users = User.objects.count()
    client.force_login(ghana)
    response = client.post(
        reverse("missions:nominate", args=[cycle.code]),
        {"email": email, "first_name": "Some", "last_name": "One"},
    )
    assert response.status_code == 200
    assert "closed" in response.content.decode()
    assert not Enrollment.objects.exists()
    assert User.objects.count() == users
    assert not Invitation.objects.exists()
    with pytest.raises(NotAllowed):
        mission_services.nominate(cycle=cycle, by=ghana, email=email, first_name="S", last_name="O")


def test_the_mission_page_never_shows_a_pseudonym(client, cycle, ghana):
    person = LearnerFactory(member_state="GHA", first_name="Ama", last_name="Mensah")
    enrollment = course_services.apply(learner=person, cycle=cycle)
    course_services.withdraw(enrollment=enrollment)
    erased = _erase(person)
    client.force_login(ghana)
    page = client.get(reverse("missions:home")).content.decode()
    assert accounts.ERASED_DOMAIN not in page and erased.email not in page
    assert client.get(reverse("missions:diplomat", args=[erased.pk])).status_code == 404


@pytest.mark.parametrize("how", ["erased", "deactivated", "made-up pseudonym"])
def test_an_import_refuses_a_closed_account_with_a_clear_message(how):
    if how == "made-up pseudonym":
        email = "erased-999999@erased.invalid"
    else:
        person = LearnerFactory(member_state="GHA", rank="counsellor")
        person = _erase(person) if how == "erased" else person
        if how == "deactivated":
            _deactivate(person)
        email = person.email
    users = User.objects.count()
    content = f"email,first_name,last_name,member_state,rank\n{email},A,B,GHA,Counsellor\n"
    with pytest.raises(importing.ImportRefused) as refused:
        importing.import_participants(content=content.encode(), filename="people.csv")
    assert "closed" in str(refused.value)
    assert User.objects.count() == users
