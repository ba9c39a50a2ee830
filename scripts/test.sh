#!/usr/bin/env bash
# The test command (`make test`). With PostgreSQL reachable: the whole suite on PostgreSQL,
# then the tests whose behaviour depends on the engine (marker `engine`, tests/suite_plan.py)
# on SQLite, the embedded default. Without PostgreSQL: the whole suite on SQLite.
# Each pass runs on every core (pytest-xdist) and prints its 20 slowest tests.
# CI sets LMS_REQUIRE_SERVICES=1, which turns a missing PostgreSQL, Redis or Chromium into
# a failure instead of a skip. Arguments go to pytest (e.g. `scripts/test.sh -k apply`).
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
# Each run starts dozens of Python processes (xdist workers, Celery workers, manage.py and the
# deploy checks). uv installs no bytecode, so with PYTHONDONTWRITEBYTECODE set every one of
# them compiled Django, Wagtail and Celery from source again: 2.9 s of CPU per start instead
# of 1.0 s (docs/testing.md). The first process to import a module writes its .pyc (both
# .venv and the project ignore __pycache__); the others read it.
unset PYTHONDONTWRITEBYTECODE
PG_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/patit}"
WORKERS="${TEST_WORKERS:-auto}"

run_pytest() {
  "$PY" -m pytest -n "$WORKERS" --durations=20 --durations-min=1 "$@"
  local rc=$?
  # pytest exits 5 when it collected no test: that is a failure here, never a pass.
  [ $rc -eq 5 ] && echo "pytest collected no tests" >&2
  return $rc
}

if "$PY" - "$PG_URL" <<'PYEOF' 2>/dev/null
import sys, psycopg
url = sys.argv[1].rsplit("/", 1)[0] + "/postgres"
psycopg.connect(url, connect_timeout=2).close()
PYEOF
then
  echo "== The whole suite on PostgreSQL =="
  (export DATABASE_URL="$PG_URL" LMS_DB_PASS=postgresql; run_pytest "$@") || exit $?
  echo "== The engine-dependent tests on SQLite =="
  (unset DATABASE_URL; run_pytest -m engine "$@") || exit $?
elif [ "${LMS_REQUIRE_SERVICES:-0}" = "1" ]; then
  echo "PostgreSQL is not reachable at $PG_URL and LMS_REQUIRE_SERVICES=1" >&2
  exit 1
else
  echo "== PostgreSQL is not reachable at $PG_URL: the whole suite on SQLite =="
  echo "   (set TEST_POSTGRES_URL to run it on PostgreSQL)"
  (unset DATABASE_URL; run_pytest "$@") || exit $?
fi
