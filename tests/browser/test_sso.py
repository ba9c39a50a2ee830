"""Single sign-on for staff through a real OpenID Connect provider (django-oauth-toolkit,
tests/oidc_provider/) run on a loopback port, driven in a real browser: an instructor
signs in through the provider (whose word that they used a second factor spares them
the local code); a person of an unknown domain is refused and nothing is created."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from tests.factories import InstructorFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID, CLIENT_SECRET = "patit-lms", "provider-test-secret"  # noqa: S105
PEOPLE = [
    {"username": "instructor", "password": "idp-pass-1", "email": "instructor@unitar.example.org",
     "amr": ["pwd", "mfa"]},
    {"username": "instructor2", "password": "idp-pass-2", "email": "instructor2@unitar.example.org",
     "amr": ["pwd"]},
    {"username": "stranger", "password": "idp-pass-3", "email": "someone@elsewhere.example.com",
     "amr": ["pwd", "mfa"]},
]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def provider(live_server, tmp_path_factory):
    """The provider's process, started once for this module's tests (about 2 s of CPU each
    start: Django, migrate, runserver). Each test signs in from a fresh browser context, so
    the provider's sessions never carry over; its users and client are fixed."""
    folder = tmp_path_factory.mktemp("provider")
    port = _free_port()
    env = dict(
        os.environ,
        OIDC_TEST_DB=str(folder / "provider.sqlite3"),
        OIDC_TEST_PEOPLE=json.dumps(PEOPLE),
        OIDC_TEST_CLIENT=json.dumps(
            {
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_uri": f"{live_server.url}/accounts/oidc/callback/",
            }
        ),
    )
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log = open(folder / "provider.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(  # noqa: S603 - our own test provider
        [sys.executable, "-m", "tests.oidc_provider.serve", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/o"
    discovery = None
    deadline = time.monotonic() + 60
    while discovery is None and time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{base}/.well-known/openid-configuration") as answer:  # noqa: S310
                discovery = json.load(answer)
        except OSError:
            time.sleep(0.3)
    try:
        assert discovery, (folder / "provider.log").read_text()[-3000:]
        yield discovery
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture
def identity_provider(provider, settings):
    """The site pointed at the provider, for one test."""
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_ISSUER = provider["issuer"]
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = provider["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = provider["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = provider["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = provider["jwks_uri"]
    settings.OIDC_ALLOWED_DOMAINS = []
    return provider


def _sign_in_through_provider(page, live_server, username, password, next_path="/admin/"):
    page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
    page.click("#sso-sign-in")
    page.fill("#idp-username", username)
    page.fill("#idp-password", password)
    page.click("#idp-sign-in")
    page.wait_for_load_state()


def test_an_instructor_signs_in_through_the_provider(identity_provider, live_server, new_page):
    instructor = InstructorFactory(email="instructor@unitar.example.org")
    # They have an authenticator app: the provider's "mfa" counts as the second factor.
    TOTPDevice.objects.create(user=instructor, name="default", confirmed=True)
    page = new_page()
    _sign_in_through_provider(page, live_server, "instructor", "idp-pass-1")
    assert page.url == f"{live_server.url}/admin/"  # signed in: the admin's home, no code asked
    assert page.locator("input[name=password]").count() == 0


def test_without_the_providers_second_factor_the_local_code_is_asked(
    identity_provider, live_server, new_page
):
    instructor = InstructorFactory(email="instructor2@unitar.example.org")
    TOTPDevice.objects.create(user=instructor, name="default", confirmed=True)
    page = new_page()
    _sign_in_through_provider(page, live_server, "instructor2", "idp-pass-2")
    assert page.url.startswith(f"{live_server.url}/accounts/two-factor/verify/")


def test_an_unknown_domain_is_refused(identity_provider, live_server, new_page):
    page = new_page()
    _sign_in_through_provider(page, live_server, "stranger", "idp-pass-3", next_path="/")
    assert page.url.startswith(f"{live_server.url}/accounts/login/")
    assert "No account here uses someone@elsewhere.example.com" in page.content()
    assert not User.objects.filter(email="someone@elsewhere.example.com").exists()
    page.goto(f"{live_server.url}/accounts/profile/")
    assert "/accounts/login/" in page.url  # nobody is signed in
