"""The admin home's open-cycles panel, and the cycle page's waitlist rule in plain words."""

import pytest
from django.urls import reverse

from courses import services
from tests.factories import (
    AdministratorFactory,
    CycleFactory,
    InstructorFactory,
    LearnerFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(db):
    return CycleFactory(
        programme=ProgrammeFactory(modules=1, seminar=False, lessons=1),
        capacity=1,
        offer_hours=2,
        code="PATIT-2027-1",
    )


def test_the_admin_home_shows_fill_waitlist_and_lapsing_offers(client, cycle):
    first, second, third = LearnerFactory(), LearnerFactory(), LearnerFactory()
    for learner in (first, second, third):
        services.apply(learner=learner, cycle=cycle)
    services.withdraw(enrollment=first.enrollments.get())  # second is offered (2 h)
    client.force_login(AdministratorFactory())
    page = client.get(reverse("wagtailadmin_home"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Cycles open for applications" in html
    assert "1 of 1 seats taken" in html
    assert f'?cycle={cycle.pk}&amp;status=offered">1</a>' in html  # lapsing within 24 h
    assert f'?cycle={cycle.pk}&amp;status=waitlisted">1</a>' in html
    client.force_login(InstructorFactory())
    assert (
        "Cycles open for applications"
        not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


@pytest.mark.parametrize(
    "policy, words",
    [
        ("fifo", "waited longest"),
        ("seniority", "ambassadors, deputy permanent representatives"),
        ("mission_balance", "whose mission has nobody seated"),
    ],
)
def test_the_cycle_page_explains_its_waitlist_rule_and_offer_window(client, cycle, policy, words):
    cycle.policy = policy
    cycle.save()
    html = client.get(reverse("courses:cycle_detail", args=[cycle.code])).content.decode()
    assert words in html
    assert "within the offer window (2 h)" in html


def test_an_offer_window_of_zero_is_explained_too(client, cycle):
    cycle.offer_hours = 0
    cycle.save()
    html = client.get(reverse("courses:cycle_detail", args=[cycle.code])).content.decode()
    assert "without waiting for a confirmation" in html
