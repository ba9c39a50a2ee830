"""The hot pages run the same number of queries whatever the size of the data: a cycle of
10 or of 1,000 learners, a learner with 1 or 10 past cycles. Counted on PostgreSQL, with the
data written in bulk (the services would make the test slow; the rows are the same)."""

from datetime import timedelta

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from certificates.models import Certificate, new_verification_code
from core import roles
from courses import selectors, services
from courses.models import Cycle, Enrollment, EnrollmentEvent, LessonCompletion
from tests.factories import CycleFactory, InstructorFactory, LearnerFactory, ProgrammeFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
S = Enrollment.Status
HASH = make_password("not-used")


def _learners(count: int, start: int) -> list[User]:
    users = User.objects.bulk_create(
        [
            User(
                email=f"bulk{n}@missions.example.org",
                password=HASH,
                first_name="B",
                last_name=str(n),
                rank="counsellor",
                member_state="FRA",
            )
            for n in range(start, start + count)
        ]
    )
    group = Group.objects.get(name=roles.LEARNERS)
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=u.pk, group_id=group.pk) for u in users]
    )
    return users


def _grow(cycle: Cycle, count: int, *, start: int, status: str) -> list[Enrollment]:
    """`count` more learners in the cycle with `status`, each with an applied event and a
    lesson done, as the services would have left them."""
    now = timezone.now()
    enrollments = Enrollment.objects.bulk_create(
        [
            Enrollment(
                cycle=cycle,
                programme_id=cycle.programme_id,
                learner=u,
                status=status,
                rank=u.rank,
                member_state=u.member_state,
                applied_at=now - timedelta(minutes=start + i),
                seated_at=now if status == S.ENROLLED else None,
            )
            for i, u in enumerate(_learners(count, start))
        ]
    )
    EnrollmentEvent.objects.bulk_create(
        [EnrollmentEvent(enrollment=e, action="applied", to_status=status) for e in enrollments]
    )
    lesson = cycle.programme.modules().first().lessons().first()
    if status == S.ENROLLED:
        LessonCompletion.objects.bulk_create(
            [LessonCompletion(enrollment=e, lesson_id=lesson.pk) for e in enrollments]
        )
    return enrollments


def _queries(client, url: str) -> int:
    assert client.get(url).status_code == 200  # warm the per-process caches first
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.fixture
def cycle():
    programme = ProgrammeFactory(modules=4, seminar=True, lessons=3)
    cycle = CycleFactory(programme=programme, capacity=5000, policy="mission_balance")
    services.ensure_pinned(cycle)
    return cycle


def test_lesson_page_dashboard_and_matrix_do_not_grow_with_the_cycle(client, cycle):
    learner = LearnerFactory()
    services.apply(learner=learner, cycle=cycle)
    instructor = InstructorFactory()
    services.assign_instructor(cycle=cycle, instructor=instructor)
    lesson = cycle.programme.modules().first().lessons().last()
    _grow(cycle, 9, start=0, status=S.ENROLLED)
    pages = {
        "lesson page": (learner, lesson.url),
        "dashboard": (learner, reverse("courses:my_learning")),
        "progress matrix": (instructor, reverse("reports:progress", args=[cycle.pk])),
    }

    def counts():
        result = {}
        for name, (user, url) in pages.items():
            client.force_login(user)
            result[name] = _queries(client, url)
        return result

    at_10 = counts()
    _grow(cycle, 990, start=10, status=S.ENROLLED)
    assert cycle.enrollments.count() == 1000
    assert counts() == at_10


@pytest.mark.parametrize("policy", ["fifo", "seniority", "mission_balance"])
def test_waitlist_position_does_not_grow_with_the_waitlist(client, policy):
    cycle = CycleFactory(
        programme=ProgrammeFactory(modules=1, seminar=False, lessons=1), capacity=1, policy=policy
    )
    _grow(cycle, 1, start=0, status=S.ENROLLED)
    _grow(cycle, 8, start=1, status=S.WAITLISTED)
    learner = LearnerFactory()
    mine = services.apply(learner=learner, cycle=cycle)
    assert mine.status == S.WAITLISTED

    def counts():
        with CaptureQueriesContext(connection) as captured:
            position = selectors.waitlist_position(enrollment=mine)
        client.force_login(learner)
        return (
            len(captured.captured_queries),
            position is not None,
            _queries(client, reverse("courses:my_learning")),
        )

    at_10 = counts()
    _grow(cycle, 990, start=9, status=S.WAITLISTED)
    assert cycle.enrollments.count() == 1000
    assert counts() == at_10


def _past_cycles(learner: User, count: int, *, start: int) -> None:
    """`count` completed cycles (one per programme, as the rules allow) with certificates."""
    for n in range(start, start + count):
        programme = ProgrammeFactory(modules=2, seminar=False, lessons=1)
        begin = timezone.localdate() - timedelta(days=400 + 30 * n)
        cycle = CycleFactory(
            programme=programme,
            code=f"PAST-{n}",
            starts_on=begin,
            ends_on=begin + timedelta(days=60),
            applications_open_at=timezone.now() - timedelta(days=500 + 30 * n),
            applications_close_at=timezone.now() - timedelta(days=410 + 30 * n),
        )
        services.ensure_pinned(cycle)
        done = timezone.now() - timedelta(days=350 + 30 * n)
        enrollment = Enrollment.objects.create(
            cycle=cycle,
            learner=learner,
            status=S.COMPLETED,
            rank=learner.rank,
            member_state=learner.member_state,
            applied_at=done - timedelta(days=90),
            seated_at=done - timedelta(days=90),
            completed_at=done,
        )
        LessonCompletion.objects.bulk_create(
            [
                LessonCompletion(enrollment=enrollment, lesson_id=lesson["id"], completed_at=done)
                for part in cycle.curriculum["modules"]
                for lesson in part["lessons"]
            ]
        )
        Certificate.objects.create(
            enrollment=enrollment,
            serial=f"{cycle.code}-0001",
            code=new_verification_code(),
            status="issued",
            issued_at=done,
            language="en",
            printed_name=str(learner),
            programme_title=programme.title,
            cycle_title=cycle.title,
            cycle_code=cycle.code,
            starts_on=cycle.starts_on,
            ends_on=cycle.ends_on,
        )


def test_dashboard_does_not_grow_with_past_cycles(client, cycle):
    learner = LearnerFactory()
    services.apply(learner=learner, cycle=cycle)
    _past_cycles(learner, 1, start=0)
    client.force_login(learner)
    urls = [reverse("courses:my_learning"), reverse("certificates:mine")]
    at_1 = [_queries(client, url) for url in urls]
    _past_cycles(learner, 9, start=1)
    assert learner.enrollments.filter(status=S.COMPLETED).count() == 10
    assert [_queries(client, url) for url in urls] == at_1
