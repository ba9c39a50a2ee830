#!/usr/bin/env bash
# The demo without a broker: the development server, plus what Celery beat does in
# production (expire offers, pin curricula, close cycles, send reminders) every
# DUE_WORK_EVERY_SECONDS in a background loop that stops with the server.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"

# The first pass waits for the server's banner: its e-mails (printed to the console) follow it.
$PY manage.py run_due_work --every "${DUE_WORK_EVERY_SECONDS:-60}" --delay 5 &
DUE_WORK=$!
# Stop the loop (only the process started here) when the server stops or Ctrl-C is pressed.
trap 'kill "$DUE_WORK" 2>/dev/null || true' EXIT INT TERM
$PY manage.py runserver "$HOST:$PORT"
