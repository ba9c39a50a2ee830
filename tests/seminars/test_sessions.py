"""Seminar sessions: choosing within capacity and deadline, the dashboard, the meeting
link, and attendance per session completing the cycle (through the courses service)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Rank
from courses import services as course_services
from courses.exceptions import EnrollmentError
from courses.models import Enrollment, SeminarAttendance
from seminars import services
from seminars.exceptions import SessionError, SessionFull
from seminars.models import SessionEvent, SessionSeat
from tests.factories import AdministratorFactory, InstructorFactory, LearnerFactory

from .helpers import make_session, seated_learner, seminar_cycle

pytestmark = pytest.mark.django_db
S = Enrollment.Status


def test_a_learner_chooses_a_session_through_the_page_and_sees_it_on_the_dashboard(client):
    _programme, cycle = seminar_cycle()
    session = make_session(cycle, online=True)
    learner, enrollment = seated_learner(cycle)
    client.force_login(learner)
    page = client.get(reverse("seminars:choose", args=[cycle.code]))
    assert page.status_code == 200
    assert "Choose this session" in page.content.decode()
    response = client.post(
        reverse("seminars:choose_session", args=[cycle.code]), {"session": session.pk}
    )
    assert response.status_code == 302
    assert SessionSeat.objects.get(enrollment=enrollment).session == session
    assert (
        SessionEvent.objects.filter(enrollment=enrollment, action="chosen", actor=learner).count()
        == 1
    )
    dashboard = client.get(reverse("courses:my_learning")).content.decode()
    assert "Your seminar session:" in dashboard
    assert "https://meet.example.org/patit-seminar" in dashboard  # seated: the link shows


def test_the_meeting_link_is_hidden_from_visitors_and_waitlisted_learners(client):
    _programme, cycle = seminar_cycle(capacity=1)
    make_session(cycle, online=True)
    seated_learner(cycle)
    waiting, enrollment = seated_learner(cycle)
    assert enrollment.status == S.WAITLISTED
    client.force_login(waiting)
    page = client.get(reverse("seminars:choose", args=[cycle.code])).content.decode()
    assert "meet.example.org" not in page
    assert "Choose this session" not in page
    calendar = client.get(reverse("seminars:cycle_calendar", args=[cycle.code]))
    assert b"meet.example.org" not in calendar.content


def test_a_full_session_refuses_and_writes_nothing():
    _programme, cycle = seminar_cycle()
    session = make_session(cycle, capacity=1)
    first, _ = seated_learner(cycle)
    second, enrollment = seated_learner(cycle)
    services.choose_session(learner=first, session=session)
    with pytest.raises(SessionFull, match="is full; choose another session"):
        services.choose_session(learner=second, session=session)
    assert not SessionSeat.objects.filter(enrollment=enrollment).exists()


def test_changing_session_moves_the_seat_until_the_deadline():
    _programme, cycle = seminar_cycle()
    morning, afternoon = make_session(cycle), make_session(cycle, days=11)
    learner, enrollment = seated_learner(cycle)
    services.choose_session(learner=learner, session=morning)
    services.choose_session(learner=learner, session=afternoon)
    assert SessionSeat.objects.get(enrollment=enrollment).session == afternoon
    assert morning.seats.count() == 0
    assert list(
        SessionEvent.objects.filter(enrollment=enrollment).values_list("action", flat=True)
    ) == ["chosen", "changed"]
    late = afternoon.choose_until + timedelta(minutes=1)
    with pytest.raises(SessionError, match="could be chosen until"):
        services.choose_session(learner=learner, session=morning, now=late)
    assert SessionSeat.objects.get(enrollment=enrollment).session == afternoon


def test_only_learners_required_to_attend_choose():
    _programme, cycle = seminar_cycle(seminar_requirement="senior")
    session = make_session(cycle)
    junior, _ = seated_learner(cycle, rank=Rank.ATTACHE)
    senior, _ = seated_learner(cycle, rank=Rank.AMBASSADOR)
    with pytest.raises(SessionError, match="Only seated learners"):
        services.choose_session(learner=junior, session=session)
    with pytest.raises(SessionError, match="Only seated learners"):
        services.choose_session(learner=LearnerFactory(), session=session)
    assert services.choose_session(learner=senior, session=session).session == session


def _ready_to_finish(cycle, programme, session):
    learner, enrollment = seated_learner(cycle)
    lesson = programme.modules().first().lessons()[0]
    course_services.complete_lesson(learner=learner, lesson=lesson)
    seat = services.choose_session(learner=learner, session=session)
    enrollment.refresh_from_db()
    assert enrollment.status == S.ENROLLED  # the seminar is still ahead
    return learner, enrollment, seat


def test_attendance_per_session_by_its_instructor_completes_the_cycle(client):
    programme, cycle = seminar_cycle()
    instructor, other = InstructorFactory(), InstructorFactory()
    course_services.assign_instructor(cycle=cycle, instructor=instructor)
    course_services.assign_instructor(cycle=cycle, instructor=other)
    session = make_session(cycle, instructor=instructor)
    _learner, enrollment, seat = _ready_to_finish(cycle, programme, session)
    url = reverse("seminars_admin:attendance", args=[cycle.pk])
    form = {f"attendance-{enrollment.pk}": "present", f"note-{enrollment.pk}": ""}
    client.force_login(other)  # teaches the cycle, not this session: sees it, cannot record
    page = client.get(url).content.decode()
    assert f'name="attendance-{enrollment.pk}" value="present"  disabled' in page
    assert client.post(url, form).status_code == 302
    assert not SeminarAttendance.objects.filter(enrollment=enrollment).exists()
    client.force_login(instructor)
    assert client.get(url + f"?session={session.pk}").status_code == 200
    response = client.post(url + f"?session={session.pk}", form)
    assert response.status_code == 302
    assert response["Location"] == url + f"?session={session.pk}"
    enrollment.refresh_from_db()
    assert enrollment.status == S.COMPLETED
    assert enrollment.seminar_attendance.attended is True
    assert enrollment.certificates.count() == 1
    event = SessionEvent.objects.get(enrollment=enrollment, action="attendance")
    assert (event.attendance, event.actor) == ("present", instructor)


def test_the_former_attendance_addresses_redirect_to_the_cycle_screen(client):
    _programme, cycle = seminar_cycle()
    session = make_session(cycle)
    client.force_login(AdministratorFactory())
    screen = reverse("seminars_admin:attendance", args=[cycle.pk])
    response = client.get(reverse("seminars_admin:session_attendance", args=[session.pk]))
    assert (response.status_code, response["Location"]) == (301, f"{screen}?session={session.pk}")
    response = client.get(reverse("cycles:attendance", args=[cycle.pk]))
    assert (response.status_code, response["Location"]) == (301, screen)


def test_excused_needs_a_note_and_does_not_complete():
    programme, cycle = seminar_cycle()
    session = make_session(cycle)
    _learner, enrollment, seat = _ready_to_finish(cycle, programme, session)
    admin = AdministratorFactory()
    with pytest.raises(EnrollmentError, match="Say why"):
        services.record_attendance(enrollment=enrollment, attendance="excused", by=admin)
    assert not SessionEvent.objects.filter(action="attendance").exists()
    services.record_attendance(enrollment=enrollment, attendance="excused", note="Ill", by=admin)
    enrollment.refresh_from_db()
    record = enrollment.seminar_attendance
    assert (record.attendance, record.note) == ("excused", "Ill")
    assert enrollment.status == S.ENROLLED
    assert record.attended is False
    with pytest.raises(SessionError, match="already recorded"):
        services.choose_session(learner=enrollment.learner, session=make_session(cycle, days=12))


def test_a_learner_cannot_record_attendance():
    programme, cycle = seminar_cycle()
    session = make_session(cycle)
    learner, enrollment, seat = _ready_to_finish(cycle, programme, session)
    with pytest.raises(SessionError, match="Only the session's instructor"):
        services.record_attendance(enrollment=enrollment, attendance="present", by=learner)
    enrollment.refresh_from_db()
    assert enrollment.status == S.ENROLLED


def test_administrators_schedule_sessions_and_instructors_cannot(client):
    _programme, cycle = seminar_cycle()
    instructor = InstructorFactory()
    course_services.assign_instructor(cycle=cycle, instructor=instructor)
    url = reverse("seminars_admin:sessions", args=[cycle.pk])
    start = timezone.now() + timedelta(days=20)
    data = {
        "title": "Geneva",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "time_zone": "Europe/Zurich",
        "format": "in_person",
        "venue": "Palais",
        "room": "XX",
        "meeting_url": "",
        "language": "fr",
        "capacity": "20",
        "choose_until": (start - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
        "instructor": instructor.pk,
    }
    client.force_login(instructor)
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 302  # Wagtail's answer to PermissionDenied
    assert not cycle.seminar_sessions.exists()
    client.force_login(AdministratorFactory())
    bad = client.post(url, {**data, "venue": ""})
    assert bad.status_code == 200 and "needs a venue" in bad.content.decode()
    stranger = InstructorFactory()  # teaches another cycle: cannot hold this session
    assert client.post(url, {**data, "instructor": stranger.pk}).status_code == 200
    assert not cycle.seminar_sessions.exists()
    assert client.post(url, data).status_code == 302
    assert cycle.seminar_sessions.get().title == "Geneva"
