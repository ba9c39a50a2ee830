#!/usr/bin/env bash
# The test command (`make test`): the whole suite on SQLite, the embedded default, then again
# on PostgreSQL when it is reachable. CI sets LMS_REQUIRE_SERVICES=1, which turns a missing
# PostgreSQL, Redis or Chromium into a failure instead of a skip.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PG_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/patit}"

run_pytest() {
  "$PY" -m pytest "$@"
  local rc=$?
  # pytest exits 5 when it collected no test: that is a failure here, never a pass.
  [ $rc -eq 5 ] && echo "pytest collected no tests" >&2
  return $rc
}

echo "== Tests on SQLite =="
(unset DATABASE_URL; run_pytest "$@") || exit $?

if "$PY" - "$PG_URL" <<'PYEOF' 2>/dev/null
import sys, psycopg
url = sys.argv[1].rsplit("/", 1)[0] + "/postgres"
psycopg.connect(url, connect_timeout=2).close()
PYEOF
then
  echo "== Tests on PostgreSQL =="
  (export DATABASE_URL="$PG_URL" LMS_DB_PASS=postgresql; run_pytest "$@") || exit $?
elif [ "${LMS_REQUIRE_SERVICES:-0}" = "1" ]; then
  echo "PostgreSQL is not reachable at $PG_URL and LMS_REQUIRE_SERVICES=1" >&2
  exit 1
else
  echo "== PostgreSQL is not reachable at $PG_URL: its pass is skipped (set TEST_POSTGRES_URL) =="
fi
