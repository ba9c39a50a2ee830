"""How the Wagtail admin refuses, asserted exactly: a refusal that is really a crash, a 404 or
a page shown must fail the test."""

from django.urls import reverse


def assert_admin_refused(response, *, staff: bool = True) -> None:
    """Staff refused by PermissionDenied are sent to the dashboard (Wagtail's answer, with a
    message); anyone without admin access is sent to the admin's sign-in."""
    assert response.status_code == 302, response.status_code
    if staff:
        assert response["Location"] == reverse("wagtailadmin_home")
    else:
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
