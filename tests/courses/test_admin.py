"""The Wagtail admin screens for cycles and rosters."""

import csv
import io

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from courses import services
from courses.models import Enrollment, EnrollmentEvent, KnowledgeCheckAttempt
from tests.admin_refusals import assert_admin_refused
from tests.factories import (
    AdministratorFactory,
    CycleFactory,
    InstructorFactory,
    LearnerFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db
S = Enrollment.Status


@pytest.fixture
def programme():
    return ProgrammeFactory(modules=1, seminar=False, lessons=1)


def _full_cycle(programme, *, capacity=2, waiting=3, **kwargs):
    cycle = CycleFactory(programme=programme, capacity=capacity, **kwargs)
    for _ in range(capacity + waiting):
        services.apply(learner=LearnerFactory(), cycle=cycle)
    return cycle


def test_administrator_lists_cycles_with_seats_and_waitlist(client, programme):
    cycle = _full_cycle(programme)
    client.force_login(AdministratorFactory())
    response = client.get(reverse("cycles:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert cycle.code in html
    assert reverse("roster:index") + f"?cycle={cycle.pk}" in html


def test_instructors_see_only_their_own_cycles(client, programme):
    mine = CycleFactory(programme=programme, code="PATIT-2026-MINE")
    theirs = _full_cycle(programme, code="PATIT-2026-THEIRS")
    instructor = InstructorFactory()
    services.assign_instructor(cycle=mine, instructor=instructor)
    client.force_login(instructor)
    html = client.get(reverse("cycles:index")).content.decode()
    assert "PATIT-2026-MINE" in html and "PATIT-2026-THEIRS" not in html
    roster = client.get(reverse("roster:index") + f"?cycle={theirs.pk}").content.decode()
    assert all(e.learner.email not in roster for e in theirs.enrollments.all())
    other = theirs.enrollments.first()
    assert client.get(reverse("roster:manage", args=[other.pk])).status_code == 404
    # Instructors do not edit cycles.
    assert_admin_refused(client.get(reverse("cycles:edit", args=[mine.pk])))


def test_raising_capacity_in_the_admin_promotes_at_once(client, programme):
    cycle = _full_cycle(programme, capacity=2, waiting=3)
    client.force_login(AdministratorFactory())
    page = client.get(reverse("cycles:edit", args=[cycle.pk])).content.decode()
    data = querydict_from_html(page, form_id="w-editor-form").copy()
    data["capacity"] = "4"
    response = client.post(reverse("cycles:edit", args=[cycle.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    cycle.refresh_from_db()
    assert cycle.capacity == 4
    assert cycle.enrollments.filter(status=S.OFFERED).count() == 2
    assert cycle.enrollments.filter(status=S.WAITLISTED).count() == 1


def test_roster_exports_the_waitlist_in_order(client, programme):
    cycle = _full_cycle(programme, capacity=1, waiting=3, policy="fifo")
    client.force_login(AdministratorFactory())
    response = client.get(reverse("roster:index") + f"?cycle={cycle.pk}&export=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 4
    assert [r["Status"] for r in rows] == ["Enrolled"] + ["Waitlisted"] * 3
    assert [r["Waitlist position"] for r in rows] == ["", "1", "2", "3"]


def test_roster_has_no_generic_edit_screens(client, programme):
    cycle = _full_cycle(programme, capacity=1, waiting=0)
    client.force_login(AdministratorFactory())
    enrollment = cycle.enrollments.get()
    assert_admin_refused(client.get(reverse("roster:edit", args=[enrollment.pk])))
    assert_admin_refused(client.get(reverse("roster:add")))


def test_administrator_removes_a_learner_with_a_reason_and_it_is_audited(client, programme):
    cycle = _full_cycle(programme, capacity=1, waiting=1)
    seated = cycle.enrollments.get(status=S.ENROLLED)
    admin = AdministratorFactory()
    client.force_login(admin)
    url = reverse("roster:manage", args=[seated.pk])
    response = client.post(url, {"action": "remove", "reason": ""})
    assert Enrollment.objects.get(pk=seated.pk).status == S.ENROLLED  # no reason: refused
    response = client.post(url, {"action": "remove", "reason": "Left the mission"})
    assert response.status_code == 302
    assert Enrollment.objects.get(pk=seated.pk).status == S.WITHDRAWN
    event = EnrollmentEvent.objects.get(enrollment=seated, action="removed")
    assert event.actor == admin and event.reason == "Left the mission"
    assert cycle.enrollments.filter(status=S.OFFERED).count() == 1
    page = client.get(url).content.decode()
    assert "Left the mission" in page and "Removed by an administrator" in page


def test_an_instructor_cannot_act_on_a_roster(client, programme):
    cycle = _full_cycle(programme, capacity=1, waiting=1)
    instructor = InstructorFactory()
    services.assign_instructor(cycle=cycle, instructor=instructor)
    client.force_login(instructor)
    seated = cycle.enrollments.get(status=S.ENROLLED)
    response = client.post(
        reverse("roster:manage", args=[seated.pk]), {"action": "remove", "reason": "x"}
    )
    assert_admin_refused(response)
    assert Enrollment.objects.get(pk=seated.pk).status == S.ENROLLED


@pytest.mark.parametrize("name, query", [("cycles:index", ""), ("roster:index", "?cycle={cycle}")])
def test_admin_lists_do_not_grow_in_queries(
    client, programme, name, query, django_assert_max_num_queries
):
    url = reverse(name) + query
    client.force_login(AdministratorFactory())
    small = _full_cycle(programme, capacity=2, waiting=1)
    client.get(url.format(cycle=small.pk))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small_run:
        client.get(url.format(cycle=small.pk))
    small_count = len(small_run.captured_queries)  # before a request resets the query log
    big = _full_cycle(programme, capacity=10, waiting=15)
    for _ in range(4):
        _full_cycle(programme, capacity=2, waiting=2)
    with django_assert_max_num_queries(small_count + 2):
        client.get(url.format(cycle=big.pk))


def _seated_with_progress(programme, n):
    cycle = CycleFactory(programme=programme, capacity=500)
    first = programme.modules().first().lessons().first()
    learners = []
    for i in range(n):
        learner = LearnerFactory(member_state=["GHA", "PER"][i % 2])
        services.apply(learner=learner, cycle=cycle)
        if i % 2 == 0:
            services.complete_lesson(learner=learner, lesson=first)
            # A knowledge-check score too: the matrix shows them (reports/progress.py).
            KnowledgeCheckAttempt.objects.create(
                enrollment=learner.enrollments.get(),
                lesson=first,
                block_id="check",
                answers={},
                score=50,
                passed=True,
            )
        learners.append(learner)
    return cycle, learners


def test_progress_matrix_shows_who_is_stuck_where_and_exports(client, programme):
    cycle, learners = _seated_with_progress(programme, 4)
    instructor = InstructorFactory()
    services.assign_instructor(cycle=cycle, instructor=instructor)
    client.force_login(instructor)
    response = client.get(reverse("reports:progress", args=[cycle.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert all(str(learner) in html for learner in learners)
    assert "1/1" in html and "0/1" in html
    response = client.get(
        reverse("reports:progress", args=[cycle.pk]) + "?learner__member_state=GHA&export=csv"
    )
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 2 and {r["Member State"] for r in rows} == {"Ghana"}
    assert {r["Module 1"] for r in rows} == {"1/1"}


def test_progress_matrix_rows_are_escaped(client, programme):
    cycle = CycleFactory(programme=programme, capacity=5)
    learner = LearnerFactory(first_name="<b>Bold</b>", last_name="&Co")
    services.apply(learner=learner, cycle=cycle)
    client.force_login(AdministratorFactory())
    html = client.get(reverse("reports:progress", args=[cycle.pk])).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp;Co" in html and "<b>Bold" not in html


def test_progress_matrix_shows_seminar_attendance_and_completion(client):
    programme = ProgrammeFactory(modules=1, seminar=True, lessons=1)
    cycle = CycleFactory(programme=programme, capacity=5, seminar_requirement="all")
    module, _seminar = programme.modules()
    instructor = InstructorFactory()
    services.assign_instructor(cycle=cycle, instructor=instructor)
    names = {"attended": "Ada", "absent": "Bea", "not recorded": "Cy"}
    for text, name in names.items():
        learner = LearnerFactory(first_name=name, last_name="Test")
        enrollment = services.apply(learner=learner, cycle=cycle)
        services.complete_lesson(learner=learner, lesson=module.lessons()[0])
        if text != "not recorded":
            services.record_attendance(
                enrollment=enrollment, attended=text == "attended", by=instructor
            )
    client.force_login(instructor)
    html = client.get(reverse("reports:progress", args=[cycle.pk])).content.decode()
    rows = {name: row for row in html.split("<tr>") for name in names.values() if name in row}
    assert "attended" in rows["Ada"] and "100%" in rows["Ada"]  # the last requirement
    assert "absent" in rows["Bea"] and "50%" in rows["Bea"]
    assert "not recorded" in rows["Cy"] and "50%" in rows["Cy"]


def test_progress_and_attendance_are_closed_to_other_instructors(client, programme):
    cycle, _ = _seated_with_progress(programme, 1)
    client.force_login(InstructorFactory())
    assert_admin_refused(client.get(reverse("reports:progress", args=[cycle.pk])))
    assert_admin_refused(client.get(reverse("seminars_admin:attendance", args=[cycle.pk])))


def test_attendance_screen_records_through_the_service(client):
    """A cycle without sessions: its instructors record every seated learner."""
    programme = ProgrammeFactory(modules=1, seminar=True, lessons=1)
    cycle = CycleFactory(programme=programme, seminar_requirement="all")
    learner = LearnerFactory()
    enrollment = services.apply(learner=learner, cycle=cycle)
    services.complete_lesson(learner=learner, lesson=programme.modules().first().lessons()[0])
    instructor = InstructorFactory()
    services.assign_instructor(cycle=cycle, instructor=instructor)
    client.force_login(instructor)
    url = reverse("seminars_admin:attendance", args=[cycle.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {f"attendance-{enrollment.pk}": "present"})
    assert response.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.seminar_attendance.attended is True
    assert enrollment.status == S.COMPLETED  # the last requirement: completed at once


def test_progress_matrix_queries_do_not_grow(client, programme, django_assert_max_num_queries):
    client.force_login(AdministratorFactory())
    small, _ = _seated_with_progress(programme, 10)
    client.get(reverse("reports:progress", args=[small.pk]))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small_run:
        client.get(reverse("reports:progress", args=[small.pk]))
    # Counted now: the requests below reset the connection's query log this count reads.
    small_count = len(small_run.captured_queries)
    big, _ = _seated_with_progress(programme, 200)
    client.get(reverse("reports:progress", args=[big.pk]))  # its outline cached, as small's is
    with django_assert_max_num_queries(small_count):
        response = client.get(reverse("reports:progress", args=[big.pk]))
    assert response.status_code == 200
    # Progress is computed for the rows shown (one page of 50), not the whole cycle.
    assert len(response.context["view"].progress) == 50


def test_bad_cycle_dates_are_refused_with_a_message_and_nothing_changes(client, programme):
    cycle = CycleFactory(programme=programme, capacity=5)
    client.force_login(AdministratorFactory())
    page = client.get(reverse("cycles:edit", args=[cycle.pk])).content.decode()
    data = querydict_from_html(page, form_id="w-editor-form").copy()
    data["ends_on"] = "2000-01-01"
    data["capacity"] = "9"
    response = client.post(reverse("cycles:edit", args=[cycle.pk]), data)
    assert response.status_code == 200
    assert "cannot end before it starts" in response.content.decode()
    data = querydict_from_html(page, form_id="w-editor-form").copy()
    data["late_join_on"] = "2099-01-01"
    response = client.post(reverse("cycles:edit", args=[cycle.pk]), data)
    assert "must fall within the cycle" in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.capacity == 5 and cycle.ends_on.year > 2000
