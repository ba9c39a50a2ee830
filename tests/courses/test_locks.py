"""Services lock only the rows they mean: a learner's progress write does not wait for the
cycle row that applications lock (PostgreSQL; SQLite has one database-wide write lock)."""

import threading

import pytest
from django.db import connections, transaction

from courses import services
from courses.models import Cycle, Enrollment, LessonCompletion
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_lesson_completes_while_the_cycle_row_is_locked():
    programme = ProgrammeFactory(modules=2, seminar=False, lessons=2)
    cycle = CycleFactory(programme=programme, capacity=5)
    learner = LearnerFactory()
    enrollment = services.apply(learner=learner, cycle=cycle)
    first, second = programme.modules().first().lessons()[:2]
    services.complete_lesson(learner=learner, lesson=first)  # pins the curriculum
    locked, release = threading.Event(), threading.Event()

    def hold_the_cycle_lock():
        # What an application does: lock the cycle row, then take its time.
        try:
            with transaction.atomic():
                Cycle.objects.select_for_update().get(pk=cycle.pk)
                locked.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold_the_cycle_lock)
    holder.start()
    try:
        assert locked.wait(timeout=10)
        with transaction.atomic():
            # Fail fast instead of hanging if the completion waits for the cycle row.
            with connections["default"].cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '3s'")
            services.complete_lesson(learner=learner, lesson=second)
        assert LessonCompletion.objects.filter(enrollment=enrollment, lesson=second).exists()
    finally:
        release.set()
        holder.join(timeout=30)
    assert Enrollment.objects.get(pk=enrollment.pk).status == Enrollment.Status.ENROLLED
