"""The Content-Security-Policy holds in a real browser: the lesson page and the Wagtail
admin's busiest screens load and work without a single CSP violation."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from courses import services
from tests.browser.helpers import sign_in
from tests.factories import (
    PASSWORD,
    AdministratorFactory,
    CycleFactory,
    LearnerFactory,
    ProgrammeFactory,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _record_violations(page: Page) -> list[str]:
    """Every CSP violation the page reports, from the console and from the DOM event."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text)
        if "Content Security Policy" in message.text
        else None,
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI"
        " + ' ' + e.sourceFile + ':' + e.lineNumber));"
    )
    return violations


def test_a_lesson_page_has_no_csp_violation(live_server, new_page):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=2, checks=True)
    cycle = CycleFactory(programme=programme, seminar_requirement="none")
    learner = LearnerFactory()
    services.apply(learner=learner, cycle=cycle)
    lesson = programme.modules().first().lessons().last()  # ends with a knowledge check
    page = new_page()
    violations = _record_violations(page)
    sign_in(page, live_server.url, user=learner, next_path="/my/")
    page.goto(live_server.url + lesson.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
    page.wait_for_load_state("networkidle")
    assert violations == []


def test_the_admin_screens_have_no_csp_violation(live_server, new_page):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1, checks=True)
    cycle = CycleFactory(programme=programme)
    lesson = programme.modules().first().lessons().first()
    admin = AdministratorFactory(is_superuser=True, is_staff=True)
    page = new_page()
    violations = _record_violations(page)
    url = live_server.url
    page.goto(url + reverse("wagtailadmin_login"))
    page.locator("#id_username").fill(admin.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("button[type=submit]").click()
    expect(page).to_have_url(url + reverse("wagtailadmin_home"))
    screens = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
        reverse("wagtailadmin_explore", args=[programme.pk]),
        reverse("cycles:index"),
        reverse("cycles:edit", args=[cycle.pk]),
        reverse("cycles:add"),
        reverse("roster:index") + f"?cycle={cycle.pk}",
        reverse("reports:progress", args=[cycle.pk]),
        reverse("certificates_admin:by_cycle"),
        reverse("wagtailsnippets_certificates_certificatetemplate:add"),
        reverse("wagtaildocs:index"),
        reverse("wagtailimages:index"),
        reverse("wagtailusers_users:index"),
    ]
    for screen in screens:
        page.goto(url + screen)
        page.wait_for_load_state("networkidle")
        expect(page.locator("main, #main").first).to_be_visible()
        assert violations == [], (screen, "\n".join(violations))
    # The scripts Wagtail writes inline did run (they carry the nonce): the date picker
    # opens, and the page chooser opens its modal.
    page.goto(url + reverse("cycles:edit", args=[cycle.pk]))
    page.locator("#id_applications_open_at").click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
    page.goto(url + reverse("cycles:add"))
    page.get_by_role("button", name="Choose a page (Programme)").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert violations == []
