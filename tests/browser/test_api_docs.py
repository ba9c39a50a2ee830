"""The read API's docs (/api/v1/docs) work in a real browser without the Internet: Swagger
UI from the site's own static files lists every endpoint, with no CSP violation."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.test_content_security_policy import _record_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_api_docs_render_offline_without_csp_violations(live_server, new_page):
    page = new_page()
    violations = _record_violations(page)
    elsewhere: list[str] = []
    page.on(
        "request",
        lambda request: elsewhere.append(request.url)
        if not request.url.startswith((live_server.url, "data:", "blob:"))
        else None,
    )
    page.goto(live_server.url + reverse("api:openapi-view"))
    expect(page.get_by_text("PATIT LMS read API").first).to_be_visible()
    for path in ("/api/v1/enrollments/", "/api/v1/learners/{learner_id}/"):
        expect(page.get_by_text(path, exact=True).first).to_be_visible()
    # Open an operation and the token dialog: Swagger UI draws both on demand.
    page.get_by_text("/api/v1/enrollments/", exact=True).first.click()
    expect(page.get_by_role("button", name="Try it out")).to_be_visible()
    page.get_by_role("button", name="Authorize").first.click()
    expect(page.get_by_text("Available authorizations")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert violations == []
    assert elsewhere == []
