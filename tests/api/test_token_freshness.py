"""A token's reach follows its user at once, whatever is cached (docs/api.md, decision
0013): each test reads with a token first (so that everything the API caches is warm),
changes one thing, and reads again. The token, its user's `is_active` and their mission
appointment are read from the database on every request, so even a queryset `update()`,
which sends no signal and so bumps no cache generation, is seen by the next request."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from api import tokens
from api.models import ApiToken
from core import roles
from courses import services
from missions import services as mission_services
from missions.models import FOCAL_POINTS, FocalPoint
from tests.factories import (
    AdministratorFactory,
    CycleFactory,
    InstructorFactory,
    LearnerFactory,
    ProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _read(client, token, name="api:enrollments"):
    return client.get(reverse(name), headers={"Authorization": f"Bearer {token}"})


def _learners(client, token) -> set[int]:
    response = _read(client, token)
    assert response.status_code == 200
    return {item["learner"]["id"] for item in response.json()["items"]}


@pytest.fixture
def two_missions():
    """A cycle with a diplomat of Ghana and one of Senegal; Ghana's focal point."""
    cycle = CycleFactory(programme=ProgrammeFactory(modules=1, seminar=False, lessons=1))
    ghana, senegal = LearnerFactory(member_state="GHA"), LearnerFactory(member_state="SEN")
    for learner in (ghana, senegal):
        services.apply(learner=learner, cycle=cycle)
    administrator = AdministratorFactory()
    focal = UserFactory(member_state="GHA")
    mission_services.appoint(user=focal, member_state="GHA", by=administrator)
    return {
        "cycle": cycle,
        "ghana": ghana,
        "senegal": senegal,
        "administrator": administrator,
        "focal": focal,
    }


@pytest.mark.parametrize(
    "change",
    [
        "revoked by the service",
        "revoked by a queryset update",
        "expired by a queryset update",
        "user deactivated",
        "user deactivated by a queryset update",
    ],
)
def test_a_token_is_refused_on_the_first_request_after_the_change(client, two_missions, change):
    row, clear = tokens.create_token(
        user=two_missions["administrator"], name="a", expires_in_days=9
    )
    assert _read(client, clear).status_code == 200
    assert _read(client, clear, "api:cycles").status_code == 200
    now = timezone.now()
    if change == "revoked by the service":
        tokens.revoke(token=row)
    elif change == "revoked by a queryset update":
        ApiToken.objects.filter(pk=row.pk).update(revoked_at=now)
    elif change == "expired by a queryset update":
        ApiToken.objects.filter(pk=row.pk).update(expires_at=now - timedelta(seconds=1))
    elif change == "user deactivated":
        row.user.is_active = False
        row.user.save()
    else:
        User.objects.filter(pk=row.user_id).update(is_active=False)
    for name in ("api:enrollments", "api:cycles", "api:programmes"):
        response = _read(client, clear, name)
        assert response.status_code == 401, (change, name)
        assert response.json() == {"detail": "Unauthorized"}


def test_a_token_expires_at_its_time_while_in_use(client, two_missions, monkeypatch):
    row, clear = tokens.create_token(
        user=two_missions["administrator"], name="a", expires_in_days=1
    )
    assert _read(client, clear).status_code == 200
    monkeypatch.setattr(timezone, "now", lambda: row.expires_at - timedelta(seconds=1))
    assert _read(client, clear).status_code == 200
    monkeypatch.setattr(timezone, "now", lambda: row.expires_at)
    assert _read(client, clear).status_code == 401


def test_a_focal_point_moved_to_another_mission_reads_only_the_new_one(client, two_missions):
    ghana, senegal, focal = two_missions["ghana"], two_missions["senegal"], two_missions["focal"]
    _row, clear = tokens.create_token(user=focal, name="reporting")
    assert _learners(client, clear) == {ghana.pk}
    mission_services.appoint(user=focal, member_state="SEN", by=two_missions["administrator"])
    assert _learners(client, clear) == {senegal.pk}
    # Behind the services' back (no signal): seen as well.
    FocalPoint.objects.filter(user=focal).update(member_state="GHA")
    assert _learners(client, clear) == {ghana.pk}
    FocalPoint.objects.filter(user=focal).delete()
    assert _learners(client, clear) == set()


def test_a_focal_point_who_loses_the_permission_reads_only_their_own(client, two_missions):
    focal = two_missions["focal"]
    _row, clear = tokens.create_token(user=focal, name="reporting")
    assert _learners(client, clear) == {two_missions["ghana"].pk}
    focal.groups.remove(Group.objects.get(name=FOCAL_POINTS))
    assert _learners(client, clear) == set()


def test_an_administrator_removed_from_the_group_reads_only_their_own(client, two_missions):
    administrator = two_missions["administrator"]
    _row, clear = tokens.create_token(user=administrator, name="all")
    assert _learners(client, clear) == {two_missions["ghana"].pk, two_missions["senegal"].pk}
    administrator.groups.remove(Group.objects.get(name=roles.ADMINISTRATORS))
    assert _learners(client, clear) == set()


def test_an_instructor_reads_a_cycle_from_assignment_to_unassignment(client, two_missions):
    instructor, cycle = InstructorFactory(), two_missions["cycle"]
    _row, clear = tokens.create_token(user=instructor, name="teaching")
    assert _learners(client, clear) == set()
    services.assign_instructor(cycle=cycle, instructor=instructor)
    assert _learners(client, clear) == {two_missions["ghana"].pk, two_missions["senegal"].pk}
    services.unassign_instructor(cycle=cycle, instructor=instructor)
    assert _learners(client, clear) == set()
