"""Real Celery for the tests that need it: a broker of the test's choosing (Redis, or a
closed port standing in for a broker outage) and real worker processes to start and kill.
Fixtures are imported by the test modules that use them."""

import email
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from config import celery_app

ROOT = Path(__file__).resolve().parents[1]
LEASE = 3
UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def reset_connections():
    # Eager tasks still borrow a producer from the app's pool; forget the app's pools so
    # that the next send connects to the broker configured now. (kombu keeps its pools per
    # broker URL, so the in-memory one is found again, open, after the test.)
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def use_broker(url: str) -> None:
    """Send tasks to this broker from now on, as a production web process does."""
    reset_connections()
    celery_app.conf.update(task_always_eager=False, broker_url=url)


@pytest.fixture
def celery_conf_restored():
    saved = {k: celery_app.conf[k] for k in ("task_always_eager", "broker_url")}
    yield
    celery_app.conf.update(saved)
    reset_connections()


@pytest.fixture
def real_broker(redis_url, settings, celery_conf_restored):
    """Send this test's tasks to Redis (a database of its own, emptied first) instead of
    running them in-process as the other tests do."""
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    use_broker(redis_url)
    settings.CERTIFICATE_RENDER_LEASE_SECONDS = LEASE
    yield "celery"


@pytest.fixture
def broker_down(settings, celery_conf_restored):
    """Tasks go to a broker that refuses connections (the production shape in an outage)."""
    use_broker(UNREACHABLE_BROKER)
    settings.CELERY_BROKER_URL = UNREACHABLE_BROKER
    settings.CELERY_TASK_ALWAYS_EAGER = False
    yield UNREACHABLE_BROKER


def worker_env(redis_url, **extra):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        TEST_CELERY_BROKER_URL=redis_url,
        CERTIFICATE_RENDER_LEASE_SECONDS=str(LEASE),
        CELERY_VISIBILITY_TIMEOUT="5",
    )
    env.update(extra)
    # The worker is another process: point it at this test's database.
    name = connection.settings_dict["NAME"]
    if connection.vendor == "postgresql":
        env["DATABASE_URL"] = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}"
    else:
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(name)
    return env


def start_worker(env, queue, log):
    return subprocess.Popen(  # noqa: S603 - our own worker
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=prefork",
            "--concurrency=1",
            "--prefetch-multiplier=1",
            "-Q",
            queue,
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def kill(worker):
    os.killpg(worker.pid, signal.SIGKILL)  # the main process and its pool child at once
    worker.wait(timeout=10)


def wait(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def file_emails(directory: Path) -> list[email.message.Message]:
    """Every e-mail Django's file-based backend wrote to this directory (one file per
    connection, messages separated by a line of 79 dashes)."""
    messages = []
    for path in sorted(directory.glob("*.log")):
        for chunk in path.read_text().split("-" * 79 + "\n"):
            if chunk.strip():
                messages.append(email.message_from_string(chunk))
    return messages


def _queue_keys(queue: str) -> list[str]:
    # kombu's Redis transport keeps a list per priority step: "celery", "celery\x06\x163"...
    return [queue] + [f"{queue}\x06\x16{step}" for step in (3, 6, 9)]


def redeliver_unacknowledged(redis_url: str) -> int:
    """Put back on their queue the tasks a killed worker took and never acknowledged, as
    Redis does once the visibility timeout has passed (kombu's own restore, run now rather
    than after CELERY_VISIBILITY_TIMEOUT and the next scan). Call it while no other worker
    runs: every unacknowledged task is the dead one's. Returns how many went back."""
    import redis

    tags = redis.Redis.from_url(redis_url).hkeys("unacked")
    with celery_app.connection_for_write() as connection:
        for tag in tags:
            connection.default_channel.qos.restore_by_tag(tag.decode())
    return len(tags)


def drained(redis_url: str, queue: str) -> bool:
    """The worker has nothing left to do: its queue is empty and every task it was handed
    is acknowledged (done)."""
    import redis

    client = redis.Redis.from_url(redis_url)
    waiting = sum(client.llen(key) for key in _queue_keys(queue))
    return waiting == 0 and client.hlen("unacked") == 0
