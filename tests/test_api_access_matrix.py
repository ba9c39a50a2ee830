"""Who reads what through the read API (api/, docs/api.md): every endpoint × every actor's
token, compared with the table below, the API's sibling of tests/test_access_matrix.py
(which signs in with sessions: a session does not open the API).

Two missions (Ghana, Senegal), two cycles (A taught by instructor A, B by instructor B):
Ghana's diplomats are in A (one completed, one waitlisted), Senegal's in B (completed).
A cell is the status code, or for a 200 the set of what the rows belong to (cycles, or
learners): a row of another mission or cycle shows up as an extra letter. An endpoint
added without a row here fails the test.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Rank
from api import tokens
from api.models import ApiToken
from courses import services
from missions import services as mission_services
from tests.factories import (
    AdministratorFactory,
    CycleFactory,
    InstructorFactory,
    LearnerFactory,
    ProgrammeFactory,
    UserFactory,
)
from tests.test_access_matrix import project_urls

pytestmark = pytest.mark.django_db

ACTORS = (
    "anonymous",
    "learner",
    "other_learner",
    "focal_point_ghana",
    "focal_point_senegal",
    "instructor_a",
    "instructor_b",
    "administrator",
    "revoked",
    "expired",
    "inactive_user",
)
NO = 401  # no usable token
A, B = "A", "B"  # cycles
G1, G2, S1 = "ghana-1", "ghana-2", "senegal-1"  # learners: G1, S1 completed; G2 waitlisted


def row(*cells):
    return dict(zip(ACTORS, cells, strict=True))


_ = NO
EXPECTED = {
    # Columns in the order of ACTORS: anonymous, the two learners, the two focal points,
    # the two instructors, the administrator, then the revoked, expired and inactive tokens.
    "api:programmes": row(_, {"P"}, {"P"}, {"P"}, {"P"}, {"P"}, {"P"}, {"P"}, _, _, _),
    "api:cycles": row(_, {A}, {B}, {A}, {B}, {A}, {B}, {A, B}, _, _, _),
    "api:enrollments": row(_, {A}, {B}, {A}, {B}, {A}, {B}, {A, B}, _, _, _),
    "api:certificates": row(_, {A}, {B}, {A}, {B}, {A}, {B}, {A, B}, _, _, _),
    "api:learners": row(_, {G1}, {S1}, {G1, G2}, {S1}, {G1, G2}, {S1}, {G1, G2, S1}, _, _, _),
    # One record: Ghana's first diplomat's
    "api:learner": row(_, 200, 404, 200, 404, 200, 404, 200, _, _, _),
    # The schema and its docs are public: they describe the API, not the data.
    "api:openapi-json": row(*[200] * len(ACTORS)),
    "api:openapi-view": row(*[200] * len(ACTORS)),
    "api:api-root": row(*[404] * len(ACTORS)),  # django-ninja's: a 404 naming the docs' URL
}


@pytest.fixture
def world():
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    lesson = programme.modules().first().lessons().first()
    cycle_a = CycleFactory(programme=programme, capacity=1, seminar_requirement="none")
    cycle_b = CycleFactory(programme=programme, capacity=5, seminar_requirement="none")
    instructor_a, instructor_b = InstructorFactory(), InstructorFactory()
    services.assign_instructor(cycle=cycle_a, instructor=instructor_a)
    services.assign_instructor(cycle=cycle_b, instructor=instructor_b)
    learners = {
        G1: LearnerFactory(member_state="GHA", rank=Rank.COUNSELLOR),
        G2: LearnerFactory(member_state="GHA"),
        S1: LearnerFactory(member_state="SEN"),
    }
    for name, cycle in ((G1, cycle_a), (G2, cycle_a), (S1, cycle_b)):
        services.apply(learner=learners[name], cycle=cycle)
    for name in (G1, S1):
        services.complete_lesson(learner=learners[name], lesson=lesson)
    administrator = AdministratorFactory()
    focal = {}
    for state in ("GHA", "SEN"):
        focal[state] = UserFactory(member_state=state)
        mission_services.appoint(user=focal[state], member_state=state, by=administrator)
    inactive = LearnerFactory(member_state="GHA")
    users = {
        "learner": learners[G1],
        "other_learner": learners[S1],
        "focal_point_ghana": focal["GHA"],
        "focal_point_senegal": focal["SEN"],
        "instructor_a": instructor_a,
        "instructor_b": instructor_b,
        "administrator": administrator,
        "revoked": administrator,
        "expired": administrator,
        "inactive_user": inactive,
    }
    bearer = {"anonymous": None}
    for actor, user in users.items():
        token_row, bearer[actor] = tokens.create_token(user=user, name=actor, expires_in_days=30)
        if actor == "revoked":
            tokens.revoke(token=token_row)
        elif actor == "expired":
            ApiToken.objects.filter(pk=token_row.pk).update(
                expires_at=timezone.now() - timedelta(seconds=1)
            )
    inactive.is_active = False
    inactive.save()
    labels = {
        "cycles": {cycle_a.code: A, cycle_b.code: B},
        "learners": {user.pk: name for name, user in learners.items()},
        "programmes": {programme.pk: "P"},
    }
    return bearer, labels, learners[G1]


def _what(endpoint: str, items: list[dict], labels: dict) -> set[str]:
    """What the rows belong to: cycles for cycles, enrollments and certificates; learners."""
    if endpoint == "api:programmes":
        return {labels["programmes"][item["id"]] for item in items}
    if endpoint == "api:learners":
        return {labels["learners"][item["id"]] for item in items}
    key = "code" if endpoint == "api:cycles" else "cycle"
    return {labels["cycles"][item[key]] for item in items}


def test_every_api_endpoint_has_a_row():
    names = {name for name, _route, _params in project_urls() if name.startswith("api:")}
    assert names == set(EXPECTED)


def test_each_token_reads_what_the_table_says(client, world):
    bearer, labels, record_of = world
    mismatches = []
    for endpoint, cells in EXPECTED.items():
        kwargs = {"learner_id": record_of.pk} if endpoint == "api:learner" else {}
        url = reverse(endpoint, kwargs=kwargs)
        for actor, expected in cells.items():
            headers = {"Authorization": f"Bearer {bearer[actor]}"} if bearer[actor] else {}
            response = client.get(url, headers=headers)
            got = response.status_code
            if got == 200 and isinstance(expected, set):
                got = _what(endpoint, response.json()["items"], labels)
            elif got == 200 and endpoint == "api:learner":  # the asked-for record only
                assert {labels["learners"][response.json()["id"]]} == {G1}
            if got != expected:
                mismatches.append(f"{endpoint} as {actor}: got {got}, expected {expected}")
    assert not mismatches, "\n".join(mismatches)


def test_a_record_read_by_an_instructor_holds_only_their_cycles(client, world):
    """Ghana's first diplomat also applies to a cycle C of another programme, taught by
    instructor B: B's token reads that learner's record with C only, never A."""
    bearer, _labels, diplomat = world
    instructor_b = ApiToken.objects.get(name="instructor_b").user
    cycle_c = CycleFactory(programme=ProgrammeFactory(modules=1, seminar=False, lessons=1))
    services.assign_instructor(cycle=cycle_c, instructor=instructor_b)
    services.apply(learner=diplomat, cycle=cycle_c)
    headers = {"Authorization": f"Bearer {bearer['instructor_b']}"}
    record = client.get(reverse("api:learner", args=[diplomat.pk]), headers=headers).json()
    assert [entry["cycle"] for entry in record["cycles"]] == [cycle_c.code]
    listed = client.get(reverse("api:enrollments"), headers=headers).json()["items"]
    assert diplomat.pk in {item["learner"]["id"] for item in listed}
    assert {item["cycle"] for item in listed if item["learner"]["id"] == diplomat.pk} == {
        cycle_c.code
    }
