"""A seated learner studies a two-module cycle from start to certificate through a real
browser, once with JavaScript and once without: lessons, the module lock (rule 3 of
docs/architecture.md), a failed and a passed knowledge check, the dashboard's progress, and
the certificate that is issued automatically on completion (rule 4), downloaded as a PDF
and verified anonymously."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from certificates.models import Certificate
from courses import services
from courses.models import Enrollment
from tests.browser.helpers import sign_in
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory

S = Enrollment.Status
# docs/dashboard.png is refreshed only on request (LMS_UPDATE_DOCS_SCREENSHOTS=1): its
# dates follow today's, so writing it on every run would dirty the working tree daily.
SCREENSHOT = (
    Path(settings.BASE_DIR)
    / ("docs" if os.environ.get("LMS_UPDATE_DOCS_SCREENSHOTS") == "1" else "var/screenshots")
    / "dashboard.png"
)
SCREENSHOT_MAX_BYTES = 150_000  # committed to the repository: keep it small


def answer_check(page: Page, module: str, *, choice: str) -> None:
    """Pick `choice` in both questions of the module's knowledge check and submit."""
    for number in (1, 2):
        question = page.get_by_role("group", name=f"{number}. Question {number} on {module}?")
        question.get_by_label(choice, exact=True).check()
    page.get_by_role("button", name="Submit answers").click()


def progress_bars(card: Locator) -> list[tuple[str | None, str | None]]:
    """(value, max) of each module's <progress> bar on a dashboard card."""
    bars = card.locator("progress")
    return [
        (bars.nth(i).get_attribute("value"), bars.nth(i).get_attribute("max"))
        for i in range(bars.count())
    ]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("javascript_enabled", [True, False], ids=["javascript", "no-javascript"])
