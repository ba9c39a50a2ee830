"""What runs where, and how long a test may take (docs/testing.md).

`make test` runs the whole suite once on PostgreSQL and, on SQLite (the embedded default
that `make run` uses), only the tests whose behaviour depends on the database engine: row
locks, constraints, transactions, the demo. They carry the `engine` marker, given here by
module so that the list is read in one place. Without PostgreSQL the whole suite runs on
SQLite.

Every test has a time budget; one that passes it fails the run, so that a slow test is
seen the day it is written, not when CI reaches its limit.
"""

import os

import pytest

# Modules whose tests mean something different on SQLite and PostgreSQL.
ENGINE_DEPENDENT = {
    "tests/courses/test_concurrency.py",  # threads racing for the last seat
    "tests/courses/test_locks.py",  # the cycle row lock
    "tests/courses/test_integrity.py",  # database constraints behind the services
    "tests/courses/test_rules_stateful.py",  # the state machine against the constraints
    "tests/courses/test_bad_input.py",  # integers past what the engine stores
    "tests/seminars/test_session_concurrency.py",  # threads racing for a session seat
    "tests/missions/test_nominations.py",  # quota under the cycle lock
    "tests/outbox/test_outbox.py",  # claims by conditional UPDATE
    "tests/demo/test_seed_demo.py",  # the demo runs on SQLite
    "tests/config/test_settings.py",  # the engine's own settings (IMMEDIATE transactions)
    "tests/test_indexes.py",  # the indexes each engine gets
    "tests/courses/test_input_bounds.py",  # capacities past the 32-bit integers SQLite takes (edge)
}

# Seconds a test may take (call phase) before it fails the run; CI's machine has 2 cores.
BUDGET_SECONDS = float(os.environ.get("TEST_TIME_BUDGET", "60"))
BUDGET_SECONDS_SLOW = float(os.environ.get("TEST_TIME_BUDGET_SLOW", "300"))


def pytest_collection_modifyitems(config, items):
    missing = [m for m in ENGINE_DEPENDENT if not (config.rootpath / m).exists()]
    if missing:
        raise pytest.UsageError(f"tests/suite_plan.py names modules that do not exist: {missing}")
    engine = pytest.mark.engine
    for item in items:
        if item.nodeid.split("::", 1)[0] in ENGINE_DEPENDENT:
            item.add_marker(engine)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.passed:
        return
    slow = "slow" in item.keywords or "browser" in item.keywords
    budget = BUDGET_SECONDS_SLOW if slow else BUDGET_SECONDS
    if report.duration > budget:
        report.outcome = "failed"
        report.longrepr = (
            f"{item.nodeid} passed but took {report.duration:.1f} s, over its time budget of "
            f"{budget:.0f} s (tests/suite_plan.py): make it faster, or mark it `slow` and "
            "say why."
        )
