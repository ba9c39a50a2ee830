"""A learner who uses only the keyboard (issue 11): from the open cycles to the certificate
without a mouse. The test opens one page by address (the open cycles) and from there only
presses keys: Tab and Shift+Tab to move, Enter to follow a link or send a form, Space to
press a button or pick an answer, the arrow keys inside a group of answers, and typing in
the sign-in form. It signs in, applies (a seat is free, so it is given), marks a lesson
complete, passes a knowledge check (which completes the cycle) and downloads the
certificate, a PDF with the learner's name. Every element that takes the focus on the way
must show it (an outline or a box shadow), and the first Tab reaches a skip link."""

from io import BytesIO

import pytest
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from courses.models import Enrollment
from tests.factories import PASSWORD, CycleFactory, LearnerFactory, ProgrammeFactory

MAX_PRESSES = 80  # more Tabs than this to reach a control is a keyboard trap or a lost control

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== "none";
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 60),
    indicator: outline || shadow,
    visible: box.width > 0 && box.height > 0,
  };
}"""


def focused(page: Page) -> dict | None:
    return page.evaluate(FOCUSED)


def tab_to(page: Page, target: Locator, *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until `target` has the focus, checking on every stop that
    the focused element shows a focus indicator and is on the page."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_PRESSES):
        page.keyboard.press(key)
        state = focused(page)
        if state is None:
            continue  # the focus left the page (before the first or after the last element)
        assert state["visible"], f"the focus is on an invisible element: {state}"
        assert state["indicator"], f"no visible focus indicator on {state}"
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{key} never reached {target}")


def press_on(page: Page, target: Locator, key: str = "Enter", *, backwards: bool = False):
    tab_to(page, target, backwards=backwards)
    page.keyboard.press(key)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_keyboard_only_learner_applies_studies_passes_and_downloads_the_certificate(
    live_server, new_page
):
    programme = ProgrammeFactory(n=1, modules=1, seminar=False, lessons=2, checks=True)
    cycle = CycleFactory(programme=programme, capacity=5, seminar_requirement="none")
    learner = LearnerFactory()
    reading, checked = list(programme.modules()[0].lessons())
    url = live_server.url
    page = new_page()
    status = page.get_by_role("status")

    # The one address typed: the open cycles. The first Tab lands on the skip link, shown
    # on screen, and Enter on it moves the next Tab into the main content.
    page.goto(f"{url}/cycles/")
    skip = page.get_by_role("link", name="Skip to content")
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    assert focused(page)["indicator"]
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0  # moved into view
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{url}/cycles/#main")
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")

    # Back up to "Sign in" in the header (Shift+Tab), and sign in by typing.
    press_on(page, page.get_by_role("link", name="Sign in", exact=True), backwards=True)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    tab_to(page, page.get_by_label("E-mail address"))
    page.keyboard.type(learner.email)
    tab_to(page, page.get_by_label("Password"))
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{url}/cycles/")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    # Open the cycle and apply: a seat is free, so it is given at once.
    press_on(page, page.get_by_role("link", name=cycle.title))
    expect(page.get_by_role("heading", level=1)).to_have_text(cycle.title)
    press_on(page, page.get_by_role("button", name="Apply"), "Space")
    expect(page).to_have_url(f"{url}/my/")
    enrollment = Enrollment.objects.get(learner=learner, cycle=cycle)
    assert enrollment.status == Enrollment.Status.ENROLLED
    card = page.locator(f"#enrollment-{enrollment.pk}")
    expect(card.locator(".badge").first).to_have_text("Enrolled")

    # The first lesson: read, then marked complete with Space on the button.
    press_on(page, card.get_by_role("link", name=f"Resume: {reading.title}"))
    expect(page).to_have_url(f"{url}{reading.url}")
    press_on(page, page.get_by_role("button", name="Mark as complete"), "Space")
    expect(status).to_contain_text("Lesson completed.")
    press_on(page, page.get_by_role("link", name="Continue", exact=True))
    expect(page).to_have_url(f"{url}{checked.url}")

    # The knowledge check: Tab into each group of answers, the arrow keys to "Yes" (the
    # choices are shuffled), then Enter on the submit button.
    for number in (1, 2):
        group = page.get_by_role("group", name=f"{number}. Question {number} on Module 1?")
        tab_to(page, group.get_by_role("radio").first)
        yes = group.get_by_label("Yes", exact=True)
        for _ in range(3):
            if yes.evaluate("el => el === document.activeElement"):
                break
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
        expect(yes).to_be_checked()
        assert focused(page)["indicator"], "no focus indicator on a radio button"
    press_on(page, page.get_by_role("button", name="Submit answers"))
    expect(status).to_contain_text("You scored 100% and passed.")
    expect(status).to_contain_text(f"Congratulations: you have completed {cycle.code}.")

    # The certificate, from the header's "Certificates" link (backwards from the page).
    press_on(page, page.get_by_role("link", name="Certificates", exact=True), backwards=True)
    expect(page).to_have_url(f"{url}/certificates/")
    download_link = page.get_by_role("link", name="Download PDF")
    tab_to(page, download_link)
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    with open(download_info.value.path(), "rb") as pdf:
        reader = PdfReader(BytesIO(pdf.read()))
    text = " ".join(sheet.extract_text() for sheet in reader.pages)
    assert learner.get_full_name() in " ".join(text.split())
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
