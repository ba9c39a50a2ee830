"""Reminders: before an offer lapses, when a cycle starts, after a stretch of inactivity;
each configurable per cycle, sent once, in the learner's language."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses import services
from courses.models import Enrollment, Reminder
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
S = Enrollment.Status
K = Reminder.Kind


@pytest.fixture
def cycle(db):
    return CycleFactory(
        programme=ProgrammeFactory(modules=1, seminar=False, lessons=2),
        capacity=1,
        offer_hours=48,
        remind_offer_hours=24,
        remind_inactive_days=10,
        remind_at_start=False,
    )


def _run(capture, now):
    with capture(execute=True):
        return services.send_reminders(now=now)


def test_offer_reminder_24_hours_before_the_deadline_once(
    cycle, mailoutbox, django_capture_on_commit_callbacks
):
    seated, waiting = LearnerFactory(), LearnerFactory(preferred_language="fr")
    services.apply(learner=seated, cycle=cycle)
    services.apply(learner=waiting, cycle=cycle)
    services.withdraw(enrollment=seated.enrollments.get())
    offer = waiting.enrollments.get()
    assert offer.status == S.OFFERED
    mailoutbox.clear()
    deadline = offer.offer_expires_at
    capture = django_capture_on_commit_callbacks
    assert _run(capture, deadline - timedelta(hours=25))[K.OFFER_DEADLINE] == 0
    assert mailoutbox == []
    assert _run(capture, deadline - timedelta(hours=23))[K.OFFER_DEADLINE] == 1
    assert _run(capture, deadline - timedelta(hours=2))[K.OFFER_DEADLINE] == 0  # sent once
    assert [m.to for m in mailoutbox] == [[waiting.email]]
    assert mailoutbox[0].subject == (
        f"Votre place dans le cycle {cycle.code} attend votre confirmation"
    )
    assert Reminder.objects.get(enrollment=offer).kind == K.OFFER_DEADLINE


def test_offer_reminders_can_be_switched_off(cycle, mailoutbox, django_capture_on_commit_callbacks):
    cycle.remind_offer_hours = 0
    cycle.save()
    seated, waiting = LearnerFactory(), LearnerFactory()
    services.apply(learner=seated, cycle=cycle)
    services.apply(learner=waiting, cycle=cycle)
    services.withdraw(enrollment=seated.enrollments.get())
    deadline = waiting.enrollments.get().offer_expires_at
    assert (
        _run(django_capture_on_commit_callbacks, deadline - timedelta(hours=1))[K.OFFER_DEADLINE]
        == 0
    )


def test_start_of_cycle_reminder_once_for_enrolled_learners(
    cycle, mailoutbox, django_capture_on_commit_callbacks
):
    learner, waiting = LearnerFactory(preferred_language="ar"), LearnerFactory()
    services.apply(learner=learner, cycle=cycle)
    services.apply(learner=waiting, cycle=cycle)
    now = timezone.now()
    assert _run(django_capture_on_commit_callbacks, now)[K.CYCLE_START] == 0  # switched off
    cycle.remind_at_start = True
    cycle.save()
    mailoutbox.clear()
    assert _run(django_capture_on_commit_callbacks, now)[K.CYCLE_START] == 1
    assert _run(django_capture_on_commit_callbacks, now)[K.CYCLE_START] == 0
    assert [m.to for m in mailoutbox] == [[learner.email]]  # not the waitlisted learner
    assert mailoutbox[0].subject == f"بدأت الدورة {cycle.code}"


def test_inactivity_nudge_after_the_cycles_number_of_days_once(
    cycle, mailoutbox, django_capture_on_commit_callbacks
):
    idle, busy = LearnerFactory(), LearnerFactory()
    cycle.capacity = 2
    cycle.save()
    services.apply(learner=idle, cycle=cycle)
    services.apply(learner=busy, cycle=cycle)
    now = timezone.now()
    lesson = cycle.programme.modules().first().lessons().first()
    services.complete_lesson(learner=busy, lesson=lesson, now=now + timedelta(days=5))
    mailoutbox.clear()
    assert _run(django_capture_on_commit_callbacks, now + timedelta(days=9))[K.INACTIVITY] == 0
    # Day 11: the idle learner has done nothing for 11 days; the busy one only for 6.
    assert _run(django_capture_on_commit_callbacks, now + timedelta(days=11))[K.INACTIVITY] == 1
    assert [m.to for m in mailoutbox] == [[idle.email]]
    assert _run(django_capture_on_commit_callbacks, now + timedelta(days=16))[K.INACTIVITY] == 1
    assert _run(django_capture_on_commit_callbacks, now + timedelta(days=40))[K.INACTIVITY] == 0
    assert "Continue your lessons" in mailoutbox[0].subject


def test_a_recent_completion_postpones_the_nudge(cycle, django_capture_on_commit_callbacks):
    learner = LearnerFactory()
    services.apply(learner=learner, cycle=cycle)
    lesson = cycle.programme.modules().first().lessons().first()
    services.complete_lesson(learner=learner, lesson=lesson)
    soon = timezone.now() + timedelta(days=5)
    assert _run(django_capture_on_commit_callbacks, soon)[K.INACTIVITY] == 0


def test_the_database_keeps_one_reminder_per_kind(cycle):
    from django.db import IntegrityError, transaction

    enrollment = services.apply(learner=LearnerFactory(), cycle=cycle)
    Reminder.objects.create(enrollment=enrollment, kind=K.INACTIVITY)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(enrollment=enrollment, kind=K.INACTIVITY)


def test_an_administrator_sets_the_reminders_on_the_cycle_form(client, cycle):
    from django.urls import reverse
    from wagtail.test.utils.form_data import querydict_from_html

    from tests.factories import AdministratorFactory

    client.force_login(AdministratorFactory())
    url = reverse("cycles:edit", args=[cycle.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="w-editor-form").copy()
    data["remind_offer_hours"], data["remind_inactive_days"] = "6", "0"
    data["remind_at_start"] = "on"
    assert client.post(url, data).status_code == 302
    cycle.refresh_from_db()
    assert (cycle.remind_offer_hours, cycle.remind_inactive_days, cycle.remind_at_start) == (
        6,
        0,
        True,
    )