def test_learner_studies_both_modules_and_receives_a_verifiable_certificate(
    live_server, new_page, javascript_enabled
):
    # Fixed names (not the factories' sequences), so that the screenshot below does not
    # change with the tests that happened to run before this one.
    programme = ProgrammeFactory(n=1, modules=2, seminar=False, lessons=2, checks=True)
    year = timezone.localdate().year
    cycle = CycleFactory(
        programme=programme,
        code=f"PATIT-{year}-1",
        title=f"PATIT {year}, cycle 1",
        seminar_requirement="none",
    )
    learner = LearnerFactory()
    enrollment = services.apply(learner=learner, cycle=cycle)
    assert enrollment.status == S.ENROLLED
    (m1l1, m1l2), (m2l1, m2l2) = [list(module.lessons()) for module in programme.modules()]
    url = live_server.url

    # The learner signs in and finds the cycle on My learning, not started yet.
    page = new_page(java_script_enabled=javascript_enabled)
    sign_in(page, url, user=learner, next_path="/my/")
    status = page.get_by_role("status")  # the messages of whichever page is shown
    card = page.locator(f"#enrollment-{enrollment.pk}")
    expect(card.locator(".badge").first).to_have_text("Enrolled")
    expect(card).to_contain_text("0% complete")
    assert progress_bars(card) == [("0", "2"), ("0", "2")]
    card.get_by_role("link", name=f"Resume: {m1l1.title}").click()

    # Module 1, lesson 1: plain reading, marked complete by hand.
    expect(page).to_have_url(f"{url}{m1l1.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text(m1l1.title)
    page.get_by_role("button", name="Mark as complete").click()
    expect(page).to_have_url(f"{url}{m1l1.url}")
    expect(status).to_contain_text("Lesson completed.")
    expect(page.get_by_text("Completed", exact=True)).to_be_visible()

    # Module 2 is locked until module 1 is complete; the page says why and links back.
    response = page.goto(f"{url}{m2l1.url}")
    assert response is not None and response.status == 403
    expect(page.get_by_text("Module 2 opens when you complete Module 1.")).to_be_visible()
    expect(page.get_by_role("button", name="Mark as complete")).to_have_count(0)
    back = page.get_by_role("link", name="Continue Module 1")
    expect(back).to_have_attribute("href", m1l2.url)
    back.click()

    # Module 1, lesson 2 ends with the knowledge check: a wrong try, then a right one.
    expect(page).to_have_url(f"{url}{m1l2.url}")
    expect(page.get_by_role("button", name="Mark as complete")).to_have_count(0)
    pending = "Pass the knowledge check above to complete this lesson."
    expect(page.get_by_text(pending)).to_be_visible()
    answer_check(page, "Module 1", choice="No")
    expect(page).to_have_url(f"{url}{m1l2.url}")
    expect(status).to_contain_text("Not passed yet: the pass mark is 50%.")
    expect(page.get_by_text("Completed", exact=True)).to_have_count(0)
    answer_check(page, "Module 1", choice="Yes")
    expect(status).to_contain_text("You scored 100% and passed.")
    expect(page.get_by_text("Completed", exact=True)).to_be_visible()
    page.get_by_role("link", name="Continue", exact=True).click()
    expect(page).to_have_url(f"{url}{m2l1.url}")  # module 2 is open now

    # Half-way: My learning shows module 1 done, module 2 open, and where to resume.
    page.goto(f"{url}/my/")
    expect(card).to_contain_text("50% complete")
    assert progress_bars(card) == [("2", "2"), ("0", "2")]
    expect(card).not_to_contain_text("locked")
    if not javascript_enabled:  # one picture for the docs, from the plain-HTML run
        page.set_viewport_size({"width": 1024, "height": 768})
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))
        assert SCREENSHOT.stat().st_size < SCREENSHOT_MAX_BYTES
    card.get_by_role("link", name=f"Resume: {m2l1.title}").click()

    # Module 2: the same again, and passing its check completes the cycle.
    expect(page).to_have_url(f"{url}{m2l1.url}")
    page.get_by_role("button", name="Mark as complete").click()
    expect(status).to_contain_text("Lesson completed.")
    page.get_by_role("link", name="Continue", exact=True).click()
    expect(page).to_have_url(f"{url}{m2l2.url}")
    answer_check(page, "Module 2", choice="Yes")
    expect(status).to_contain_text("You scored 100% and passed.")
    expect(status).to_contain_text(
        f"Congratulations: you have completed {cycle.code}. Your certificate is being prepared."
    )
    expect(page.get_by_text("Completed", exact=True)).to_be_visible()

    page.goto(f"{url}/my/")
    expect(card.locator(".badge").first).to_have_text("Completed")
    expect(card).to_contain_text("100% complete")
    assert progress_bars(card) == [("2", "2"), ("2", "2")]
    expect(card.get_by_role("link", name="Resume")).to_have_count(0)
    card.get_by_role("link", name="Your certificate").click()

    # The certificate was issued on completion: valid, downloadable, publicly verifiable.
    expect(page).to_have_url(f"{url}/certificates/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My certificates")
    expect(page.get_by_text("Valid", exact=True)).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert download.suggested_filename == f"{certificate.serial}.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    verification = page.get_by_role("link", name="Verification page").get_attribute("href")
    assert verification == f"/verify/{certificate.code}/"
    anonymous = new_page(java_script_enabled=javascript_enabled)
    response = anonymous.goto(f"{url}{verification}")
    assert response is not None and response.status == 200
    expect(anonymous.get_by_role("button", name="Sign out")).to_have_count(0)
    expect(anonymous.locator(".verdict")).to_contain_text("This certificate is valid.")
    expect(anonymous.locator(".facts-list")).to_contain_text(learner.get_full_name())
    expect(anonymous.locator(".facts-list")).to_contain_text(certificate.serial)

    enrollment.refresh_from_db()
    assert enrollment.status == S.COMPLETED
    certificates = Certificate.objects.filter(enrollment__learner=learner)
    assert certificates.count() == 1
    assert certificates.get().status == Certificate.Status.ISSUED
