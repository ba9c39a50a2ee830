"""A session's capacity under real concurrency: learners choose the same session at once,
each thread on its own PostgreSQL connection; the session row lock keeps the count."""

import pytest

from seminars import services
from seminars.models import SessionSeat
from tests.courses.test_concurrency import _all_at_once

from .helpers import make_session, seated_learner, seminar_cycle

LEARNERS, CAPACITY = 20, 5


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_choices_never_overfill_a_session():
    _programme, cycle = seminar_cycle(capacity=LEARNERS)
    session = make_session(cycle, capacity=CAPACITY)
    learners = [seated_learner(cycle)[0] for _ in range(LEARNERS)]
    errors = _all_at_once(
        lambda learner: services.choose_session(learner=learner, session=session), learners
    )
    assert SessionSeat.objects.filter(session=session).count() == CAPACITY
    assert len(errors) == LEARNERS - CAPACITY
    assert all("is full" in str(error) for error in errors), errors[:3]
