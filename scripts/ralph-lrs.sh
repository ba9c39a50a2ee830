#!/usr/bin/env bash
# A Ralph learning record store for the xAPI tests (tests/xapi/), in a virtualenv of its own:
# ralph-malph pins versions of pydantic, httpx and others that the project's own environment
# must not be made to follow. The virtualenv is kept in the machine's cache (as pip's cache
# is: $PATIT_CACHE_DIR, else $XDG_CACHE_HOME/patit, else ~/.cache/patit), one per Ralph
# release and Python version, so a fresh clone or CI run does not install it again (~30 s).
# Safe to re-run; prints the path of the `ralph` command. RALPH_VERSION picks another release.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${RALPH_VERSION:-5.1.0}"
python="${PYTHON:-python3}"
cache="${PATIT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/patit}"
venv="$cache/ralph-venv-$version-py$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
mkdir -p "$cache"
exec 9>"$venv.lock"
flock 9  # the test workers of pytest-xdist may all ask at once: one installs, the others wait
if ! "$venv/bin/python" -c "import ralph.cli, requests, uvicorn, sys; sys.exit(ralph.__version__ != '$version')" \
  >/dev/null 2>&1; then
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip >/dev/null
  "$venv/bin/python" -m pip install -q "ralph-malph[cli,lrs]==$version" requests >&2
fi
echo "$venv/bin/ralph"
