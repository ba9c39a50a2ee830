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


def pytest_ignore_collect(collection_path, config):
    """`-m engine` alone (the SQLite pass of `make test`) selects only the modules above:
    the others are not imported at all, which saves each worker ~7 s of CPU of imports
    that `-m` would then deselect. Any other expression collects everything as usual."""
    if config.option.markexpr != "engine" or collection_path.suffix != ".py":
        return None
    if not collection_path.name.startswith("test_"):
        return None
    relative = collection_path.relative_to(config.rootpath).as_posix()
    return True if relative not in ENGINE_DEPENDENT else None


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or "live_server" in getattr(
        item, "fixturenames", ()
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if _transactional(item):  # read by pytest_terminal_summary, also from xdist's workers
        report.user_properties.append(("transactional", True))
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


def pytest_terminal_summary(terminalreporter):
    """Where the time went: seconds (setup + call + teardown, summed over the workers) per
    test folder, and what the transactional tests (a real commit, a flush after) cost."""
    seconds: dict[str, float] = {}
    tests: dict[str, set[str]] = {}
    transactional: set[str] = set()
    transactional_seconds = 0.0
    for reports in terminalreporter.stats.values():
        for report in reports:
            if not isinstance(report, pytest.TestReport):
                continue
            parts = report.nodeid.split("::", 1)[0].split("/")
            folder = "/".join(parts[:2]) if len(parts) > 2 else parts[0]
            seconds[folder] = seconds.get(folder, 0.0) + report.duration
            tests.setdefault(folder, set()).add(report.nodeid)
            if ("transactional", True) in report.user_properties:
                transactional.add(report.nodeid)
                transactional_seconds += report.duration
    if not seconds:
        return
    write = terminalreporter.write_line
    terminalreporter.section("time per folder (setup + call + teardown, all workers)")
    for folder, total in sorted(seconds.items(), key=lambda pair: -pair[1]):
        write(f"{total:8.1f} s  {len(tests[folder]):4d} tests  {folder}")
    write(
        f"{sum(seconds.values()):8.1f} s  {sum(map(len, tests.values())):4d} tests  in all; "
        f"{transactional_seconds:.1f} s in the {len(transactional)} transactional tests"
    )
