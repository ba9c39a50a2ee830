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


def _standing_html(client, cycle, learner):
    client.force_login(learner)
    html = client.get(reverse("courses:cycle_detail", args=[cycle.code])).content.decode()
    start = html.index('id="standing"')
    return " ".join(html[start : html.index("</ul>", start)].split())


def test_fifo_tells_a_waiting_learner_how_many_applied_before_them(client, cycle):
    for learner in LearnerFactory.create_batch(3):  # one seated, two waiting
        services.apply(learner=learner, cycle=cycle)
    me = LearnerFactory()
    services.apply(learner=me, cycle=cycle)
    html = _standing_html(client, cycle, me)
    assert "Ahead of you: 2 who applied before you with the same priority." in html
    assert "served first" not in html and "You are next" not in html


def test_seniority_tells_each_learner_which_ranks_go_first(client, cycle):
    cycle.policy = "seniority"
    cycle.save()
    services.apply(learner=LearnerFactory(rank="counsellor"), cycle=cycle)  # seated
    early = LearnerFactory(rank="first_secretary")
    services.apply(learner=early, cycle=cycle)
    senior = LearnerFactory(rank="ambassador")
    services.apply(learner=senior, cycle=cycle)  # applied later, served first
    me = LearnerFactory(rank="attache")
    services.apply(learner=me, cycle=cycle)
    html = _standing_html(client, cycle, me)
    assert "are served first, whenever they applied. Ahead of you: 1 of these ranks." in html
    assert "Ahead of you: 1 who applied before you with the same priority." in html
    html = _standing_html(client, cycle, senior)
    assert "Your rank is among those served first" in html
    assert "You are next: the next seat freed goes to you." in html


def test_mission_balance_tells_each_learner_whether_their_mission_goes_first(client, cycle):
    cycle.policy = "mission_balance"
    cycle.save()
    services.apply(learner=LearnerFactory(member_state="GHA"), cycle=cycle)  # seated
    me = LearnerFactory(member_state="GHA")
    services.apply(learner=me, cycle=cycle)
    other_mission = LearnerFactory(member_state="FRA")
    services.apply(learner=other_mission, cycle=cycle)
    html = _standing_html(client, cycle, me)
    assert "Your mission already has a seat in this cycle" in html
    assert "Ahead of you: 1 of them." in html
    html = _standing_html(client, cycle, other_mission)
    assert "Your mission has nobody seated in this cycle yet" in html
    assert "You are next" in html


def test_a_learner_moved_up_by_an_administrator_is_told_so(client, cycle):
    services.apply(learner=LearnerFactory(), cycle=cycle)  # seated
    first = LearnerFactory()
    services.apply(learner=first, cycle=cycle)
    me = LearnerFactory()
    services.apply(learner=me, cycle=cycle)
    services.move_to_head_of_waitlist(
        enrollment=me.enrollments.get(), by=AdministratorFactory(), reason="Ministerial request"
    )
    assert "An administrator moved you to the head of the waitlist." in _standing_html(
        client, cycle, me
    )
    html = _standing_html(client, cycle, first)
    assert "Ahead of you: 1 moved to the head of the waitlist by an administrator." in html
