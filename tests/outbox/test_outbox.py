"""The outbox: e-mails are rows written with the change they report, sent after commit,
claimed so that no two senders send one, and never lost to a broker or mail outage."""

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from courses import services as courses_services
from outbox import services
from outbox.models import OutboxMessage
from tests.admin_refusals import assert_admin_refused
from tests.factories import CycleFactory, LearnerFactory

pytestmark = pytest.mark.django_db


class Boom(Exception):
    pass


@pytest.fixture
def cycle(programme):
    return CycleFactory(programme=programme, capacity=1)


def test_a_change_and_its_email_commit_together(
    cycle, mailoutbox, django_capture_on_commit_callbacks
):
    learner = LearnerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        courses_services.apply(learner=learner, cycle=cycle)
    message = OutboxMessage.objects.get()
    assert message.kind == "courses.enrollment" and message.payload["kind"] == "enrolled"
    assert message.sent_at is not None and message.attempts == 1
    assert [m.to for m in mailoutbox] == [[learner.email]]


def test_a_rolled_back_change_leaves_no_email(
    cycle, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Boom):
        with transaction.atomic():
            courses_services.apply(learner=LearnerFactory(), cycle=cycle)
            raise Boom
    assert not OutboxMessage.objects.exists()
    assert mailoutbox == []


def test_one_dedup_key_is_one_message(cycle, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = services.enqueue(
            kind="courses.enrollment",
            dedup_key="k",
            payload={"enrollment_id": 1, "kind": "enrolled"},
        )
        second = services.enqueue(
            kind="courses.enrollment",
            dedup_key="k",
            payload={"enrollment_id": 1, "kind": "enrolled"},
        )
    assert first.pk == second.pk and OutboxMessage.objects.count() == 1
    assert len(callbacks) == 1  # handed over once


def test_an_unknown_kind_is_refused_and_nothing_written():
    with pytest.raises(LookupError, match="Unknown outbox kind"):
        services.enqueue(kind="nope", dedup_key="k", payload={})
    assert not OutboxMessage.objects.exists()


def test_broker_down_the_change_commits_and_the_sweep_sends_it_later(
    cycle,
    mailoutbox,
    broker_down,
    django_capture_on_commit_callbacks,
    caplog,
    celery_conf_restored,
):
    from config import celery_app

    learner = LearnerFactory()
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        enrollment = courses_services.apply(learner=learner, cycle=cycle)
    assert time.monotonic() - started < 2  # the outage is noticed at once, not waited on
    assert enrollment.status == "enrolled"
    assert "not queued now; the sweeper will queue it" in caplog.text
    message = OutboxMessage.objects.get()
    assert message.sent_at is None and mailoutbox == []

    celery_app.conf.task_always_eager = True  # the broker is back (the sweep runs in-process)
    assert services.send_pending() == 1
    assert services.send_pending() == 0
    message.refresh_from_db()
    assert message.sent_at is not None
    assert [m.to for m in mailoutbox] == [[learner.email]]


def test_two_senders_never_send_one_message_twice(
    cycle, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        courses_services.apply(learner=LearnerFactory(), cycle=cycle)
    pk = OutboxMessage.objects.get().pk
    now = timezone.now()
    assert services.send_message(message_id=pk, now=now) is True
    assert services.send_message(message_id=pk, now=now) is False
    assert services.send_pending(now=now + timedelta(days=1)) == 0
    assert len(mailoutbox) == 1


def test_a_dead_senders_claim_is_taken_over_after_the_lease(
    cycle, mailoutbox, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        courses_services.apply(learner=LearnerFactory(), cycle=cycle)
    message = OutboxMessage.objects.get()
    now = timezone.now()
    # A sender claimed it and died before sending.
    OutboxMessage.objects.filter(pk=message.pk).update(
        claimed_at=now,
        available_at=now + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS),
        attempts=1,
    )
    assert services.send_pending(now=now) == 0  # a fresh claim is respected
    later = now + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS + 1)
    assert services.send_pending(now=later) == 1
    message.refresh_from_db()
    assert message.attempts == 2 and message.sent_at is not None and len(mailoutbox) == 1


def test_a_mail_server_failure_is_kept_and_retried_later(
    cycle, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        courses_services.apply(learner=LearnerFactory(), cycle=cycle)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # refuses connections
    now = timezone.now()
    assert services.send_pending(now=now) == 0
    message = OutboxMessage.objects.get()
    assert message.sent_at is None and message.attempts == 1
    assert "ConnectionRefusedError" in message.last_error
    assert services.send_pending(now=now) == 0  # backing off: not tried again at once

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    assert services.send_pending(now=now + timedelta(minutes=2)) == 1
    message.refresh_from_db()
    assert message.sent_at is not None and message.last_error == ""
    assert len(mail.outbox) == 1


def test_the_command_sends_what_is_waiting(
    cycle, mailoutbox, django_capture_on_commit_callbacks, capsys
):
    with django_capture_on_commit_callbacks(execute=False):
        courses_services.apply(learner=LearnerFactory(), cycle=cycle)
        courses_services.apply(learner=LearnerFactory(), cycle=cycle)  # waitlisted
    call_command("send_outbox")
    assert "2 sent; 0 still due." in capsys.readouterr().out
    assert len(mailoutbox) == 2
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 0


def test_administrators_see_the_outbox_read_only_others_do_not(
    client, cycle, django_capture_on_commit_callbacks
):
    from tests.factories import AdministratorFactory, InstructorFactory

    with django_capture_on_commit_callbacks(execute=False):
        courses_services.apply(learner=LearnerFactory(), cycle=cycle)
    message = OutboxMessage.objects.get()
    client.force_login(InstructorFactory())
    assert_admin_refused(client.get(reverse("outbox_admin:index")))
    client.force_login(AdministratorFactory())
    page = client.get(reverse("outbox_admin:index") + "?unsent=true").content.decode()
    assert message.dedup_key in page
    assert client.get(reverse("outbox_admin:inspect", args=[message.pk])).status_code == 200
    assert_admin_refused(client.get(reverse("outbox_admin:edit", args=[message.pk])))
    assert_admin_refused(client.get(reverse("outbox_admin:add")))


@pytest.fixture
def silent_broker(settings, celery_conf_restored):
    """A "broker" that accepts connections and never answers (a half-open connection, a
    firewall dropping replies): tasks are sent there."""
    import socket
    import threading

    from tests.celery_helpers import use_broker

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held, stop = [], threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])  # keep it open, say nothing
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    url = f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    use_broker(url)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    yield url
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


def test_a_broker_that_never_answers_does_not_hold_the_request(
    cycle, silent_broker, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        enrollment = courses_services.apply(learner=LearnerFactory(), cycle=cycle)
    waited = time.monotonic() - started
    # One hand-over gives up after CELERY_BROKER_SOCKET_TIMEOUT (5 s); without it, forever.
    assert waited < 10, f"the request waited {waited:.1f} s on a silent broker"
    assert enrollment.status == "enrolled"
    assert OutboxMessage.objects.get().sent_at is None  # the sweep sends it later
