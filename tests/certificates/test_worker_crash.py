"""A real Celery worker against Redis, killed in the middle of rendering a batch of
certificates: once a worker runs again (and the sweeper has run), every completed learner
has exactly one issued certificate."""

from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from certificates import services
from certificates.models import Certificate
from tests.celery_helpers import LEASE, drained, redeliver_unacknowledged
from tests.celery_helpers import kill as _kill
from tests.celery_helpers import start_worker as _start_worker
from tests.celery_helpers import wait as _wait
from tests.celery_helpers import worker_env as _worker_env

LEARNERS = 16


def _issued():
    return Certificate.objects.filter(status="issued").count()


@pytest.mark.redis
@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_render_leaves_exactly_one_certificate_each(
    real_broker, redis_url, complete, settings, tmp_path
):
    env = _worker_env(redis_url)
    log_path = tmp_path / "worker.log"
    log = open(log_path, "w")  # noqa: SIM115 - closed in finally
    first = _start_worker(env, real_broker, log)
    second = None
    try:
        # Completing queues each render on Redis after commit, as in production.
        enrollments = [complete() for _ in range(LEARNERS)]
        assert _wait(lambda: _issued() >= 2, timeout=60), log_path.read_text()[-3000:]
        _kill(first)
        assert _issued() < LEARNERS, "the worker finished the batch before it was killed"

        # Time passes for the dead worker's claim (older than the lease) and for the task
        # it never acknowledged (Redis hands it out again after the visibility timeout).
        Certificate.objects.filter(claimed_at__isnull=False).update(
            claimed_at=F("claimed_at") - timedelta(seconds=LEASE + 1)
        )
        redeliver_unacknowledged(redis_url)
        second = _start_worker(env, real_broker, log)
        # The sweeper (run by beat every two minutes) queues whatever is stuck.
        later = timezone.now() + timedelta(seconds=settings.CERTIFICATE_SWEEP_GRACE_SECONDS)
        services.sweep(now=later)
        assert _wait(lambda: _issued() == LEARNERS, timeout=120), log_path.read_text()[-3000:]
        # The redelivered and swept duplicates run too, and must change nothing.
        idle = _wait(lambda: drained(redis_url, real_broker), timeout=60)
        assert idle, log_path.read_text()[-3000:]
    finally:
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                _kill(worker)
        log.close()

    for enrollment in enrollments:
        certificates = list(Certificate.objects.filter(enrollment=enrollment))
        assert len(certificates) == 1
        assert certificates[0].status == "issued" and certificates[0].pdf
    assert Certificate.objects.count() == LEARNERS
