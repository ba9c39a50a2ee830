"""Attendance has one record, `courses.SeminarAttendance`: whichever screen or service
writes it, and after the migration that moved the seats' copies into it, the completion
rule counts it as before (present counts; absent, excused and not recorded do not)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from courses import services as course_services
from courses.models import Enrollment, SeminarAttendance
from courses.selectors import progress_for
from seminars import services
from tests.factories import AdministratorFactory

from .helpers import make_session, seated_learner, seminar_cycle

S = Enrollment.Status
BEFORE = [("seminars", "0004_edge_input_bounds")]


def _ready(cycle, programme, session=None):
    learner, enrollment = seated_learner(cycle)
    course_services.complete_lesson(learner=learner, lesson=programme.modules()[0].lessons()[0])
    if session is not None:
        services.choose_session(learner=learner, session=session)
    return enrollment


def _counted(enrollment):
    enrollment.refresh_from_db()
    progress = progress_for(enrollment=enrollment)
    return progress.seminar_attended, progress.requirements_met, enrollment.status


@pytest.mark.django_db
@pytest.mark.parametrize("with_session", [True, False])
def test_the_completion_rule_counts_present_only(with_session):
    programme, cycle = seminar_cycle()
    session = make_session(cycle) if with_session else None
    admin = AdministratorFactory()
    counted = {}
    for attendance in ("present", "absent", "excused", ""):
        enrollment = _ready(cycle, programme, session)
        if attendance:
            services.record_attendance(
                enrollment=enrollment, attendance=attendance, note="Ill", by=admin
            )
        counted[attendance] = _counted(enrollment)
    assert counted == {
        "present": (True, True, S.COMPLETED),
        "absent": (False, False, S.ENROLLED),
        "excused": (False, False, S.ENROLLED),
        "": (None, False, S.ENROLLED),
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_moves_every_seats_attendance_into_the_one_record():
    programme, cycle = seminar_cycle()
    session = make_session(cycle)
    admin = AdministratorFactory()
    present, excused, absent, changed = (_ready(cycle, programme, session) for _ in range(4))
    # Before: the session screen wrote the seat and the row together; the cycle's screen
    # could change the row alone later (`changed`: absent on the seat, present since).
    course_services.record_attendance(enrollment=present, attended=True, by=admin)
    course_services.record_attendance(enrollment=changed, attended=True, by=admin)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    Seat = executor.loader.project_state(BEFORE).apps.get_model("seminars", "SessionSeat")
    then = timezone.now() - timedelta(days=1)
    for enrollment, attendance, note in [
        (present, "present", ""),
        (excused, "excused", "Ill"),
        (absent, "absent", "No word"),
        (changed, "absent", "Late"),
    ]:
        Seat.objects.filter(enrollment_id=enrollment.pk).update(
            attendance=attendance, note=note, recorded_by_id=admin.pk, recorded_at=then
        )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    rows = {row.enrollment_id: row for row in SeminarAttendance.objects.all()}
    assert {pk: (row.attendance, row.note) for pk, row in rows.items()} == {
        present.pk: ("present", ""),
        excused.pk: ("excused", "Ill"),
        absent.pk: ("absent", "No word"),
        changed.pk: ("present", "Late"),  # the later record decides
    }
    assert rows[excused.pk].recorded_by_id == admin.pk
    assert [_counted(e)[:2] for e in (present, excused, absent, changed)] == [
        (True, True),
        (False, False),
        (False, False),
        (True, True),
    ]
