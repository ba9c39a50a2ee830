"""Two-factor authentication (TOTP, django-otp) for staff: optional for instructors and
administrators, required for administrators before the Wagtail admin when
REQUIRE_ADMIN_2FA is on (production)."""

import base64
import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import AdministratorFactory, InstructorFactory, LearnerFactory

pytestmark = pytest.mark.django_db


def token_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or `steps_ahead` periods later: a code is
    accepted once, so a second sign-in in the same test uses the next period's)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="default", confirmed=True)


def admin_home():
    return reverse("wagtailadmin_home")


def open_enrolment_link(client, user):
    """What the e-mailed enrolment link does (tests/accounts/test_two_factor_enrolment.py)."""
    from accounts.two_factor import enrolment_url

    response = client.get(enrolment_url(user).removeprefix("http://testserver"))
    assert response.status_code == 302


def test_production_requires_it_and_development_does_not():
    from pathlib import Path

    settings_dir = Path(__file__).resolve().parents[2] / "config" / "settings"
    assert (
        'REQUIRE_ADMIN_2FA = env.bool("REQUIRE_ADMIN_2FA", default=True)'
        in (settings_dir / "production.py").read_text()
    )
    from django.conf import settings

    assert settings.REQUIRE_ADMIN_2FA is False


def test_an_administrator_without_a_device_is_sent_to_set_one_up(client, settings):
    settings.REQUIRE_ADMIN_2FA = True
    admin = AdministratorFactory()
    client.force_login(admin)

    response = client.get(admin_home())
    assert response.status_code == 302
    setup = reverse("two_factor_setup")
    assert response["Location"] == f"{setup}?next={admin_home()}"
    # Every admin screen, not only its home page.
    assert client.get(reverse("cycles:index"))["Location"].startswith(setup)

    open_enrolment_link(client, admin)
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b"<svg" in page.content  # the QR code, drawn on the server
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    # The secret, for typing into an app by hand, in the base32 that apps expect.
    secret = base64.b32encode(device.bin_key).decode()
    assert secret in page.content.decode()

    # A wrong code leaves the device unconfirmed and the admin closed.
    response = client.post(
        setup + f"?next={admin_home()}",
        {"token": "000000" if token_for(device) != "000000" else "111111"},
    )
    assert response.status_code == 200
    assert b"That code is not right" in response.content
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(admin_home()).status_code == 302


def test_an_administrator_confirms_a_device_and_reaches_the_admin(client, settings):
    settings.REQUIRE_ADMIN_2FA = True
    admin = AdministratorFactory()
    client.force_login(admin)
    setup = reverse("two_factor_setup")
    open_enrolment_link(client, admin)
    device = TOTPDevice.objects.get(user=admin)

    response = client.post(f"{setup}?next={admin_home()}", {"token": token_for(device)})
    assert response.status_code == 302
    assert response["Location"] == admin_home()
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(admin_home()).status_code == 200

    # The next sign-in asks for a code before the admin.
    client.logout()
    client.force_login(admin)
    response = client.get(admin_home())
    verify = reverse("two_factor_verify")
    assert response.status_code == 302
    assert response["Location"] == f"{verify}?next={admin_home()}"
    response = client.post(response["Location"], {"token": token_for(device, steps_ahead=1)})
    assert response.status_code == 302
    assert response["Location"] == admin_home()
    assert client.get(admin_home()).status_code == 200


def test_a_wrong_code_at_sign_in_keeps_the_admin_closed(client, settings):
    settings.REQUIRE_ADMIN_2FA = True
    admin = AdministratorFactory()
    device = confirmed_device(admin)
    client.force_login(admin)
    wrong = "123456" if token_for(device) != "123456" else "654321"
    response = client.post(reverse("two_factor_verify"), {"token": wrong})
    assert response.status_code == 200
    assert b"That code is not right" in response.content
    assert client.get(admin_home()).status_code == 302


def test_a_used_code_is_refused_the_second_time(client):
    instructor = InstructorFactory()
    device = confirmed_device(instructor)
    code = token_for(device)
    client.force_login(instructor)
    assert client.post(reverse("two_factor_verify"), {"token": code}).status_code == 302
    client.logout()
    client.force_login(instructor)
    assert client.post(reverse("two_factor_verify"), {"token": code}).status_code == 200
    assert client.get(admin_home()).status_code == 302


def test_when_not_required_an_administrator_without_a_device_gets_in(client, settings):
    settings.REQUIRE_ADMIN_2FA = False
    client.force_login(AdministratorFactory())
    assert client.get(admin_home()).status_code == 200


def test_an_instructor_is_not_forced_but_once_set_up_is_asked(client, settings):
    settings.REQUIRE_ADMIN_2FA = True
    instructor = InstructorFactory()
    client.force_login(instructor)
    assert client.get(admin_home()).status_code == 200

    device = confirmed_device(instructor)
    response = client.get(admin_home())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_verify"))
    client.post(reverse("two_factor_verify"), {"token": token_for(device)})
    assert client.get(admin_home()).status_code == 200


def test_staff_turn_it_off_with_a_code_unless_it_is_required(client, settings):
    instructor = InstructorFactory()
    device = confirmed_device(instructor)
    client.force_login(instructor)
    client.post(reverse("two_factor_verify"), {"token": token_for(device)})
    response = client.post(
        reverse("two_factor_setup"),
        {"action": "disable", "token": token_for(device, steps_ahead=1)},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=instructor).exists()

    settings.REQUIRE_ADMIN_2FA = True
    admin = AdministratorFactory()
    device = confirmed_device(admin)
    client.force_login(admin)
    client.post(reverse("two_factor_verify"), {"token": token_for(device)})
    response = client.post(
        reverse("two_factor_setup"),
        {"action": "disable", "token": token_for(device, steps_ahead=1)},
    )
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=admin, confirmed=True).exists()


def test_learners_have_no_two_factor_pages(client):
    client.force_login(LearnerFactory())
    assert client.get(reverse("two_factor_setup")).status_code == 403
    assert client.get(reverse("two_factor_verify")).status_code == 403


def test_the_next_parameter_cannot_lead_off_the_site(client):
    instructor = InstructorFactory()
    device = confirmed_device(instructor)
    client.force_login(instructor)
    response = client.post(
        reverse("two_factor_verify") + "?next=https://evil.example.com/",
        {"token": token_for(device)},
    )
    assert response.status_code == 302
    assert response["Location"] == admin_home()


def test_a_lost_device_is_removed_by_a_command(client, settings):
    from django.core.management import call_command

    settings.REQUIRE_ADMIN_2FA = True
    admin = AdministratorFactory()
    confirmed_device(admin)
    call_command("remove_two_factor", admin.email.upper())
    assert not TOTPDevice.objects.filter(user=admin).exists()
    client.force_login(admin)
    assert client.get(admin_home())["Location"].startswith(reverse("two_factor_setup"))
