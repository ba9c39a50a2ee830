"""The administrators' screens for requests to change a verified rank or Member State."""

import pytest
from django.urls import reverse

from accounts.models import ProfileChangeRequest, Rank
from tests.factories import AdministratorFactory, InstructorFactory, LearnerFactory

pytestmark = pytest.mark.django_db
R = ProfileChangeRequest.Status


@pytest.fixture
def change():
    learner = LearnerFactory(rank=Rank.ATTACHE, member_state="FJI")
    return ProfileChangeRequest.objects.create(
        user=learner,
        rank=Rank.COUNSELLOR,
        member_state="FJI",
        note="Promoted in May",
        previous_rank=learner.rank,
        previous_member_state=learner.member_state,
    )


def test_administrators_see_pending_requests_and_approve_them(client, change):
    client.force_login(AdministratorFactory())
    listing = client.get(reverse("change_requests:index"))
    assert listing.status_code == 200
    assert str(change.user) in listing.content.decode()
    page = client.get(reverse("change_requests:decide", args=[change.pk]))
    assert page.status_code == 200 and "Promoted in May" in page.content.decode()
    response = client.post(
        reverse("change_requests:decide", args=[change.pk]), {"decision": "approve", "reason": ""}
    )
    assert response.status_code == 302
    change.refresh_from_db()
    change.user.refresh_from_db()
    assert change.status == R.APPROVED and change.user.rank == Rank.COUNSELLOR


def test_refusing_needs_a_reason_and_the_learner_reads_it(client, change):
    client.force_login(AdministratorFactory())
    client.post(
        reverse("change_requests:decide", args=[change.pk]), {"decision": "refuse", "reason": ""}
    )
    change.refresh_from_db()
    assert change.status == R.PENDING
    client.post(
        reverse("change_requests:decide", args=[change.pk]),
        {"decision": "refuse", "reason": "Not confirmed by the mission"},
    )
    change.refresh_from_db()
    assert change.status == R.REFUSED
    client.force_login(change.user)
    profile = client.get(reverse("profile")).content.decode()
    assert "Not confirmed by the mission" in profile


@pytest.mark.parametrize("make_actor", [InstructorFactory, LearnerFactory])
def test_nobody_else_decides(client, change, make_actor):
    client.force_login(make_actor())
    response = client.post(
        reverse("change_requests:decide", args=[change.pk]), {"decision": "approve"}
    )
    # Wagtail sends someone without the permission away (admin home, or its login page).
    assert response.status_code == 302
    assert response.url != reverse("change_requests:index")
    change.refresh_from_db()
    assert change.status == R.PENDING


def test_one_pending_request_at_a_time(client):
    learner = LearnerFactory(rank=Rank.ATTACHE)
    client.force_login(learner)
    data = {
        "form": "change_request",
        "rank": Rank.AMBASSADOR,
        "member_state": learner.member_state,
        "note": "",
    }
    client.post(reverse("profile"), data)
    response = client.post(reverse("profile"), data, follow=True)
    assert "waiting for an administrator" in response.content.decode()
    assert learner.change_requests.count() == 1
