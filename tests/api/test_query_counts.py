"""Every list of the read API runs the same number of queries for 10 rows or 1,000 (in one
page of 1,000), for each kind of reader: counted on PostgreSQL with django's
CaptureQueriesContext, the rows written in bulk as in tests/test_query_counts_at_scale.py."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from api import tokens
from certificates.models import Certificate
from courses import services
from courses.models import Enrollment
from missions import services as mission_services
from tests.factories import (
    AdministratorFactory,
    CycleFactory,
    InstructorFactory,
    ProgrammeFactory,
    UserFactory,
)
from tests.test_query_counts_at_scale import _grow

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
S = Enrollment.Status
LISTS = ("api:cycles", "api:enrollments", "api:certificates", "api:learners")


def _grow_all(cycles, per_cycle: int, *, start: int) -> None:
    """Per cycle: a third enrolled, a third waitlisted, a third completed with a certificate
    (the bulk learners are all of France, so France's focal point reads them)."""
    for n, cycle in enumerate(cycles):
        base = start + n * per_cycle
        third = per_cycle // 3
        _grow(cycle, third, start=base, status=S.ENROLLED)
        _grow(cycle, third, start=base + third, status=S.WAITLISTED)
        done = _grow(cycle, per_cycle - 2 * third, start=base + 2 * third, status=S.COMPLETED)
        Certificate.objects.bulk_create(
            [
                Certificate(
                    enrollment=e,
                    serial=f"Q-{e.pk}",
                    language="en",
                    status="issued",
                    issued_at=timezone.now(),
                )
                for e in done
            ]
        )


def _count(client, token: str, name: str) -> tuple[int, int]:
    url = reverse(name) + "?limit=1000"
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(url, headers=headers).status_code == 200  # warm the caches first
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    return len(captured.captured_queries), response.json()["count"]


def test_the_lists_do_not_grow_with_the_data(client, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 10_000
    programme = ProgrammeFactory(modules=2, seminar=True, lessons=2)
    cycles = [
        CycleFactory(programme=programme, capacity=5000, policy=policy)
        for policy in ("fifo", "mission_balance")
    ]
    instructor = InstructorFactory()
    for cycle in cycles:
        services.ensure_pinned(cycle)
        services.assign_instructor(cycle=cycle, instructor=instructor)
    administrator = AdministratorFactory()
    focal = UserFactory(member_state="FRA")
    mission_services.appoint(user=focal, member_state="FRA", by=administrator)
    readers = {
        who: tokens.create_token(user=user, name=who)[1]
        for who, user in (
            ("administrator", administrator),
            ("instructor", instructor),
            ("focal point", focal),
        )
    }

    def counts():
        return {
            (who, name): _count(client, token, name)
            for who, token in readers.items()
            for name in LISTS
        }

    _grow_all(cycles, 5, start=0)
    small = counts()
    _grow_all(cycles, 500, start=10)
    large = counts()
    assert Enrollment.objects.count() == 1010
    queries = {key: value[0] for key, value in small.items()}
    assert {key: value[0] for key, value in large.items()} == queries
    # The large lists really are large (so the test can fail): 1,010 enrollments.
    assert large["administrator", "api:enrollments"][1] == 1010
    assert large["focal point", "api:enrollments"][1] == 1010
    assert large["instructor", "api:enrollments"][1] == 1010
