#!/usr/bin/env bash
# A Ralph learning record store for the xAPI tests (tests/xapi/), in a virtualenv of its own
# under var/ (git-ignored): ralph-malph pins versions of pydantic, httpx and others that the
# project's own environment must not be made to follow. Safe to re-run; prints the path of
# the `ralph` command. RALPH_VERSION picks another release.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=var/ralph-venv
version="${RALPH_VERSION:-5.1.0}"
python="${PYTHON:-python3}"
mkdir -p var
exec 9>var/ralph-venv.lock
flock 9  # the test workers of pytest-xdist may all ask at once: one installs, the others wait
if ! "$venv/bin/python" -c "import ralph.cli, requests, uvicorn, sys; sys.exit(ralph.__version__ != '$version')" \
  >/dev/null 2>&1; then
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip >/dev/null
  "$venv/bin/python" -m pip install -q "ralph-malph[cli,lrs]==$version" requests >&2
fi
echo "$PWD/$venv/bin/ralph"
