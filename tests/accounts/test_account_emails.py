"""Every account e-mail (password reset, invitation, two-factor enrolment) is an outbox row
written in the request's transaction: a mail server that refuses loses nothing (the row is
sent when it accepts again), the request does no SMTP work, and the reset request does the
same work whether or not the address has an account. Every new account is invited, however
it was made. A real mail server on the loopback interface (tests/smtp_server.py)."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import invitations
from accounts.models import Invitation, User
from outbox import services as outbox_services
from outbox.models import OutboxMessage
from people import importing
from tests.factories import AdministratorFactory, CycleFactory, LearnerFactory, ProgrammeFactory
from tests.smtp_server import SMTPServer

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-long-new-password-42"


def _send_through(settings, smtp: SMTPServer) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5


def _later():
    """Past the outbox's back-off after a failure."""
    return timezone.now() + timedelta(hours=2)


def _link(body: str, path: str) -> str:
    match = re.search(rf"https?://[^/\s]+({path}[^\s]+/)", body)
    assert match, body
    return match.group(1)


def test_a_reset_e_mail_refused_by_the_mail_server_arrives_when_it_accepts(
    client, settings, django_capture_on_commit_callbacks
):
    learner = LearnerFactory(email="later@missions.example.org")
    with SMTPServer() as smtp:
        _send_through(settings, smtp)
        smtp.state.refusing = True
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("password_reset"), {"email": learner.email})
        assert response.status_code == 302
        assert response["Location"] == reverse("password_reset_done")
        assert smtp.state.connections >= 1 and smtp.state.received == []
        row = OutboxMessage.objects.get(kind="lms.password_reset")
        assert row.sent_at is None and "554" in row.last_error

        smtp.state.refusing = False
        assert outbox_services.send_pending(now=_later()) == 1
        assert [r.recipients for r in smtp.state.received] == [[learner.email]]
        link = _link(smtp.bodies()[0], "/accounts/reset/")
        assert outbox_services.send_pending(now=_later()) == 0  # once

    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.check_password(NEW_PASSWORD)


def test_an_invitation_refused_by_the_mail_server_arrives_when_it_accepts(
    client, settings, django_capture_on_commit_callbacks
):
    user = LearnerFactory(email="invited.later@missions.example.org")
    user.set_unusable_password()
    user.save()
    with SMTPServer() as smtp:
        _send_through(settings, smtp)
        smtp.state.refusing = True
        with django_capture_on_commit_callbacks(execute=True):
            invitations.invite(user=user, by=AdministratorFactory())
        assert smtp.state.received == []
        row = OutboxMessage.objects.get(kind="lms.invitation")
        assert row.sent_at is None and row.last_error
        # The row names the invitation, never the link.
        assert set(row.payload) == {"invitation_id"}

        smtp.state.refusing = False
        assert outbox_services.send_pending(now=_later()) == 1
        link = _link(smtp.bodies()[0], "/accounts/invitation/")
    assert client.get(link).status_code == 200


def _shape(queries) -> list[str]:
    """The statements without their values (quoted text and numbers)."""
    return [re.sub(r"'(?:[^']|'')*'|\b\d+\b|NULL|\bs\d+_x\d+", "?", q["sql"]) for q in queries]


def test_the_reset_request_does_the_same_work_for_a_known_and_an_unknown_address(client, settings):
    """No mail server is spoken to in the request, and the statements are the same: the
    answer's time does not tell whether the address has an account."""
    LearnerFactory(email="known@missions.example.org")
    with SMTPServer() as smtp:
        _send_through(settings, smtp)
        shapes = []
        for email in ("known@missions.example.org", "unknown@missions.example.org"):
            with CaptureQueriesContext(connection) as queries:
                response = client.post(reverse("password_reset"), {"email": email})
            assert response.status_code == 302
            shapes.append(_shape(queries.captured_queries))
        assert smtp.state.connections == 0
    assert shapes[0] == shapes[1]
    assert OutboxMessage.objects.filter(kind="lms.password_reset").count() == 2


@pytest.fixture
def open_cycle(db):
    return CycleFactory(programme=ProgrammeFactory(modules=1, seminar=False, lessons=1), capacity=5)


def test_an_imported_diplomat_receives_an_invitation_and_signs_in_with_it(
    client, open_cycle, mailoutbox, django_capture_on_commit_callbacks
):
    email = "new.diplomat@missions.example.org"
    content = f"email,first_name,last_name,member_state,rank\n{email},Ama,Mensah,GHA,Counsellor\n"
    importing.import_participants(
        content=content.encode(), filename="p.csv", cycle=open_cycle, dry_run=True
    )
    assert not Invitation.objects.exists() and not OutboxMessage.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        importing.import_participants(
            content=content.encode(), filename="p.csv", cycle=open_cycle, by=AdministratorFactory()
        )
    invited = [m for m in mailoutbox if "/accounts/invitation/" in m.body]
    assert [m.to for m in invited] == [[email]]
    # The seat's e-mail says how to sign in, too.
    (seated,) = [m for m in mailoutbox if m not in invited]
    assert "not chosen a password yet" in seated.body
    link = _link(invited[0].body, "/accounts/invitation/")

    response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    client.logout()
    response = client.post(reverse("login"), {"username": email, "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email=email).pk)


def test_an_account_an_administrator_creates_in_the_admin_is_invited(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(AdministratorFactory())
    email = "made.in.admin@missions.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailusers_users:add"),
            {
                "email": email,
                "first_name": "Kofi",
                "last_name": "Boateng",
                "password1": "",
                "password2": "",
                "member_state": "GHA",
                "rank": "counsellor",
                "preferred_language": "en",
                "is_active": "on",
            },
        )
    errors = re.findall(r"error-message[^>]*>\s*<p>([^<]+)", response.content.decode())
    assert response.status_code == 302, errors
    user = User.objects.get(email=email)
    assert Invitation.objects.filter(user=user, used_at__isnull=True).count() == 1
    assert [m.to for m in mailoutbox if "/accounts/invitation/" in m.body] == [[email]]


def test_the_admin_reset_form_goes_through_the_outbox_too(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    admin = AdministratorFactory(email="admin.forgot@unitar.example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_password_reset"), {"email": admin.email})
    assert response.status_code == 302
    assert OutboxMessage.objects.filter(kind="lms.password_reset").count() == 1
    assert [m.to for m in mailoutbox] == [[admin.email]]
    assert "/accounts/reset/" in mailoutbox[0].body  # the reset bound to the account's state
