"""A cycle's life after it opens: copied to the next quarter, closed after its last day
(outcomes recorded, nothing deleted, everyone told), one learner's deadline extended."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from courses import selectors, services
from courses.exceptions import NotAllowed
from courses.models import Cycle, CycleEvent, Enrollment, EnrollmentEvent
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
def cycle(db):
    return CycleFactory(
        programme=ProgrammeFactory(modules=1, seminar=False, lessons=1),
        capacity=2,
        code="PATIT-2026-4",
        title="PATIT PATIT-2026-4",
        starts_on=date(2026, 10, 1),
        ends_on=date(2026, 12, 31),
        late_join_on=date(2026, 12, 15),
        offer_hours=12,
        policy="seniority",
        seminar_requirement="none",
        remind_inactive_days=5,
    )


def test_next_code_counts_quarters():
    assert services.next_code("PATIT-2026-3") == "PATIT-2026-4"
    assert services.next_code("PATIT-2026-4") == "PATIT-2027-1"
    assert services.next_code("special") == "special-next"


def test_copy_to_next_cycle_shifts_every_date_by_a_quarter_and_keeps_the_rules(cycle):
    admin, instructor = AdministratorFactory(), InstructorFactory()
    services.assign_instructor(cycle=cycle, instructor=instructor)
    copy = services.copy_to_next_cycle(cycle=cycle, by=admin)
    assert (copy.code, copy.title) == ("PATIT-2027-1", "PATIT PATIT-2027-1")
    assert (copy.starts_on, copy.ends_on) == (date(2027, 1, 1), date(2027, 4, 2))
    assert copy.late_join_on == date(2027, 3, 17)
    shift = copy.starts_on - cycle.starts_on
    assert copy.applications_open_at == cycle.applications_open_at + shift
    assert copy.applications_close_at == cycle.applications_close_at + shift
    for field in (
        "programme_id",
        "capacity",
        "offer_hours",
        "policy",
        "seminar_requirement",
        "remind_offer_hours",
        "remind_at_start",
        "remind_inactive_days",
    ):
        assert getattr(copy, field) == getattr(cycle, field), field
    assert list(selectors.instructors_of(cycle=copy)) == [instructor]
    assert copy.enrollments.count() == 0 and copy.curriculum is None
    assert CycleEvent.objects.get(cycle=cycle, action=CycleEvent.Action.COPIED).actor == admin
    # A second copy would take the same code: refused, nothing written.
    with pytest.raises(NotAllowed):
        services.copy_to_next_cycle(cycle=cycle, by=admin)
    assert Cycle.objects.count() == 2


def test_copy_to_chosen_dates_and_only_by_an_administrator(cycle):
    copy = services.copy_to_next_cycle(
        cycle=cycle, by=AdministratorFactory(), starts_on=date(2027, 2, 1)
    )
    assert (copy.starts_on, copy.ends_on) == (date(2027, 2, 1), date(2027, 5, 3))
    with pytest.raises(NotAllowed):
        services.copy_to_next_cycle(cycle=copy, by=InstructorFactory())
    assert Cycle.objects.count() == 2


def test_the_copy_action_in_the_admin(client, cycle):
    client.force_login(AdministratorFactory())
    url = reverse("cycles:copy_next", args=[cycle.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"starts_on": "2027-01-04"})
    copy = Cycle.objects.get(code="PATIT-2027-1")
    assert response.status_code == 302 and response.url == reverse("cycles:edit", args=[copy.pk])
    assert copy.starts_on == date(2027, 1, 4)
    client.force_login(InstructorFactory())
    assert client.get(reverse("cycles:copy_next", args=[copy.pk])).status_code == 302
    assert Cycle.objects.count() == 2


def _closing_world(cycle):
    """Two seated (one completes), one offered, one waitlisted, one withdrawn."""
    done, idle = LearnerFactory(), LearnerFactory(preferred_language="fr")
    services.apply(learner=done, cycle=cycle)
    services.apply(learner=idle, cycle=cycle)
    offered, waiting = LearnerFactory(preferred_language="ar"), LearnerFactory()
    services.apply(learner=offered, cycle=cycle)
    services.apply(learner=waiting, cycle=cycle)
    gone = LearnerFactory()
    services.apply(learner=gone, cycle=cycle)
    services.withdraw(enrollment=cycle.enrollments.get(learner=gone))
    lesson = cycle.programme.modules().first().lessons().first()
    services.complete_lesson(learner=done, lesson=lesson)
    # A seat more: the head of the waitlist is offered it.
    services.set_capacity(cycle=cycle, capacity=3)
    return {"done": done, "idle": idle, "offered": offered, "waiting": waiting, "gone": gone}


def _status(cycle, learner):
    return cycle.enrollments.filter(learner=learner).latest("pk").status


def test_closing_records_outcomes_tells_everyone_and_deletes_nothing(
    cycle, mailoutbox, django_capture_on_commit_callbacks
):
    people = _closing_world(cycle)
    assert _status(cycle, people["offered"]) == S.OFFERED
    before = Enrollment.objects.count(), EnrollmentEvent.objects.count()
    after_the_end = timezone.make_aware(timezone.datetime(2027, 1, 1, 12))
    with pytest.raises(NotAllowed):  # not over yet: refused, nothing written
        services.close_cycle(cycle=cycle, now=after_the_end - timedelta(days=2))
    assert EnrollmentEvent.objects.count() == before[1]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        counts = services.close_cycle(cycle=cycle, now=after_the_end)
    assert counts == {S.NOT_COMPLETED: 1, S.NOT_ADMITTED: 1, S.EXPIRED: 1}
    assert _status(cycle, people["done"]) == S.COMPLETED
    assert _status(cycle, people["idle"]) == S.NOT_COMPLETED
    assert _status(cycle, people["offered"]) == S.EXPIRED
    assert _status(cycle, people["waiting"]) == S.NOT_ADMITTED
    assert _status(cycle, people["gone"]) == S.WITHDRAWN
    assert Enrollment.objects.count() == before[0]  # nothing deleted
    assert EnrollmentEvent.objects.filter(action=EnrollmentEvent.Action.CLOSED).count() == 3
    cycle.refresh_from_db()
    assert cycle.closed_at == after_the_end
    # Everyone whose enrollment changed is told, in their language.
    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {people[k].email for k in ("idle", "offered", "waiting")}
    assert by_address[people["idle"].email].subject == f"Le cycle {cycle.code} est terminé"
    assert by_address[people["offered"].email].subject == f"انتهت الدورة {cycle.code}"
    assert by_address[people["waiting"].email].subject == f"{cycle.code} has ended"
    # Not completed is not unfinished: the learner may apply to the next cycle.
    copy = services.copy_to_next_cycle(cycle=cycle, by=AdministratorFactory())
    Cycle.objects.filter(pk=copy.pk).update(
        applications_open_at=after_the_end - timedelta(days=1),
        applications_close_at=after_the_end + timedelta(days=30),
    )
    copy.refresh_from_db()
    for key in ("idle", "waiting", "offered"):
        services.apply(learner=people[key], cycle=copy, now=after_the_end)
    # Closing again changes nothing.
    assert services.close_cycle(cycle=cycle, now=after_the_end) == {
        S.NOT_COMPLETED: 0,
        S.NOT_ADMITTED: 0,
        S.EXPIRED: 0,
    }


def test_an_extended_deadline_keeps_the_learner_enrolled_until_it_passes(cycle):
    learner, admin = LearnerFactory(), AdministratorFactory()
    enrollment = services.apply(learner=learner, cycle=cycle)
    with pytest.raises(NotAllowed):  # a reason is required
        services.extend_deadline(
            enrollment=enrollment, until=date(2027, 1, 15), by=admin, reason=""
        )
    with pytest.raises(NotAllowed):  # only administrators
        services.extend_deadline(
            enrollment=enrollment, until=date(2027, 1, 15), by=learner, reason="ill"
        )
    services.extend_deadline(
        enrollment=enrollment, until=date(2027, 1, 15), by=admin, reason="Medical leave"
    )
    event = enrollment.events.get(action=EnrollmentEvent.Action.DEADLINE_EXTENDED)
    assert event.actor == admin and "Medical leave" in event.reason
    enrollment.refresh_from_db()
    assert enrollment.can_study(date(2027, 1, 10)) and not enrollment.can_study(date(2027, 1, 16))

    in_january = timezone.make_aware(timezone.datetime(2027, 1, 10, 12))
    services.close_due_cycles(now=in_january)
    enrollment.refresh_from_db()
    assert enrollment.status == S.ENROLLED
    services.close_due_cycles(now=in_january + timedelta(days=7))
    enrollment.refresh_from_db()
    assert enrollment.status == S.NOT_COMPLETED


def test_close_cycles_and_run_due_work_commands(cycle, capsys):
    learner = LearnerFactory()
    services.apply(learner=learner, cycle=cycle)
    call_command("run_due_work")
    assert "close-cycles: 0" in capsys.readouterr().out  # the cycle is still running
    Cycle.objects.filter(pk=cycle.pk).update(
        starts_on=timezone.localdate() - timedelta(days=40),
        ends_on=timezone.localdate() - timedelta(days=1),
        late_join_on=None,
    )
    call_command("close_cycles")
    assert "1 enrollment(s) closed." in capsys.readouterr().out
    assert cycle.enrollments.get().status == S.NOT_COMPLETED
    call_command("run_due_work")
    assert "close-cycles: 0" in capsys.readouterr().out


def test_closing_and_extending_from_the_admin(client, cycle):
    admin = AdministratorFactory()
    learner = LearnerFactory()
    enrollment = services.apply(learner=learner, cycle=cycle)
    client.force_login(admin)
    manage = reverse("roster:manage", args=[enrollment.pk])
    response = client.post(
        manage, {"action": "extend_deadline", "until": "2026-12-01", "reason": "Mission travel"}
    )
    assert response.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.deadline_extended_to is None  # before the cycle's end: refused
    client.post(
        manage, {"action": "extend_deadline", "until": "2027-01-20", "reason": "Mission travel"}
    )
    enrollment.refresh_from_db()
    assert enrollment.deadline_extended_to == date(2027, 1, 20)

    close = reverse("cycles:close", args=[cycle.pk])
    assert client.get(close).status_code == 200
    client.post(close)  # the cycle still runs: refused with a message, nothing written
    cycle.refresh_from_db()
    assert cycle.closed_at is None
    client.force_login(learner)
    assert client.post(close).status_code == 302  # sent to the admin login
    cycle.refresh_from_db()
    assert cycle.closed_at is None


def test_only_administrators_close_a_cycle_and_only_once_it_is_over(cycle):
    services.apply(learner=LearnerFactory(), cycle=cycle)
    after_the_end = timezone.make_aware(timezone.datetime(2027, 1, 1, 12))
    instructor = InstructorFactory()
    services.assign_instructor(cycle=cycle, instructor=instructor)
    for actor in (LearnerFactory(), instructor):
        with pytest.raises(NotAllowed):
            services.close_cycle(cycle=cycle, by=actor, now=after_the_end)
    assert not cycle.enrollments.exclude(status=S.ENROLLED).exists()
    services.close_cycle(cycle=cycle, by=AdministratorFactory(), now=after_the_end)
    assert set(cycle.enrollments.values_list("status", flat=True)) == {S.NOT_COMPLETED}


def test_a_deadline_is_extended_only_for_an_enrolled_learner(cycle):
    from courses.exceptions import InvalidTransition

    for _ in range(2):
        services.apply(learner=LearnerFactory(), cycle=cycle)
    waiting = services.apply(learner=LearnerFactory(), cycle=cycle)
    assert waiting.status == S.WAITLISTED
    with pytest.raises(InvalidTransition):
        services.extend_deadline(
            enrollment=waiting, until=date(2027, 1, 15), by=AdministratorFactory(), reason="x"
        )
    waiting.refresh_from_db()
    assert waiting.deadline_extended_to is None


def test_run_due_work_waits_its_delay_and_refuses_negative_numbers(cycle, capsys):
    import time

    from django.core.management.base import CommandError

    started = time.monotonic()
    call_command("run_due_work", "--delay", "1")
    assert time.monotonic() - started >= 1
    assert "close-cycles: 0" in capsys.readouterr().out
    for option in ("--delay", "--every"):
        with pytest.raises(CommandError, match="0 or more"):
            call_command("run_due_work", option, "-1")
