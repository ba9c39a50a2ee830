"""A staff member's first two-factor enrolment needs a one-time link e-mailed to them
(through the outbox): whoever has only the password cannot register an authenticator."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from outbox.models import OutboxMessage
from tests.accounts.test_two_factor import token_for
from tests.factories import AdministratorFactory, InstructorFactory

pytestmark = pytest.mark.django_db


def admin_home():
    return reverse("wagtailadmin_home")


def _ask_for_link(client, capture, mailoutbox) -> str:
    with capture(execute=True):
        response = client.post(reverse("two_factor_setup"), {"action": "send_link"})
    assert response.status_code == 302
    match = re.search(r"https?://[^/\s]+(/accounts/two-factor/enrol/[^\s]+/)", mailoutbox[-1].body)
    assert match, mailoutbox[-1].body
    return match.group(1)


def test_a_password_alone_cannot_register_an_authenticator(client, settings):
    settings.REQUIRE_ADMIN_2FA = True
    admin = AdministratorFactory()
    client.force_login(admin)  # the password was typed: a thief could have done it

    page = client.get(reverse("two_factor_setup"))
    assert page.status_code == 200
    assert b'class="qr"' not in page.content  # no QR code, no secret
    assert not TOTPDevice.objects.filter(user=admin).exists()
    # Posting a code without the e-mailed link registers nothing.
    for token in ("123456", "000000"):
        client.post(reverse("two_factor_setup"), {"token": token})
    assert not TOTPDevice.objects.filter(user=admin, confirmed=True).exists()
    assert client.get(admin_home()).status_code == 302


def test_the_e_mailed_link_opens_the_enrolment_once(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.REQUIRE_ADMIN_2FA = True
    settings.TWO_FACTOR_ENROLMENT_LINK_MINUTES = 60
    admin = AdministratorFactory()
    client.force_login(admin)
    link = _ask_for_link(client, django_capture_on_commit_callbacks, mailoutbox)
    assert mailoutbox[-1].to == [admin.email]
    assert OutboxMessage.objects.filter(kind="lms.two_factor_enrolment").count() == 1
    assert "60" in mailoutbox[-1].body

    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))
    page = client.get(response["Location"])
    assert b'class="qr"' in page.content
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    response = client.post(
        f"{reverse('two_factor_setup')}?next={admin_home()}", {"token": token_for(device)}
    )
    assert response.status_code == 302 and response["Location"] == admin_home()
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(admin_home()).status_code == 200

    # The link works once: opened again, even by its owner, it is refused.
    client.logout()
    client.force_login(admin)
    assert client.get(link).status_code == 404


def test_a_link_is_for_its_owner_only_and_lapses_when_another_is_used(
    client, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.REQUIRE_ADMIN_2FA = True
    admin = AdministratorFactory()
    client.force_login(admin)
    first = _ask_for_link(client, django_capture_on_commit_callbacks, mailoutbox)

    client.force_login(InstructorFactory())
    assert client.get(first).status_code == 404
    assert not TOTPDevice.objects.exists()

    client.force_login(admin)
    second = _ask_for_link(client, django_capture_on_commit_callbacks, mailoutbox)
    assert client.get(second).status_code == 302
    assert client.get(first).status_code == 404  # the account's devices changed
    assert client.get("/accounts/two-factor/enrol/made-up/").status_code == 404
