"""Missions nominate their diplomats: through `apply`, audited, scoped to one mission,
within the mission's quota."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation
from courses import services as course_services
from courses.exceptions import NotAllowed
from courses.models import Enrollment, EnrollmentEvent
from missions import services
from missions.models import FocalPoint, MissionQuota
from missions.quotas import QuotaReached
from tests.factories import (
    AdministratorFactory,
    CycleFactory,
    LearnerFactory,
    ProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
S = Enrollment.Status


@pytest.fixture
def cycle(db):
    return CycleFactory(
        programme=ProgrammeFactory(modules=1, seminar=False, lessons=1),
        capacity=1,
        code="PATIT-2027-1",
    )


@pytest.fixture
def ghana():
    focal = UserFactory(member_state="GHA", email="focal.ghana@missions.example.org")
    services.appoint(user=focal, member_state="GHA", by=AdministratorFactory())
    return focal


def test_a_focal_point_nominates_an_existing_and_a_new_diplomat(
    client, cycle, ghana, mailoutbox, django_capture_on_commit_callbacks
):
    known = LearnerFactory(member_state="GHA", email="known@missions.example.org")
    client.force_login(ghana)
    url = reverse("missions:nominate", args=[cycle.code])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"diplomat": known.pk})
    assert response.status_code == 302 and response.url == reverse("missions:home")
    seated = known.enrollments.get(cycle=cycle)
    assert seated.status == S.ENROLLED
    applied = seated.events.get(action=EnrollmentEvent.Action.APPLIED)
    assert applied.actor == ghana and str(ghana) in applied.reason

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "diplomat": "",
                "email": "New.Person@Missions.example.org",
                "first_name": "Ama",
                "last_name": "Mensah",
                "rank": "counsellor",
                "language": "fr",
            },
        )
    new = get_user_model().objects.get(email="new.person@missions.example.org")
    assert (new.member_state, new.rank, new.preferred_language) == ("GHA", "counsellor", "fr")
    assert not new.has_usable_password()
    assert new.enrollments.get(cycle=cycle).status == S.WAITLISTED  # capacity 1: caps hold
    assert Invitation.objects.get(user=new).invited_by == ghana
    assert [m.to for m in mailoutbox if "/accounts/invitation/" in m.body] == [[new.email]]

    page = client.get(reverse("missions:home")).content.decode()
    assert "Ama Mensah" in page and str(known) in page
    assert "number 1 on the waitlist" in page


def test_the_header_leads_focal_points_to_their_mission(client, ghana):
    mission = reverse("missions:home")
    client.force_login(ghana)
    assert f'href="{mission}"' in client.get(reverse("courses:my_learning")).content.decode()
    client.force_login(LearnerFactory(member_state="GHA"))
    assert f'href="{mission}"' not in client.get(reverse("courses:my_learning")).content.decode()


def test_a_focal_point_cannot_see_or_nominate_another_missions_diplomats(client, cycle, ghana):
    peru = LearnerFactory(member_state="PER", first_name="Rosa", last_name="Quispe")
    client.force_login(ghana)
    assert "Quispe" not in client.get(reverse("missions:home")).content.decode()
    assert client.get(reverse("missions:diplomat", args=[peru.pk])).status_code == 404
    response = client.post(reverse("missions:nominate", args=[cycle.code]), {"diplomat": peru.pk})
    assert response.status_code == 404
    # Nor by typing their e-mail address as a "new" person.
    response = client.post(
        reverse("missions:nominate", args=[cycle.code]),
        {"email": peru.email, "first_name": "R", "last_name": "Q"},
    )
    assert response.status_code == 200
    assert "cannot be nominated by your mission" in response.content.decode()
    assert not Enrollment.objects.filter(learner=peru).exists()
    # The service refuses too, whatever the entry point.
    with pytest.raises(NotAllowed, match="own mission"):
        services.nominate(cycle=cycle, by=ghana, diplomat=peru)
    assert not Enrollment.objects.filter(learner=peru).exists()


def test_only_focal_points_reach_the_mission_pages(client, cycle):
    learner = LearnerFactory(member_state="GHA")
    for name, kwargs in (
        ("missions:home", {}),
        ("missions:diplomat", {"pk": learner.pk}),
        ("missions:nominate", {"code": cycle.code}),
    ):
        client.logout()
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 302
        client.force_login(learner)
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 403
        client.force_login(AdministratorFactory())
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 403
    # A FocalPoint row without the role (or the role without a row) is not enough.
    FocalPoint.objects.create(user=learner, member_state="GHA")
    client.force_login(learner)
    assert client.get(reverse("missions:home")).status_code == 403


def test_a_refused_nomination_creates_no_account(client, cycle, ghana):
    cycle.applications_close_at = timezone.now() - timedelta(hours=1)
    cycle.applications_open_at = timezone.now() - timedelta(days=10)
    cycle.save()
    client.force_login(ghana)
    response = client.post(
        reverse("missions:nominate", args=[cycle.code]),
        {"email": "late@missions.example.org", "first_name": "L", "last_name": "Ate"},
    )
    assert response.status_code == 200
    assert "closed" in response.content.decode()
    assert not get_user_model().objects.filter(email="late@missions.example.org").exists()
    assert not Invitation.objects.exists()


def test_the_quota_holds_for_nominations_and_applications_alike(cycle, ghana):
    cycle.capacity = 10
    cycle.save()
    MissionQuota.objects.create(cycle=cycle, member_state="GHA", quota=2)
    first, second, third = (LearnerFactory(member_state="GHA") for _ in range(3))
    services.nominate(cycle=cycle, by=ghana, diplomat=first)
    course_services.apply(learner=second, cycle=cycle)
    with pytest.raises(QuotaReached, match="quota of 2"):
        services.nominate(cycle=cycle, by=ghana, diplomat=third)
    with pytest.raises(QuotaReached):
        course_services.apply(learner=third, cycle=cycle)
    assert not third.enrollments.exists()
    # Another mission is not counted; a withdrawal frees a place in the quota.
    course_services.apply(learner=LearnerFactory(member_state="PER"), cycle=cycle)
    course_services.withdraw(enrollment=second.enrollments.get())
    course_services.apply(learner=third, cycle=cycle)


def test_administrators_appoint_focal_points_and_set_quotas_in_the_admin(client, cycle):
    client.force_login(AdministratorFactory())
    person = UserFactory(member_state="PER")
    response = client.post(reverse("focal_points:add"), {"user": person.pk, "member_state": "PER"})
    assert response.status_code == 302
    assert services.focal_point_of(person).member_state == "PER"
    response = client.post(
        reverse("mission_quotas:add"), {"cycle": cycle.pk, "member_state": "PER", "quota": 3}
    )
    assert response.status_code == 302
    assert MissionQuota.objects.get(cycle=cycle, member_state="PER").quota == 3
    client.force_login(person)  # the focal point has no admin rights
    assert client.get(reverse("mission_quotas:index")).status_code == 302


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_quota_is_never_exceeded_under_concurrent_nominations():
    from tests.courses.test_concurrency import _all_at_once

    cycle = CycleFactory(
        programme=ProgrammeFactory(modules=1, seminar=False, lessons=1), capacity=50
    )
    QUOTA, NOMINEES = 3, 20
    MissionQuota.objects.create(cycle=cycle, member_state="GHA", quota=QUOTA)
    focal_points = []
    for i in range(2):  # two focal points of the mission nominate at the same time
        user = UserFactory(member_state="GHA", email=f"focal{i}@missions.example.org")
        services.appoint(user=user, member_state="GHA", by=AdministratorFactory())
        focal_points.append(user)
    nominees = LearnerFactory.create_batch(NOMINEES, member_state="GHA")
    errors = _all_at_once(
        lambda i: services.nominate(cycle=cycle, by=focal_points[i % 2], diplomat=nominees[i]),
        list(range(NOMINEES)),
    )
    assert all(isinstance(e, QuotaReached) for e in errors), errors[:3]
    assert len(errors) == NOMINEES - QUOTA
    assert cycle.enrollments.filter(member_state="GHA").count() == QUOTA
