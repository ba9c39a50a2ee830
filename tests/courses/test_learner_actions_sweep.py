"""Every learner action (apply, confirm, decline, withdraw) on enrollments in every status,
their own and other learners', in several orders, through the real URLs: no answer is a
5xx, nobody acts on someone else's enrollment, and seats never exceed the capacity."""

import random
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import selectors, services
from courses.models import Enrollment, EnrollmentEvent
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
S = Enrollment.Status
ACTIONS = ("apply", "confirm", "decline", "withdraw")


def build_world():
    """A cycle of 3 holding one enrollment in each status."""
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    cycle = CycleFactory(
        programme=programme, capacity=3, offer_hours=24, seminar_requirement="none"
    )
    names = ["withdrawn", "completed", "enrolled", "expired", "offered", "waitlisted"]
    learners = {name: LearnerFactory() for name in names}
    for name in names:
        services.apply(learner=learners[name], cycle=cycle)
    mine = {name: cycle.enrollments.get(learner=learners[name]) for name in names}
    services.withdraw(enrollment=mine["withdrawn"])  # offers the seat to "expired"
    services.expire_offers(now=timezone.now() + timedelta(hours=25))  # … then to "offered"
    lesson = programme.modules().first().lessons().first()
    services.complete_lesson(learner=learners["completed"], lesson=lesson)
    for name, enrollment in mine.items():
        enrollment.refresh_from_db()
        assert enrollment.status == name, (name, enrollment.status)
    return cycle, learners, mine


def post(client, action, cycle, enrollment):
    if action == "apply":
        return client.post(reverse("courses:apply", args=[cycle.code]))
    name = {
        "confirm": "courses:confirm_offer",
        "decline": "courses:decline_offer",
        "withdraw": "courses:withdraw",
    }[action]
    return client.post(reverse(name, args=[enrollment.pk]))


def check_invariants(cycle):
    cycle.refresh_from_db()
    assert selectors.seated_count(cycle=cycle) <= cycle.capacity
    positions = selectors.waitlist_positions(cycle=cycle)
    assert sorted(positions.values()) == list(range(1, len(positions) + 1))
    assert not cycle.enrollments.filter(status=S.WAITLISTED).exists() or (
        selectors.seated_count(cycle=cycle) >= cycle.capacity
    )
    for enrollment in cycle.enrollments.all():
        last = EnrollmentEvent.objects.filter(enrollment=enrollment).order_by("pk").last()
        assert last.to_status == enrollment.status


@pytest.mark.parametrize("seed", range(4))
def test_every_learner_action_on_every_status_in_several_orders(client, seed):
    cycle, learners, mine = build_world()
    steps = [
        (actor, action, target) for actor in learners for action in ACTIONS for target in learners
    ]
    random.Random(seed).shuffle(steps)
    for actor, action, target in steps:
        enrollment = Enrollment.objects.get(pk=mine[target].pk)
        before = {e.pk: e.status for e in cycle.enrollments.all()}
        client.force_login(learners[actor])
        response = post(client, action, cycle, enrollment)
        assert response.status_code < 500, (actor, action, target, response.status_code)
        if action != "apply" and actor != target:
            # Someone else's enrollment does not exist for this learner, and nothing changes.
            assert response.status_code == 404
            assert before == {e.pk: e.status for e in cycle.enrollments.all()}
        if action == "confirm" and before[enrollment.pk] != S.OFFERED:
            assert Enrollment.objects.get(pk=enrollment.pk).status == before[enrollment.pk]
        check_invariants(cycle)


@pytest.mark.parametrize(
    "status", ["withdrawn", "completed", "enrolled", "expired", "offered", "waitlisted"]
)
def test_each_action_on_each_status_gives_the_expected_result(client, status):
    expected = {
        # status: (after confirm, after decline, after withdraw)
        "withdrawn": ("withdrawn", "withdrawn", "withdrawn"),
        "completed": ("completed", "completed", "completed"),
        "enrolled": ("enrolled", "enrolled", "withdrawn"),
        "expired": ("expired", "expired", "expired"),
        "offered": ("enrolled", "withdrawn", "withdrawn"),
        "waitlisted": ("waitlisted", "waitlisted", "withdrawn"),
    }[status]
    for action, result in zip(("confirm", "decline", "withdraw"), expected, strict=True):
        cycle, learners, mine = build_world()
        client.force_login(learners[status])
        response = post(client, action, cycle, mine[status])
        assert response.status_code == 302
        assert Enrollment.objects.get(pk=mine[status].pk).status == result, action
        check_invariants(cycle)
        client.logout()


def test_get_on_decline_and_withdraw_changes_nothing(client):
    cycle, learners, mine = build_world()
    for name in ("offered", "enrolled", "waitlisted"):
        client.force_login(learners[name])
        for url in ("courses:decline_offer", "courses:withdraw"):
            assert client.get(reverse(url, args=[mine[name].pk])).status_code == 200
        assert Enrollment.objects.get(pk=mine[name].pk).status == name
    for url in ("courses:confirm_offer", "courses:apply"):
        arg = cycle.code if url == "courses:apply" else mine["offered"].pk
        assert client.get(reverse(url, args=[arg])).status_code == 405
