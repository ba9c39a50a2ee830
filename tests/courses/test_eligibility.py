"""No page offers an apply (or nominate) button that the service would refuse: the cycle
page, the list of open cycles, the mission pages and the dashboard ask `check_can_apply`,
the question `apply` itself asks, and show its reason instead (issue 19, defect 8)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from courses import services
from courses.exceptions import EnrollmentError
from courses.models import Enrollment, PriorityWindow
from missions import services as mission_services
from missions.models import MissionQuota
from tests.factories import (
    AdministratorFactory,
    CycleFactory,
    LearnerFactory,
    ProgrammeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
S = Enrollment.Status


@pytest.fixture
def programme(db):
    return ProgrammeFactory(modules=1, seminar=False, lessons=1)


@pytest.fixture
def cycle(programme):
    return CycleFactory(programme=programme, capacity=1, code="PATIT-2027-1")


def _past_cycle(programme, code):
    now, today = timezone.now(), timezone.localdate()
    return CycleFactory(
        programme=programme,
        code=code,
        starts_on=today - timedelta(days=200),
        ends_on=today - timedelta(days=100),
        applications_open_at=now - timedelta(days=300),
        applications_close_at=now - timedelta(days=210),
    )


def _completed(programme, cycle):
    learner = LearnerFactory()
    past = _past_cycle(programme, "PATIT-2025-9")
    services.enrollment.create_enrollment(past, learner, status=S.COMPLETED, now=timezone.now())
    return learner


def _seated_elsewhere(programme, cycle):
    learner = LearnerFactory()
    services.apply(learner=learner, cycle=CycleFactory(programme=programme, code="PATIT-2026-8"))
    return learner


def _already_applied(programme, cycle):
    learner = LearnerFactory()
    services.apply(learner=learner, cycle=cycle)
    return learner


def _cancelled(programme, cycle):
    cycle.cancelled_at = timezone.now()
    cycle.save()
    return LearnerFactory()


def _not_yet_open(programme, cycle):
    cycle.applications_open_at = timezone.now() + timedelta(days=3)
    cycle.save()
    return LearnerFactory()


def _closed(programme, cycle):
    cycle.applications_open_at = timezone.now() - timedelta(days=20)
    cycle.applications_close_at = timezone.now() - timedelta(days=1)
    cycle.save()
    return LearnerFactory()


def _priority_window(programme, cycle):
    PriorityWindow.objects.create(
        cycle=cycle,
        source=_past_cycle(programme, "PATIT-2025-8"),
        until=timezone.now() + timedelta(days=2),
        created_by=AdministratorFactory(),
        created_at=timezone.now(),
    )
    return LearnerFactory()


def _quota_reached(programme, cycle):
    MissionQuota.objects.create(cycle=cycle, member_state="GHA", quota=1)
    services.apply(learner=LearnerFactory(member_state="GHA"), cycle=cycle)
    return LearnerFactory(member_state="GHA")


REFUSALS = {
    "completed the programme": (_completed, "completed this programme"),
    "seated in another cycle": (_seated_elsewhere, "Withdraw from it first"),
    "already applied": (_already_applied, "Your status:"),
    "cancelled": (_cancelled, "was cancelled"),
    "not yet open": (_not_yet_open, "open on"),
    "closed": (_closed, "closed on"),
    "priority window": (_priority_window, "only to the learners invited"),
    "mission quota": (_quota_reached, "has reached its quota"),
}


@pytest.mark.parametrize("reason", REFUSALS)
def test_the_cycle_page_shows_the_reason_the_service_gives_instead_of_a_button(
    client, programme, cycle, reason
):
    make, words = REFUSALS[reason]
    learner = make(programme, cycle)
    apply_form = f'action="{reverse("courses:apply", args=[cycle.code])}"'
    client.force_login(learner)
    refusal = services.check_can_apply(learner=learner, cycle=cycle)
    assert refusal is not None
    for url in (reverse("courses:cycle_detail", args=[cycle.code]), reverse("courses:cycle_list")):
        html = client.get(url).content.decode()
        assert apply_form not in html, (reason, url)
    html = client.get(reverse("courses:cycle_detail", args=[cycle.code])).content.decode()
    assert escape(words) in html or words in html
    before = Enrollment.objects.count()
    with pytest.raises(EnrollmentError) as refused:
        services.apply(learner=learner, cycle=cycle)
    assert refused.value.message == refusal.message
    assert Enrollment.objects.count() == before


def test_a_learner_who_may_apply_sees_the_button_and_is_accepted(client, cycle):
    learner = LearnerFactory()
    client.force_login(learner)
    apply_form = f'action="{reverse("courses:apply", args=[cycle.code])}"'
    for url in (reverse("courses:cycle_detail", args=[cycle.code]), reverse("courses:cycle_list")):
        assert apply_form in client.get(url).content.decode()
    assert services.check_can_apply(learner=learner, cycle=cycle) is None
    assert services.apply(learner=learner, cycle=cycle).status == S.ENROLLED


def test_the_dashboard_says_why_no_open_cycle_is_for_the_learner(client, programme, cycle):
    learner = _completed(programme, cycle)
    client.force_login(learner)
    html = client.get(reverse("courses:my_learning")).content.decode()
    assert "completed this programme" in html
    newcomer = LearnerFactory()
    client.force_login(newcomer)
    html = client.get(reverse("courses:my_learning")).content.decode()
    assert reverse("courses:cycle_detail", args=[cycle.code]) in html


@pytest.fixture
def ghana():
    focal = UserFactory(member_state="GHA", email="focal.ghana@missions.example.org")
    mission_services.appoint(user=focal, member_state="GHA", by=AdministratorFactory())
    return focal


def test_the_mission_pages_show_why_a_nomination_would_be_refused(client, programme, cycle, ghana):
    done = LearnerFactory(member_state="GHA", first_name="Done", last_name="Already")
    past = _past_cycle(programme, "PATIT-2025-9")
    services.enrollment.create_enrollment(past, done, status=S.COMPLETED, now=timezone.now())
    free = LearnerFactory(member_state="GHA", first_name="Free", last_name="Tonominate")
    client.force_login(ghana)
    nominate = reverse("missions:nominate", args=[cycle.code])
    html = client.get(nominate).content.decode()
    # The diplomat who completed the programme is not offered, and the page says why.
    assert f'value="{done.pk}"' not in html and f'value="{free.pk}"' in html
    assert "completed this programme" in html and "Already" in html
    response = client.post(nominate, {"diplomat": done.pk})
    assert not done.enrollments.filter(cycle=cycle).exists() and response.status_code == 200
    # A full quota: the mission page shows the reason instead of the Nominate link.
    MissionQuota.objects.create(cycle=cycle, member_state="GHA", quota=1)
    assert f'href="{nominate}"' in client.get(reverse("missions:home")).content.decode()
    mission_services.nominate(cycle=cycle, by=ghana, diplomat=free)
    html = client.get(reverse("missions:home")).content.decode()
    assert f'href="{nominate}"' not in html and "has reached its quota" in html
    # Applications closed: the nomination page has no Nominate button.
    cycle.applications_close_at = timezone.now() - timedelta(minutes=1)
    cycle.applications_open_at = timezone.now() - timedelta(days=20)
    cycle.save()
    html = client.get(nominate).content.decode()
    assert ">Nominate</button>" not in html and "closed on" in html
