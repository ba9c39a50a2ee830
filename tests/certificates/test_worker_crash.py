"""A real Celery worker against Redis, killed in the middle of rendering a batch of
certificates: once a worker runs again (and the sweeper has run), every completed learner
has exactly one issued certificate."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from certificates import services
from certificates.models import Certificate
from lms import celery_app

ROOT = Path(__file__).resolve().parents[2]
LEARNERS = 16
LEASE = 3


def _reset_connections():
    # Eager tasks still borrow a producer from the app's pool; forget the app's pools so
    # that the next send connects to the broker configured now. (kombu keeps its pools per
    # broker URL, so the in-memory one is found again, open, after the test.)
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def real_broker(redis_url, settings):
    """Send this test's tasks to Redis (a database of its own, emptied first) instead of
    running them in-process as the other tests do."""
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    saved = {k: celery_app.conf[k] for k in ("task_always_eager", "broker_url")}
    _reset_connections()
    celery_app.conf.update(task_always_eager=False, broker_url=redis_url)
    settings.CERTIFICATE_RENDER_LEASE_SECONDS = LEASE
    yield "celery"
    celery_app.conf.update(saved)
    _reset_connections()


def _worker_env(redis_url):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.test",
        TEST_CELERY_BROKER_URL=redis_url,
        CERTIFICATE_RENDER_LEASE_SECONDS=str(LEASE),
        CELERY_VISIBILITY_TIMEOUT="5",
    )
    # The worker is another process: point it at this test's database.
    name = connection.settings_dict["NAME"]
    if connection.vendor == "postgresql":
        env["DATABASE_URL"] = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}"
    else:
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(name)
    return env


def _start_worker(env, queue, log):
    return subprocess.Popen(  # noqa: S603 - our own worker
        [sys.executable, "-m", "celery", "-A", "lms", "worker", "--pool=prefork",
         "--concurrency=1", "--prefetch-multiplier=1", "-Q", queue, "--without-heartbeat",
         "--without-gossip", "--without-mingle", "--loglevel=INFO"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )


def _kill(worker):
    os.killpg(worker.pid, signal.SIGKILL)  # the main process and its pool child at once
    worker.wait(timeout=10)


def _issued():
    return Certificate.objects.filter(status="issued").count()


def _wait(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


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

        second = _start_worker(env, real_broker, log)
        time.sleep(LEASE + 1)  # the dead worker's claim goes stale
        # The sweeper (run by beat every two minutes) queues whatever is stuck.
        later = timezone.now() + timedelta(seconds=settings.CERTIFICATE_SWEEP_GRACE_SECONDS)
        services.sweep(now=later)
        assert _wait(lambda: _issued() == LEARNERS, timeout=120), log_path.read_text()[-3000:]
        time.sleep(2)  # a redelivered duplicate may still run: it must change nothing
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
