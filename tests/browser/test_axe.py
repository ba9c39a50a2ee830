"""axe-core (WCAG 2.0 A/AA, 2.1 AA, 2.2 AA) on the learner pages that issue 11 found at
fault — a page showing a flash message, the Withdraw confirmation — and on the cycle page,
a lesson lock, the public pages, the profile and the certificates, in English, French and
Arabic, at desktop and phone widths.

axe-core comes inside axe-playwright-python (axe.min.js): nothing is fetched."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core import languages
from tests.browser.axe import AXE_OPTIONS, WIDTHS, AxePages, axe_context, summary, violations
from tests.factories import PASSWORD, CycleFactory, LearnerFactory, ProgrammeFactory

# Every language of settings.LANGUAGES with its files (languages.complete()): a language
# added there is checked here once the completeness test passes for it.
LANGUAGES = languages.complete()

# The pictures of docs/features.md (French, Arabic) and of docs/languages.md (Spanish,
# Russian, Chinese), refreshed only on request, as dashboard.png is
# (tests/browser/test_learning_flow.py): their dates follow today's.
SCREENSHOTS = Path(settings.BASE_DIR) / (
    "docs" if os.environ.get("LMS_UPDATE_DOCS_SCREENSHOTS") == "1" else "var/screenshots"
)
SCREENSHOT_MAX_BYTES = 150_000  # committed to the repository: keep them small


# A page with four faults that axe-core reports under TAGS, one per rule.
FAULTY_PAGE = """<!doctype html>
<html><head><title>Four faults</title></head>
<body><main><h1>Four faults</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p style="color: #777; background: #888">Grey on grey</p>
<form><input type="text" name="q"></form>
</main></body></html>"""
FAULTS = {"html-has-lang", "image-alt", "color-contrast", "label"}


@pytest.mark.browser
def test_violations_finds_what_axe_playwright_python_finds(browser):
    """`violations` (axe loaded once per context, axe.run called directly) reports what
    axe-playwright-python's Axe().run reports with the same options, on a page with known
    faults, whether axe came with the context or had to be loaded into the page."""
    found = {}
    for name, context in [
        ("loaded by the context", axe_context(browser)),
        ("loaded late", browser.new_context()),
    ]:
        try:
            page = context.new_page()
            # A real navigation, as in the tests below: the init script runs on new documents.
            page.route("http://faulty.test/", lambda route: route.fulfill(body=FAULTY_PAGE))
            page.goto("http://faulty.test/")
            found[name] = violations(page)
            reference = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        finally:
            context.close()
        assert {line.split(" ")[0] for line in found[name]} == FAULTS, found[name]
        assert found[name] == [summary(violation) for violation in reference]
    assert found["loaded by the context"] == found["loaded late"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_learner_pages_have_no_axe_violations(live_server, axe_page, language, width):
    # Fixed names, so that the pictures do not depend on the tests that ran before.
    programme = ProgrammeFactory(n=1, modules=2, seminar=False, lessons=1, checks=True)
    year = timezone.localdate().year
    cycle = CycleFactory(
        programme=programme, capacity=5, code=f"PATIT-{year}-1", title=f"PATIT {year}, cycle 1"
    )
    learner = LearnerFactory(preferred_language=language)
    page = axe_page("en-US", WIDTHS[width])
    url = live_server.url
    cycle_path = reverse("courses:cycle_detail", args=[cycle.code])
    page.goto(f"{url}{reverse('login')}?next={cycle_path}")
    page.fill("#id_username", learner.email)
    page.fill("#id_password", PASSWORD)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(f"{url}{cycle_path}")
    found = {"cycle page": violations(page)}

    page.click(f"form[action='{reverse('courses:apply', args=[cycle.code])}'] button")
    page.wait_for_url(f"{url}{reverse('courses:my_learning')}")
    assert page.locator("li.message").count() == 1
    found["dashboard with a flash message"] = violations(page)
    if width == "desktop" and language != "en":
        picture = SCREENSHOTS / f"dashboard-{language}.png"
        picture.parent.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size({"width": 1024, "height": 640})
        page.screenshot(path=str(picture))
        assert picture.stat().st_size < SCREENSHOT_MAX_BYTES
        page.set_viewport_size(WIDTHS[width])

    enrollment = learner.enrollments.get()
    page.goto(f"{url}{reverse('courses:withdraw', args=[enrollment.pk])}")
    found["withdraw confirmation"] = violations(page)

    lesson = list(programme.modules()[0].lessons())[0]
    assert page.goto(f"{url}{lesson.url}").status == 200
    assert page.locator(".knowledge-check form").count() == 1
    found["lesson with a knowledge check"] = violations(page)

    locked = list(programme.modules()[1].lessons())[0]
    assert page.goto(f"{url}{locked.url}").status == 403
    found["lesson lock"] = violations(page)
    assert {name: v for name, v in found.items() if v} == {}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_and_the_profile_have_no_axe_violations(
    live_server, axe_page, language, width
):
    from cms.builders import ensure_home_page

    ensure_home_page()
    programme = ProgrammeFactory(n=1, modules=1, seminar=True, lessons=1)
    cycle = CycleFactory(programme=programme, capacity=5)
    learner = LearnerFactory(preferred_language=language)
    # A visitor's language comes from the browser (Accept-Language).
    page = axe_page(language, WIDTHS[width])
    url = live_server.url
    module = programme.modules()[0]
    found = {}
    for name, path in [
        ("home", "/"),
        ("programme", programme.url),
        ("module", module.url),
        ("open cycles", reverse("courses:cycle_list")),
        ("cycle", reverse("courses:cycle_detail", args=[cycle.code])),
        ("verify form", reverse("certificates:verify")),
        ("verify by file", reverse("certificates:verify_file")),
        (
            "unknown code",
            reverse("certificates:verify_code", args=["AAAA-AAAA-AAAA-AAAA-AAAA"]),
        ),
        ("sign in", reverse("login")),
    ]:
        response = page.goto(f"{url}{path}")
        assert response.status == (404 if name == "unknown code" else 200), name
        assert page.locator("html").get_attribute("lang") == language, name
        found[name] = violations(page)
    page.fill("#id_username", learner.email)
    page.fill("#id_password", PASSWORD)
    page.click("form.stacked button[type=submit]")
    page.wait_for_load_state()
    for name, path in [
        ("profile", reverse("profile")),
        ("my certificates", reverse("certificates:mine")),
    ]:
        assert page.goto(f"{url}{path}").status == 200, name
        found[name] = violations(page)
    assert {name: v for name, v in found.items() if v} == {}


@pytest.mark.browser
def test_a_kept_axe_page_starts_the_next_test_signed_out_and_blank(browser):
    """`AxePages` hands the next test the same page, without the cookies (the session) and
    the extra pages of the last, on about:blank, at the width it asks for, with axe-core."""
    pages = AxePages(browser)
    try:
        first = pages.open("fr", WIDTHS["desktop"])
        first.route("http://site.test/", lambda route: route.fulfill(body=FAULTY_PAGE))
        first.goto("http://site.test/")
        first.context.add_cookies([{"name": "sessionid", "value": "x", "url": "http://site.test/"}])
        first.context.new_page()
        pages.release()

        again = pages.open("fr", WIDTHS["phone"])
        assert again is first
        assert again.context.cookies() == []
        assert len(again.context.pages) == 1
        assert again.url == "about:blank"
        assert again.viewport_size == WIDTHS["phone"]
        again.goto("http://site.test/")
        assert {line.split(" ")[0] for line in violations(again)} == FAULTS
        pages.release()

        # Another locale is another context.
        assert pages.open("ar", WIDTHS["phone"]).context is not first.context
    finally:
        pages.close()
