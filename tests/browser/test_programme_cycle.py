"""A quarter of the programme through a real browser (issue 12): a mission's focal point
nominates two diplomats to a cycle with one seat left (one has no account yet), one is
seated and the other waitlisted, both get an invitation to choose a password, and the
mission page shows where each stands; then an administrator, in the Wagtail admin, closes
the previous cycle (not completed / not admitted) and copies it to the next one, inviting
its waitlist to apply first."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from courses import services
from courses.models import Cycle, CycleEvent, Enrollment
from missions import services as mission_services
from tests.browser.helpers import sign_in
from tests.factories import (
    PASSWORD,
    AdministratorFactory,
    CycleFactory,
    LearnerFactory,
    ProgrammeFactory,
    UserFactory,
)

S = Enrollment.Status


def _ended_cycle():
    """A web-site workshop cycle that ended yesterday: one learner enrolled who never
    completed, one left on the waitlist."""
    today, now = timezone.localdate(), timezone.now()
    cycle = CycleFactory(
        programme=ProgrammeFactory(modules=1, seminar=False, lessons=1),
        code="WEB-2026-3",
        title="Web-site workshop WEB-2026-3",
        starts_on=today - timedelta(days=90),
        ends_on=today - timedelta(days=1),
        applications_open_at=now - timedelta(days=120),
        applications_close_at=now - timedelta(days=80),
        capacity=1,
        policy="seniority",
        offer_hours=24,
    )
    idle, waiting = LearnerFactory(), LearnerFactory(preferred_language="fr")
    applied = now - timedelta(days=100)
    services.apply(learner=idle, cycle=cycle, now=applied)
    services.apply(learner=waiting, cycle=cycle, now=applied)
    return cycle, idle, waiting


def _row_action(page: Page, code: str, action: str) -> None:
    """Open a cycle's row menu in the admin's cycle list and choose an action."""
    page.get_by_role("button", name=re.compile(f"More options for '{code}'")).click()
    page.get_by_role("link", name=action).click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_focal_point_nominates_and_an_administrator_closes_and_copies(live_server, new_page):
    url = live_server.url
    admin = AdministratorFactory()
    focal = UserFactory(member_state="GHA", email="focal.ghana@missions.example.org")
    mission_services.appoint(user=focal, member_state="GHA", by=admin)
    # A diplomat the mission's list brought in (an account without a password yet) and a
    # diplomat of another mission, whom the focal point must not see.
    kofi = LearnerFactory(
        member_state="GHA", first_name="Kofi", last_name="Mensah", email="kofi@gha.example.org"
    )
    kofi.set_unusable_password()
    kofi.save()
    LearnerFactory(member_state="FRA", first_name="Hélène", last_name="Martin")
    cycle = CycleFactory(
        programme=ProgrammeFactory(modules=1, seminar=False, lessons=1),
        code="PATIT-2026-4",
        capacity=2,
        offer_hours=48,
    )
    services.apply(learner=LearnerFactory(member_state="BRA"), cycle=cycle)  # one seat left
    previous, idle, waiting = _ended_cycle()
    mail.outbox.clear()

    # The focal point signs in and nominates Kofi, then a diplomat without an account.
    page = new_page()
    sign_in(page, url, user=focal, next_path=reverse("missions:home"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mission of Ghana")
    expect(page.get_by_text("Hélène")).to_have_count(0)
    page.get_by_role("row", name=re.compile("PATIT-2026-4")).get_by_role(
        "link", name="Nominate"
    ).click()
    diplomat = page.get_by_label("Diplomat of your mission")
    diplomat.select_option(label="Kofi Mensah <kofi@gha.example.org>")
    page.get_by_role("button", name="Nominate").click()
    expect(page).to_have_url(url + reverse("missions:home"))
    expect(page.get_by_role("status")).to_contain_text("Kofi Mensah is nominated to PATIT-2026-4")

    page.get_by_role("row", name=re.compile("PATIT-2026-4")).get_by_role(
        "link", name="Nominate"
    ).click()
    page.get_by_label("E-mail address").fill("ama.owusu@gha.example.org")
    page.get_by_label("First name").fill("Ama")
    page.get_by_label("Last name").fill("Owusu")
    page.get_by_label("Title or rank").select_option("counsellor")
    page.get_by_label("Preferred language").select_option("fr")
    page.get_by_role("button", name="Nominate").click()
    expect(page.get_by_role("status")).to_contain_text("Ama Owusu is nominated to PATIT-2026-4")

    # One took the last seat, the other waits; the audit trail names the focal point.
    assert Enrollment.objects.get(learner=kofi, cycle=cycle).status == S.ENROLLED
    ama = Enrollment.objects.get(learner__email="ama.owusu@gha.example.org", cycle=cycle)
    assert ama.status == S.WAITLISTED and ama.learner.member_state == "GHA"
    assert ama.events.get().actor == focal
    # Both were invited to choose a password, each in their language.
    link = reverse("invitation", args=["TOKEN"]).replace("TOKEN/", "")
    invitations = {m.to[0]: m for m in mail.outbox if link in m.body}
    assert set(invitations) == {"kofi@gha.example.org", "ama.owusu@gha.example.org"}
    subject = "Your PATIT account: choose a password"
    assert invitations["kofi@gha.example.org"].subject == subject
    with translation.override("fr"):
        french = gettext(subject)
    assert french != subject and invitations["ama.owusu@gha.example.org"].subject == french

    # The mission page shows where each nominee stands.
    table = page.get_by_role("table").filter(has_text="Diplomat")
    expect(table.get_by_role("row", name=re.compile("Kofi Mensah"))).to_contain_text("Enrolled")
    expect(table.get_by_role("row", name=re.compile("Ama Owusu"))).to_contain_text(
        "number 1 on the waitlist"
    )

    # An administrator signs in to the Wagtail admin and closes the previous cycle.
    boss = new_page()
    boss.goto(url + reverse("wagtailadmin_login"))
    boss.locator("#id_username").fill(admin.email)
    boss.locator("#id_password").fill(PASSWORD)
    boss.get_by_role("button", name="Sign in").click()
    expect(boss).to_have_url(url + reverse("wagtailadmin_home"))
    boss.goto(url + reverse("cycles:index"))
    _row_action(boss, previous.code, "Close the cycle")
    expect(boss.get_by_text("Nothing is deleted.")).to_be_visible()  # the confirmation step
    boss.get_by_role("button", name="Close the cycle").click()
    expect(boss).to_have_url(url + reverse("cycles:index"))
    expect(boss.get_by_text("WEB-2026-3 is closed (2 enrollments changed).")).to_be_visible()
    assert Enrollment.objects.get(cycle=previous, learner=idle).status == S.NOT_COMPLETED
    assert Enrollment.objects.get(cycle=previous, learner=waiting).status == S.NOT_ADMITTED
    assert CycleEvent.objects.get(cycle=previous, action=CycleEvent.Action.CLOSED).actor == admin

    # ... and copies it to the next cycle, inviting its waitlist to apply first.
    _row_action(boss, previous.code, "Copy to the next cycle")
    expect(boss.get_by_text("1 learner is left on this cycle's waitlist.")).to_be_visible()
    boss.get_by_label("Invite this cycle's waitlist to apply first, for (days)").fill("3")
    boss.get_by_role("button", name="Create the next cycle").click()
    copy = Cycle.objects.get(code="WEB-2026-4")
    expect(boss).to_have_url(url + reverse("cycles:edit", args=[copy.pk]))
    expect(boss.get_by_text("WEB-2026-4 created from WEB-2026-3.")).to_be_visible()
    expect(boss.get_by_text("1 learner is invited to apply first")).to_be_visible()
    shift = copy.starts_on - previous.starts_on
    assert timedelta(days=89) <= shift <= timedelta(days=92)  # a quarter later
    assert copy.ends_on == previous.ends_on + shift
    assert copy.applications_open_at == previous.applications_open_at + shift
    for field in ("capacity", "policy", "offer_hours", "seminar_requirement", "programme_id"):
        assert getattr(copy, field) == getattr(previous, field), field
    assert list(copy.priority_window.invitees.values_list("learner", flat=True)) == [waiting.pk]
    assert any(
        m.to == [waiting.email] and "WEB-2026-4" in m.subject for m in mail.outbox
    )  # the invitation to apply first, in French
