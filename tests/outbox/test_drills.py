"""Drills with real processes: the broker unreachable while learners apply and finish, then
back; a worker killed in the middle of a batch. Each ends with exactly one certificate and
exactly one "ready" e-mail per learner, counted from what the worker's mail backend wrote."""

from collections import Counter
from datetime import timedelta

import pytest
import redis
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from certificates import services as certificate_services
from certificates.models import Certificate
from courses import services as courses_services
from outbox.models import OutboxMessage
from outbox.tasks import send_pending_outbox_task
from tests.celery_helpers import (
    LEASE,
    drained,
    file_emails,
    kill,
    redeliver_unacknowledged,
    start_worker,
    use_broker,
    wait,
    worker_env,
)
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory

pytestmark = [
    pytest.mark.redis,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def course(db):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    cycle = CycleFactory(programme=programme, capacity=500, seminar_requirement="none")
    return cycle, programme.modules().first().lessons().first()


@pytest.fixture
def mail_dir(tmp_path):
    path = tmp_path / "mail"
    path.mkdir()
    return path


def _env(redis_url, mail_dir):
    # The worker sends e-mail to files the test can count.
    return worker_env(
        redis_url,
        TEST_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        TEST_EMAIL_FILE_PATH=str(mail_dir),
        OUTBOX_LEASE_SECONDS=str(LEASE),
    )


def _sweep(settings):
    """What Celery beat does, once: re-queue stuck renders, have a worker send the outbox."""
    later = timezone.now() + timedelta(seconds=settings.CERTIFICATE_SWEEP_GRACE_SECONDS + 1)
    certificate_services.sweep(now=later)
    send_pending_outbox_task.delay()


def _all_done(count):
    return (
        Certificate.objects.filter(status="issued").count() == count
        and not OutboxMessage.objects.filter(sent_at__isnull=True).exists()
    )


def _ready_emails(mail_dir):
    return Counter(
        m["To"]
        for m in file_emails(mail_dir)
        if "certificate" in m["Subject"] and "is ready" in m["Subject"]
    )


def test_broker_unreachable_then_back_nothing_fails_and_nothing_is_lost(
    broker_down, redis_url, course, client, settings, mail_dir, tmp_path
):
    cycle, lesson = course
    learner = LearnerFactory(preferred_language="en")
    client.force_login(learner)

    response = client.post(reverse("courses:apply", args=[cycle.code]))
    assert response.status_code == 302 and response.url == reverse("courses:my_learning")
    assert client.get(response.url).status_code == 200
    response = client.post(reverse("courses:complete_lesson", args=[lesson.pk]))
    assert response.status_code == 302 and response.url == lesson.url  # the normal answer
    assert client.get(response.url).status_code == 200

    # Everything the requests decided is committed; what they could not hand over waits.
    certificate = Certificate.objects.get(enrollment__learner=learner)
    assert certificate.status == "pending"
    assert OutboxMessage.objects.filter(sent_at__isnull=True).count() == 1  # "enrolled"
    # A second learner applies during the outage too: the normal page again.
    other = LearnerFactory()
    client.force_login(other)
    response = client.post(reverse("courses:apply", args=[cycle.code]), follow=True)
    assert response.status_code == 200 and cycle.code in response.content.decode()

    # The broker is back: a worker and beat's sweeps deliver everything, once.
    redis.Redis.from_url(redis_url).flushdb()
    use_broker(redis_url)
    log_path = tmp_path / "worker.log"
    with open(log_path, "w") as log:
        worker = start_worker(_env(redis_url, mail_dir), "celery", log)
        try:
            _sweep(settings)
            assert wait(lambda: _all_done(1), timeout=90), log_path.read_text()[-3000:]
            _sweep(settings)  # a second sweep finds nothing to do
            assert wait(lambda: drained(redis_url, "celery"), timeout=60)
        finally:
            kill(worker)

    certificate.refresh_from_db()
    assert certificate.status == "issued" and certificate.pdf
    sent = Counter((m["To"], m["Subject"]) for m in file_emails(mail_dir))
    assert sent == {
        (learner.email, f"You are enrolled in {cycle.code}"): 1,
        (other.email, f"You are enrolled in {cycle.code}"): 1,
        (learner.email, f"Your certificate for {cycle.code} is ready"): 1,
    }


LEARNERS = 30


def test_a_worker_killed_mid_batch_ends_with_one_certificate_and_one_email_each(
    real_broker, redis_url, course, settings, mail_dir, tmp_path
):
    cycle, lesson = course
    env = _env(redis_url, mail_dir)
    log_path = tmp_path / "worker.log"
    log = open(log_path, "w")  # noqa: SIM115 - closed in finally
    first = start_worker(env, real_broker, log)
    second = None
    try:
        learners = [LearnerFactory() for _ in range(LEARNERS)]
        for learner in learners:  # each completion queues a render on Redis after commit
            courses_services.apply(learner=learner, cycle=cycle)
            courses_services.complete_lesson(learner=learner, lesson=lesson)
        assert wait(lambda: Certificate.objects.filter(status="issued").count() >= 3, timeout=60), (
            log_path.read_text()[-3000:]
        )
        kill(first)
        issued = Certificate.objects.filter(status="issued").count()
        assert issued < LEARNERS, "the worker finished the batch before it was killed"

        # Time passes for the dead worker's claims (older than the lease) and for the tasks
        # it never acknowledged (Redis hands them out again after the visibility timeout).
        stale = timedelta(seconds=LEASE + 1)
        Certificate.objects.filter(claimed_at__isnull=False).update(
            claimed_at=F("claimed_at") - stale
        )
        OutboxMessage.objects.filter(sent_at__isnull=True, claimed_at__isnull=False).update(
            claimed_at=F("claimed_at") - stale, available_at=F("available_at") - stale
        )
        redeliver_unacknowledged(redis_url)
        second = start_worker(env, real_broker, log)
        _sweep(settings)
        assert wait(lambda: _all_done(LEARNERS), timeout=180), log_path.read_text()[-3000:]
        _sweep(settings)
        # The redelivered and swept duplicates run too, and must change nothing.
        assert wait(lambda: drained(redis_url, real_broker), timeout=60), log_path.read_text()[
            -3000:
        ]
    finally:
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                kill(worker)
        log.close()

    for learner in learners:
        certificates = list(Certificate.objects.filter(enrollment__learner=learner))
        assert len(certificates) == 1 and certificates[0].status == "issued"
    # E-mail is at least once (outbox/services.py): a kill between the mail backend accepting
    # a message and the row being marked sent lets the next sender send it again. With one
    # worker process (concurrency 1) that window can hold at most one message, and the row
    # shows it: claimed twice. Everyone else gets exactly one.
    ready = _ready_emails(mail_dir)
    assert set(ready) == {learner.email for learner in learners}
    twice = {address for address, count in ready.items() if count > 1}
    assert len(twice) <= 1 and all(ready[address] == 2 for address in twice), ready
    for address in twice:
        certificate = Certificate.objects.get(enrollment__learner__email=address)
        message = OutboxMessage.objects.get(
            kind="certificates.ready", payload__certificate_id=certificate.pk
        )
        assert message.attempts >= 2, "sent twice without a second claim"
    assert OutboxMessage.objects.filter(kind="certificates.ready").count() == LEARNERS
