import pytest

from courses import services as courses_services
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory


@pytest.fixture
def small_programme(db):
    return ProgrammeFactory(modules=1, seminar=False, lessons=1)


@pytest.fixture
def complete(small_programme):
    """complete(**learner_kwargs) -> a completed enrollment, through the real services."""
    cycle = CycleFactory(programme=small_programme, capacity=500, seminar_requirement="none")
    lesson = small_programme.modules().first().lessons().first()

    def make(**learner_kwargs):
        learner = LearnerFactory(**learner_kwargs)
        enrollment = courses_services.apply(learner=learner, cycle=cycle)
        courses_services.complete_lesson(learner=learner, lesson=lesson)
        enrollment.refresh_from_db()
        assert enrollment.status == "completed"
        return enrollment

    return make
