"""Progress: lesson completion, knowledge checks, progressive modules, seminar attendance
and cycle completion at the moment the last requirement is met."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Rank
from cms.models import LessonPage
from courses import selectors, services
from courses.exceptions import NotAllowed
from courses.models import Enrollment, EnrollmentEvent, KnowledgeCheckAttempt, LessonCompletion
from courses.signals import enrollment_completed
from tests.factories import (
    AdministratorFactory,
    CycleFactory,
    InstructorFactory,
    LearnerFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db
S = Enrollment.Status
RIGHT = {"q0": "1", "q1": "1"}
WRONG = {"q0": "0", "q1": "2"}


@pytest.fixture
def programme():
    return ProgrammeFactory(modules=2, seminar=True, lessons=2, checks=True)


@pytest.fixture
def cycle(programme):
    return CycleFactory(programme=programme, capacity=50, seminar_requirement="senior")


def lessons_of(programme):
    return [list(m.lessons()) for m in programme.modules()]


def seat(cycle, **kwargs):
    learner = LearnerFactory(**kwargs)
    enrollment = services.apply(learner=learner, cycle=cycle)
    assert enrollment.status == S.ENROLLED
    return learner, enrollment


def check_id(lesson):
    return next(iter(services.knowledge_checks(lesson)))


def finish_module(learner, lessons):
    *plain, last = lessons
    for lesson in plain:
        services.complete_lesson(learner=learner, lesson=lesson)
    services.submit_knowledge_check(
        learner=learner, lesson=last, block_id=check_id(last), answers=RIGHT
    )


def test_completing_a_lesson_is_idempotent(cycle, programme):
    learner, enrollment = seat(cycle)
    first = lessons_of(programme)[0][0]
    a = services.complete_lesson(learner=learner, lesson=first)
    b = services.complete_lesson(learner=learner, lesson=first)
    assert a.pk == b.pk
    assert LessonCompletion.objects.filter(enrollment=enrollment).count() == 1


def test_module_two_opens_only_when_module_one_is_complete(cycle, programme, client):
    learner, enrollment = seat(cycle)
    (m1a, m1b), (m2a, _m2b), _seminar = lessons_of(programme)
    with pytest.raises(NotAllowed, match="Module 2 opens when you complete Module 1"):
        services.complete_lesson(learner=learner, lesson=m2a)
    client.force_login(learner)
    locked = client.get(m2a.url)
    assert locked.status_code == 403
    html = locked.content.decode()
    assert "Module 2 opens when you complete Module 1" in html
    assert f'href="{m1a.url}"' in html  # links to what is missing
    assert "Lesson 1 of Module 2" not in html  # the outline, not the content
    finish_module(learner, [m1a, m1b])
    opened = client.get(m2a.url)
    assert opened.status_code == 200 and "Lesson 1 of Module 2" in opened.content.decode()
    assert not LessonCompletion.objects.filter(enrollment=enrollment, lesson=m2a).exists()


def test_who_sees_lesson_content(cycle, programme, client):
    lesson = lessons_of(programme)[0][0]
    # Anonymous: told to sign in; programme and module pages stay public.
    response = client.get(lesson.url)
    assert response.status_code == 403 and "Sign in" in response.content.decode()
    assert client.get(programme.url).status_code == 200
    assert client.get(programme.modules().first().url).status_code == 200
    # Waitlisted: told their position.
    full = CycleFactory(programme=programme, capacity=0)
    waiting = LearnerFactory()
    services.apply(learner=waiting, cycle=full)
    client.force_login(waiting)
    html = client.get(lesson.url).content.decode()
    assert "number 1 on the waitlist" in html and "Lesson 1 of Module 1" not in html
    # Withdrawn: no content.
    learner, enrollment = seat(cycle)
    services.withdraw(enrollment=enrollment)
    client.force_login(learner)
    assert client.get(lesson.url).status_code == 403
    # Seated: content; instructors preview everything.
    seated, _ = seat(cycle)
    client.force_login(seated)
    assert "Lesson 1 of Module 1" in client.get(lesson.url).content.decode()
    client.force_login(InstructorFactory())
    assert client.get(lessons_of(programme)[1][1].url).status_code == 200


def test_knowledge_check_is_graded_on_the_server_and_every_attempt_recorded(
    cycle, programme, client
):
    learner, enrollment = seat(cycle)
    first, last = lessons_of(programme)[0]
    services.complete_lesson(learner=learner, lesson=first)
    client.force_login(learner)
    html = client.get(last.url).content.decode()
    assert 'name="q0"' in html
    assert "correct" not in html.lower()  # no hint of the right answer before submitting
    with pytest.raises(NotAllowed, match="Pass this lesson's knowledge check"):
        services.complete_lesson(learner=learner, lesson=last)
    failed = services.submit_knowledge_check(
        learner=learner, lesson=last, block_id=check_id(last), answers=WRONG
    )
    assert (failed.score, failed.passed) == (0, False)
    half = services.submit_knowledge_check(
        learner=learner, lesson=last, block_id=check_id(last), answers={"q0": "1", "q1": "0"}
    )
    assert (half.score, half.passed) == (50, True)  # pass mark 50
    assert KnowledgeCheckAttempt.objects.filter(enrollment=enrollment).count() == 2
    assert LessonCompletion.objects.filter(enrollment=enrollment, lesson=last).exists()


def test_incomplete_or_bad_answers_are_refused_and_nothing_is_written(cycle, programme):
    learner, enrollment = seat(cycle)
    last = lessons_of(programme)[0][1]
    for answers in ({"q0": "1"}, {"q0": "1", "q1": "9"}, {"q0": "x", "q1": "1"}):
        with pytest.raises(NotAllowed, match="Answer every question"):
            services.submit_knowledge_check(
                learner=learner, lesson=last, block_id=check_id(last), answers=answers
            )
    with pytest.raises(NotAllowed, match="no longer exists"):
        services.submit_knowledge_check(
            learner=learner, lesson=last, block_id="nope", answers=RIGHT
        )
    assert not KnowledgeCheckAttempt.objects.filter(enrollment=enrollment).exists()


def test_the_form_flow_posts_answers_and_marks_complete(cycle, programme, client):
    learner, enrollment = seat(cycle)
    first, last = lessons_of(programme)[0]
    client.force_login(learner)
    response = client.post(f"/lessons/{first.pk}/complete/", follow=True)
    assert "Lesson completed." in response.content.decode()
    response = client.post(
        f"/lessons/{last.pk}/check/", {"block_id": check_id(last), **RIGHT}, follow=True
    )
    assert "You scored 100% and passed." in response.content.decode()
    progress = selectors.progress_for(enrollment=enrollment)
    assert (progress.modules[0].done, progress.modules[0].total) == (2, 2)
    assert progress.modules[1].is_open


def test_completion_happens_when_the_last_requirement_is_met(cycle, programme):
    received = []

    def listener(sender, enrollment, **kwargs):
        received.append(enrollment.pk)

    enrollment_completed.connect(listener)
    try:
        junior, junior_enrollment = seat(cycle, rank=Rank.ATTACHE)
        ambassador, ambassador_enrollment = seat(cycle, rank=Rank.AMBASSADOR)
        (m1a, m1b), (m2a, m2b), _ = lessons_of(programme)
        for learner in (junior, ambassador):
            finish_module(learner, [m1a, m1b])
            services.complete_lesson(learner=learner, lesson=m2a)
        assert received == []
        finish_module(junior, [m2a, m2b])  # the seminar is optional for an attaché
        assert Enrollment.objects.get(pk=junior_enrollment.pk).status == S.COMPLETED
        assert received == [junior_enrollment.pk]
        finish_module(ambassador, [m2a, m2b])
        assert Enrollment.objects.get(pk=ambassador_enrollment.pk).status == S.ENROLLED
        instructor = InstructorFactory()
        services.assign_instructor(cycle=cycle, instructor=instructor)
        services.record_attendance(enrollment=ambassador_enrollment, attended=True, by=instructor)
        done = Enrollment.objects.get(pk=ambassador_enrollment.pk)
        assert done.status == S.COMPLETED and done.completed_at is not None
        assert received == [junior_enrollment.pk, ambassador_enrollment.pk]
        assert EnrollmentEvent.objects.filter(enrollment=done, action="completed").count() == 1
    finally:
        enrollment_completed.disconnect(listener)


def test_attendance_is_recorded_by_the_cycles_instructor_or_an_administrator(cycle):
    _, enrollment = seat(cycle)
    assigned, other = InstructorFactory(), InstructorFactory()
    services.assign_instructor(cycle=cycle, instructor=assigned)
    for outsider in (other, LearnerFactory()):
        with pytest.raises(NotAllowed, match="instructors and administrators"):
            services.record_attendance(enrollment=enrollment, attended=True, by=outsider)
    services.record_attendance(enrollment=enrollment, attended=False, by=assigned)
    services.record_attendance(enrollment=enrollment, attended=True, by=AdministratorFactory())
    assert enrollment.seminar_attendance.attended is True


def test_progress_does_not_count_outside_a_running_cycle(programme):
    from datetime import timedelta

    from django.utils import timezone

    cycle = CycleFactory(programme=programme, starts_on=timezone.localdate() + timedelta(days=3))
    learner, _ = seat(cycle)
    with pytest.raises(NotAllowed, match="running cycle"):
        services.complete_lesson(learner=learner, lesson=lessons_of(programme)[0][0])


def test_dashboard_and_lesson_page_queries_do_not_grow(client, programme):
    learner = LearnerFactory()
    cycles = [CycleFactory(programme=programme, capacity=500)]
    services.apply(learner=learner, cycle=cycles[0])
    first = lessons_of(programme)[0][0]
    client.force_login(learner)
    services.pin_started_curricula()  # as Celery beat does for every started cycle
    client.get("/my/")
    with CaptureQueriesContext(connection) as small_dash:
        client.get("/my/")
    second = lessons_of(programme)[0][1]
    with CaptureQueriesContext(connection) as small_lesson:
        client.get(second.url)
    # Grow: 4 more cycles of the learner (other programmes: one unfinished enrollment per
    # programme), 200 other learners with progress, completions.
    for _ in range(4):
        extra = CycleFactory(
            programme=ProgrammeFactory(modules=1, seminar=False, lessons=1), capacity=500
        )
        services.apply(learner=learner, cycle=extra)
    for other in LearnerFactory.create_batch(200):
        services.apply(learner=other, cycle=cycles[0])
        services.complete_lesson(learner=other, lesson=first)
    services.complete_lesson(learner=learner, lesson=first)
    services.pin_started_curricula()
    # Warm, as the small run was: the cycles' outlines are cached until a page changes.
    client.get("/my/")
    client.get(second.url)
    with CaptureQueriesContext(connection) as big_dash:
        assert client.get("/my/").status_code == 200
    with CaptureQueriesContext(connection) as big_lesson:
        assert client.get(second.url).status_code == 200
    assert len(big_dash.captured_queries) <= len(small_dash.captured_queries)
    assert len(big_lesson.captured_queries) <= len(small_lesson.captured_queries)


def test_dashboard_shows_progress_bars_and_resume(client, cycle, programme):
    learner, _ = seat(cycle)
    first = lessons_of(programme)[0][0]
    services.complete_lesson(learner=learner, lesson=first)
    client.force_login(learner)
    html = client.get("/my/").content.decode()
    assert 'value="1" aria-labelledby=' in html and ">1/2</progress>" in html
    second = LessonPage.objects.get(pk=lessons_of(programme)[0][1].pk)
    assert "Resume" in html and second.url in html


def test_a_cycle_not_yet_started_shows_its_start_instead_of_resume(client, programme):
    from datetime import timedelta

    from django.utils import timezone

    later = CycleFactory(
        programme=programme,
        starts_on=timezone.localdate() + timedelta(days=20),
        ends_on=timezone.localdate() + timedelta(days=90),
    )
    learner, _ = seat(later)
    client.force_login(learner)
    html = client.get("/my/").content.decode()
    assert "lessons open then" in html and "Resume" not in html


def test_the_matrix_summaries_count_as_the_full_progress(cycle, programme):
    """progress_summaries (the matrix's rows) against progress_for_many (the learner's pages):
    the same parts, counts, seminar attendance and percentage, at every point of a cycle."""
    instructor = InstructorFactory()
    services.assign_instructor(cycle=cycle, instructor=instructor)
    (m1a, m1b), (m2a, m2b), _seminar = lessons_of(programme)
    fresh, _ = seat(cycle, rank=Rank.AMBASSADOR)
    halfway, _ = seat(cycle, rank=Rank.ATTACHE)
    finish_module(halfway, [m1a, m1b])
    services.complete_lesson(learner=halfway, lesson=m2a)
    finished, _ = seat(cycle, rank=Rank.ATTACHE)  # the seminar is optional for an attaché
    finish_module(finished, [m1a, m1b])
    finish_module(finished, [m2a, m2b])
    absent, absent_enrollment = seat(cycle, rank=Rank.AMBASSADOR)
    finish_module(absent, [m1a, m1b])
    services.record_attendance(enrollment=absent_enrollment, attended=False, by=instructor)
    enrollments = list(Enrollment.objects.filter(cycle=cycle).select_related("cycle"))
    full = selectors.progress_for_many(enrollments=enrollments)
    summaries = selectors.progress_summaries(enrollments=enrollments)
    assert {e.status for e in enrollments} == {S.ENROLLED, S.COMPLETED}
    for enrollment in enrollments:
        progress, summary = full[enrollment.pk], summaries[enrollment.pk]
        assert summary.parts == {p.id: (p.kind, p.done, p.total) for p in progress.all_parts}
        assert summary.percent == progress.percent
        assert summary.seminar_attended == progress.seminar_attended
    assert sorted(s.percent for s in summaries.values()) == [0, 40, 75, 100]
