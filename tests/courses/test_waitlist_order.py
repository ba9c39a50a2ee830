"""The waitlist order computed by the database (window functions) is the rule written one
promotion at a time in Python (`order_waitlist`), for every policy, whatever the boosts,
missions, ranks and application times; and a position costs one query."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import Rank
from courses import selectors
from courses.models import Enrollment
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory

S = Enrollment.Status
MISSIONS = ["", "GHA", "PER", "FJI", "EGY"]
RANKS = [Rank.AMBASSADOR, Rank.DEPUTY, Rank.COUNSELLOR, Rank.ATTACHE]

applicant = st.fixed_dictionaries(
    {
        "status": st.sampled_from(
            [
                S.WAITLISTED,
                S.WAITLISTED,
                S.WAITLISTED,
                S.ENROLLED,
                S.OFFERED,
                S.COMPLETED,
                S.WITHDRAWN,
            ]
        ),
        "mission": st.sampled_from(MISSIONS),
        "rank": st.sampled_from(RANKS),
        "boost": st.sampled_from([0, 0, 0, 1, 2]),
        "minutes": st.integers(min_value=0, max_value=20),  # ties on purpose
    }
)


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    policy=st.sampled_from(["fifo", "seniority", "mission_balance"]),
    applicants=st.lists(applicant, min_size=0, max_size=14),
)
def test_the_database_order_is_the_promotion_rule(policy, applicants):
    cycle = CycleFactory(programme=_programme(), capacity=0, policy=policy)
    start = timezone.now() - timedelta(days=1)
    for data in applicants:
        learner = LearnerFactory(member_state=data["mission"], rank=data["rank"])
        Enrollment.objects.create(
            cycle=cycle,
            learner=learner,
            status=data["status"],
            rank=data["rank"],
            member_state=data["mission"],
            priority_boost=data["boost"],
            applied_at=start + timedelta(minutes=data["minutes"]),
            offer_expires_at=timezone.now() if data["status"] == S.OFFERED else None,
        )
    waiting = list(cycle.enrollments.filter(status=S.WAITLISTED).select_related("learner"))
    expected = selectors.order_waitlist(
        cycle=cycle, waiting=waiting, represented=selectors.represented_missions(cycle=cycle)
    )
    assert [e.pk for e in selectors.waitlist(cycle=cycle)] == [e.pk for e in expected]
    positions = selectors.waitlist_positions(cycle=cycle)
    assert [positions[e.pk] for e in expected] == list(range(1, len(expected) + 1))
    for position, enrollment in enumerate(expected, start=1):
        assert selectors.waitlist_position(enrollment=enrollment) == position


def _programme():
    """One small programme for all the examples (they share the test's database)."""
    from cms.models import ProgrammePage

    return ProgrammePage.objects.first() or ProgrammeFactory(modules=1, seminar=False, lessons=1)


@pytest.mark.django_db
@pytest.mark.parametrize("policy", ["fifo", "seniority", "mission_balance"])
def test_a_position_costs_one_query_however_long_the_waitlist(policy):
    cycle = CycleFactory(
        programme=ProgrammeFactory(modules=1, seminar=False, lessons=1), capacity=0, policy=policy
    )
    start = timezone.now() - timedelta(days=1)
    learners = LearnerFactory.create_batch(300)
    Enrollment.objects.bulk_create(
        [
            Enrollment(
                cycle=cycle,
                programme=cycle.programme,
                learner=learner,
                status=S.WAITLISTED,
                rank=learner.rank,
                member_state=learner.member_state,
                applied_at=start + timedelta(seconds=i),
            )
            for i, learner in enumerate(learners)
        ]
    )
    last = cycle.enrollments.order_by("-applied_at").first()
    with CaptureQueriesContext(connection) as queries:
        position = selectors.waitlist_position(enrollment=last)
    assert len(queries.captured_queries) == 1
    assert 1 <= position <= 300
