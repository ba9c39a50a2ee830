"""A learner joins a full cycle's waitlist, sees her position, and accepts the seat that
another learner's withdrawal frees (docs/architecture.md, rules 1 and 2), all through a
real browser, once with JavaScript and once without: the learner pages are plain forms and
must work either way."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Locator, expect

from core import dates
from courses import selectors, services
from courses.models import Enrollment
from tests.browser.helpers import sign_in
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory

S = Enrollment.Status
SCREENSHOT = Path(settings.BASE_DIR) / "var" / "screenshots" / "waitlist-offer.png"


def status_badge(card: Locator) -> Locator:
    """The enrollment's status badge: the card's first badge (later sections may add more)."""
    return card.locator(".badge").first


def offer_deadline(enrollment: Enrollment) -> str:
    """The deadline as the page shows it: local time, through the one formatter (core.dates)."""
    return dates.format_datetime(enrollment.offer_expires_at, "en")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("javascript_enabled", [True, False], ids=["javascript", "no-javascript"])
def test_waitlisted_learner_accepts_the_seat_a_withdrawal_frees(
    live_server, new_page, javascript_enabled
):
    cycle = CycleFactory(
        programme=ProgrammeFactory(modules=1, seminar=False, lessons=1), capacity=1
    )
    assert cycle.offer_hours == 48  # the seat is offered, not given: B must confirm it
    seated, waiting = LearnerFactory(), LearnerFactory()
    seated_enrollment = services.apply(learner=seated, cycle=cycle)
    assert seated_enrollment.status == S.ENROLLED
    url = live_server.url

    # B signs in, finds the full cycle among the open ones and joins its waitlist.
    page = new_page(java_script_enabled=javascript_enabled)
    sign_in(page, url, user=waiting, next_path="/cycles/")
    expect(page.get_by_text("Full", exact=True)).to_be_visible()
    page.get_by_role("link", name=cycle.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(cycle.title)
    expect(page.get_by_text("1 of 1 seats taken")).to_be_visible()
    page.get_by_role("button", name="Join the waitlist").click()

    expect(page).to_have_url(f"{url}/my/")
    expect(page.get_by_role("status")).to_contain_text(
        f"The cycle {cycle.code} is full; you are number 1 on the waitlist."
    )
    mine = Enrollment.objects.get(learner=waiting, cycle=cycle)
    card = page.locator(f"#enrollment-{mine.pk}")
    expect(status_badge(card)).to_have_text("Waitlisted")
    expect(card.get_by_text("You are number 1 on the waitlist.")).to_be_visible()
    expect(card.get_by_role("button", name="Confirm my seat")).to_have_count(0)

    # A withdraws in a browser of her own; the seat goes to B at once.
    other = new_page(java_script_enabled=javascript_enabled)
    sign_in(other, url, user=seated, next_path="/my/")
    other.locator(f"#enrollment-{seated_enrollment.pk}").get_by_role(
        "link", name="Withdraw"
    ).click()
    expect(other.get_by_role("heading", level=1)).to_have_text(f"Withdraw from {cycle.code}?")
    other.get_by_role("button", name="Yes, withdraw").click()
    expect(other).to_have_url(f"{url}/my/")
    expect(other.get_by_role("status")).to_contain_text(f"You have withdrawn from {cycle.code}.")
    expect(status_badge(other.locator(f"#enrollment-{seated_enrollment.pk}"))).to_have_text(
        "Withdrawn"
    )

    # B comes back to My learning: the seat is offered until the deadline; she confirms it.
    mine.refresh_from_db()
    assert mine.status == S.OFFERED
    page.reload()
    expect(status_badge(card)).to_have_text("Offered a seat")
    expect(card).not_to_contain_text("on the waitlist")
    expect(card).to_contain_text(
        f"A seat is offered to you. Confirm it before {offer_deadline(mine)}."
    )
    card.get_by_role("button", name="Confirm my seat").click()

    expect(page).to_have_url(f"{url}/my/")
    expect(page.get_by_role("status")).to_contain_text(f"Your seat in {cycle.code} is confirmed.")
    expect(status_badge(card)).to_have_text("Enrolled")
    expect(card.get_by_role("button", name="Confirm my seat")).to_have_count(0)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    mine.refresh_from_db()
    seated_enrollment.refresh_from_db()
    assert mine.status == S.ENROLLED
    assert seated_enrollment.status == S.WITHDRAWN
    assert selectors.seated_count(cycle=cycle) == 1
