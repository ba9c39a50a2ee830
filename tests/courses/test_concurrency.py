"""Rule 1 under real concurrency: 50 learners apply at once, each thread on its own database
connection, to a cycle of capacity 10. Runs on SQLite in the first pass of `make test` and
on PostgreSQL in the second."""

import threading

import pytest
from django.db import connection, connections

from courses import selectors, services
from courses.models import Enrollment
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory

S = Enrollment.Status
APPLICANTS, CAPACITY, ROUNDS = 50, 10, 3


def _all_at_once(action, items):
    """Run action(item) for every item, each in its own thread and database connection,
    released together; return the exceptions raised."""
    barrier = threading.Barrier(len(items))
    errors = []

    def worker(item):
        try:
            barrier.wait()
            action(item)
        except Exception as error:  # noqa: BLE001 - collected and asserted by the caller
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_simultaneous_applications_never_overbook():
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    for round_number in range(ROUNDS):
        cycle = CycleFactory(programme=programme, capacity=CAPACITY)
        learners = LearnerFactory.create_batch(APPLICANTS)
        errors = _all_at_once(
            lambda learner, cycle=cycle: services.apply(learner=learner, cycle=cycle), learners
        )
        assert errors == [], f"round {round_number} on {connection.vendor}: {errors[:3]}"
        statuses = list(cycle.enrollments.values_list("status", flat=True))
        assert len(statuses) == APPLICANTS
        assert statuses.count(S.ENROLLED) + statuses.count(S.OFFERED) == CAPACITY
        assert statuses.count(S.WAITLISTED) == APPLICANTS - CAPACITY
        positions = selectors.waitlist_positions(cycle=cycle)
        assert sorted(positions.values()) == list(range(1, APPLICANTS - CAPACITY + 1))


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_withdrawals_promote_each_waiting_learner_once():
    cycle = CycleFactory(
        programme=ProgrammeFactory(modules=1, seminar=False, lessons=1), capacity=5
    )
    learners = LearnerFactory.create_batch(15)
    for learner in learners:
        services.apply(learner=learner, cycle=cycle)
    seated = list(cycle.enrollments.filter(status=S.ENROLLED))
    errors = _all_at_once(lambda enrollment: services.withdraw(enrollment=enrollment), seated)
    assert errors == []
    assert cycle.enrollments.filter(status=S.OFFERED).count() == 5
    assert cycle.enrollments.filter(status=S.WAITLISTED).count() == 5
    # The five promoted are the first five who waited, in order of application.
    first_waiting = [learner.pk for learner in learners[5:10]]
    offered = cycle.enrollments.filter(status=S.OFFERED).values_list("learner_id", flat=True)
    assert sorted(offered) == sorted(first_waiting)
