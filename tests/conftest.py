"""Shared fixtures. PostgreSQL and Redis tests skip with a reason on a laptop without them;
with LMS_REQUIRE_SERVICES=1 (CI) a missing service fails the run instead."""

import os
import socket

import pytest
from django.db import connection

# Real-broker fixtures (Redis, an unreachable broker) and worker helpers.
pytest_plugins = ["tests.celery_helpers", "tests.suite_plan"]

REQUIRE_SERVICES = os.environ.get("LMS_REQUIRE_SERVICES") == "1"


def _redis_url_of_this_worker(url: str) -> str:
    """Under pytest-xdist each worker (gw0, gw1, ...) takes the Redis database below the
    previous one's (15, 14, ...), so that one worker's FLUSHDB never empties another's."""
    from urllib.parse import urlsplit

    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw"):
        return url
    parts = urlsplit(url)
    db = (int(parts.path.strip("/") or 0) - int(worker[2:])) % 16
    return parts._replace(path=f"/{db}").geturl()


REDIS_URL = _redis_url_of_this_worker(os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15"))


def _missing(reason: str):
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (LMS_REQUIRE_SERVICES=1: CI must run this test)")
    pytest.skip(reason)


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def pytest_collection_modifyitems(config, items):
    # A `postgres` test only means something on PostgreSQL: in the SQLite pass of
    # `make test` it skips; the PostgreSQL pass (always made in CI) runs it.
    if connection.vendor != "postgresql":
        skip = pytest.mark.skip(reason="needs PostgreSQL: the second pass of `make test` runs it")
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations():
    """`make test` compiles the catalogues first; a bare `pytest` run does it here, so the
    French and Arabic tests read the .po files as they are now, not a stale .mo (the .mo
    files are not committed). compilemessages skips a catalogue that is up to date."""
    from django.conf import settings
    from django.core.management import call_command

    for locale_dir in settings.LOCALE_PATHS:
        for po in locale_dir.glob("*/LC_MESSAGES/django.po"):
            mo = po.with_suffix(".mo")
            if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
                call_command(
                    "compilemessages", locale=[po.parts[-3]], ignore_patterns=[".venv"], verbosity=0
                )


def pytest_configure(config):
    # PostgreSQL's test databases cloned from a migrated template instead of migrated by
    # each worker of each run (tests/db_template.py); before pytest-django creates them.
    from tests import db_template, serialized_restore, site_home

    # Each test database starts with the site's home page (tests/site_home.py).
    if site_home.enabled():
        site_home.install()
    if db_template.enabled():
        db_template.install()
    # serialized_rollback's restore from a copy of the tables (tests/serialized_restore.py).
    if serialized_restore.enabled():
        serialized_restore.install()


def _delete_instead_of_truncate(original):
    """PostgreSQL's flush for the tests: DELETE FROM every table instead of one TRUNCATE.

    A `transaction=True` test ends with a flush of the whole database. TRUNCATE gives each
    of the ~90 tables a new file and took 3.6-4.2 s on CI's machine, every time; DELETE of
    the few rows a test leaves takes 0.08 s (docs/testing.md, "Where the time went"). The
    result is the same: every table empty, sequences not reset (TRUNCATE without RESTART
    IDENTITY does not reset them either). The foreign keys Django makes are DEFERRABLE, so
    deferring them lets the tables be emptied in any order. A flush asked to reset the
    sequences or to cascade keeps Django's own SQL."""

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not tables:
            return original(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        # Table names from Django's introspection, quoted: no outside input.
        deletes = " ".join(f"DELETE FROM {self.quote_name(table)};" for table in tables)  # noqa: S608
        return [f"SET CONSTRAINTS ALL DEFERRED; {deletes}"]

    return sql_flush


@pytest.fixture(scope="session", autouse=True)
def _fast_flush():
    from django.db.backends.postgresql.operations import DatabaseOperations

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            DatabaseOperations,
            "sql_flush",
            _delete_instead_of_truncate(DatabaseOperations.sql_flush),
        )
        yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in English. A request through the test client activates its user's
    language in the test's own thread, and Django leaves it active after the response: a
    French learner's page would otherwise turn the next test's refusals into French."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (rate-limit counters, Wagtail's caches)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def redis_url():
    """The URL of a real Redis server for tests of the broker."""
    from urllib.parse import urlparse

    parsed = urlparse(REDIS_URL)
    if not _reachable(parsed.hostname or "127.0.0.1", parsed.port or 6379):
        _missing(f"Redis is not reachable at {REDIS_URL}")
    return REDIS_URL


@pytest.fixture
def home_page(db):
    from cms.builders import ensure_home_page

    return ensure_home_page()


@pytest.fixture
def programme(db):
    from tests.factories import ProgrammeFactory

    return ProgrammeFactory()
