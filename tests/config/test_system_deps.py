"""`scripts/system-deps.sh` installs exactly the Debian packages a machine lacks.

The script is run for real with stand-ins for `dpkg-query`, `apt-get` and `id` first on
PATH, so nothing is installed: the stand-in `apt-get` writes down what it was asked for.
`dpkg-query` exits 1 when it does not know a package, which is the normal case on a fresh
machine; that once made the script install nothing at all."""

import os
import stat
import subprocess
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
SCRIPT = PROJECT_DIR / "scripts" / "system-deps.sh"

RUNTIME = [
    "libpango-1.0-0",
    "libpangoft2-1.0-0",
    "libharfbuzz-subset0",
    "fonts-noto-core",
    "fonts-dejavu-core",
    "gettext",
    "fonts-noto-cjk",
]


def _tool(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def _run(tmp_path: Path, installed: list[str], *args: str) -> tuple[int, list[str], str]:
    """Run the script as root on a machine holding `installed`; return its exit code, the
    packages `apt-get install` was given and its stderr."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    record = tmp_path / "apt-get.log"
    known = " ".join(installed)
    # Like dpkg-query -W: a line per known package, exit 1 if any asked for is unknown.
    _tool(
        bin_dir,
        "dpkg-query",
        f'rc=0; for p in "$@"; do case "$p" in -*) continue;; esac\n'
        f'  case " {known} " in *" $p "*) echo "$p install ok installed";; '
        f'*) echo "dpkg-query: no packages found matching $p" >&2; rc=1;; esac\n'
        "done; exit $rc\n",
    )
    _tool(bin_dir, "apt-get", f'echo "$@" >> {record}\n')
    _tool(bin_dir, "id", "echo 0\n")
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    env.pop("LMS_REQUIRE_SERVICES", None)
    done = subprocess.run(  # noqa: S603 - the project's own script
        ["/bin/bash", str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=30
    )
    installs = [
        line.split()
        for line in (record.read_text().splitlines() if record.exists() else [])
        if line.startswith("install")
    ]
    asked = [word for words in installs for word in words if not word.startswith("-")]
    return done.returncode, [p for p in asked if p != "install"], done.stderr


def test_a_fresh_machine_gets_every_missing_package(tmp_path):
    code, asked, stderr = _run(tmp_path, ["gettext", "redis-server"], "test")
    assert code == 0, stderr
    expected = [p for p in RUNTIME if p != "gettext"] + [
        "chromium-headless-shell",
        "poppler-utils",
        "default-jre-headless",
    ]
    assert asked == expected


def test_a_machine_with_everything_installs_nothing(tmp_path):
    everything = [
        *RUNTIME,
        "chromium-headless-shell",
        "poppler-utils",
        "default-jre-headless",
        "redis-server",
    ]
    code, asked, stderr = _run(tmp_path, everything, "test")
    assert (code, asked) == (0, []), stderr


def test_without_test_the_browser_and_validators_are_not_installed(tmp_path):
    code, asked, stderr = _run(tmp_path, [], "")
    assert code == 0, stderr
    assert asked == RUNTIME
