"""Steps shared by the browser tests."""

from playwright.sync_api import Page, expect

from tests.factories import PASSWORD


def sign_in(page: Page, base_url: str, *, user, next_path: str) -> None:
    """Sign in through the login form, as a learner following a "Sign in" link would."""
    page.goto(f"{base_url}/accounts/login/?next={next_path}")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base_url}{next_path}")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
