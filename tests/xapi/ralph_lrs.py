"""A real Ralph learning record store for the tests: its own virtualenv in the machine's
cache (made by scripts/ralph-lrs.sh: ralph-malph pins versions the project's environment
must not follow), the file-system backend in a temporary folder, HTTP basic credentials made with
`ralph auth`, served by uvicorn on a free loopback port. `stop()` and `start()` make an
outage; the statements stay on disk in between."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
USERNAME, PASSWORD = "patit-lms", "lrs-test-password"  # noqa: S105 - a throwaway test LRS


def ralph_command() -> Path | None:
    """The `ralph` command of the test virtualenv, installed on first use; None if that
    cannot be done here (no network to PyPI)."""
    done = subprocess.run(  # noqa: S603
        [str(ROOT / "scripts" / "ralph-lrs.sh")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        return None
    return Path(done.stdout.strip().splitlines()[-1])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class RalphLRS:
    ralph: Path
    folder: Path
    port: int = field(default_factory=_free_port)
    process: subprocess.Popen | None = None

    @property
    def python(self) -> Path:
        return self.ralph.parent / "python"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI"

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def _env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith("RALPH_")}
        env.update(
            RALPH_APP_DIR=str(self.folder / "app"),
            RALPH_AUTH_FILE=str(self.folder / "auth.json"),
            RALPH_RUNSERVER_BACKEND="fs",
            RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=str(self.data),
        )
        return env

    def create_credentials(self) -> None:
        subprocess.run(  # noqa: S603
            [str(self.ralph), "auth", "-u", USERNAME, "-p", PASSWORD, "-s", "all"]
            + ["-A", "patit-lms", "http://testserver", "-w"],
            env=self._env(),
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        # ralph_serve.py: what `ralph runserver --backend fs` serves, without its reloader
        # and with the file backend appending (see there why).
        self.log = open(self.folder / "ralph.log", "a")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # noqa: S603
            [str(self.python), str(Path(__file__).with_name("ralph_serve.py")), str(self.port)],
            env=self._env(),
            cwd=self.folder,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(  # noqa: S310
                    f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=1
                ):
                    return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.2)
        self.stop()
        raise RuntimeError((self.folder / "ralph.log").read_text()[-3000:])

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        self.process = None
        if getattr(self, "log", None):
            self.log.close()

    def stored(self) -> list[dict]:
        """Every statement the LRS wrote, read from its backend's files (duplicates too)."""
        statements = []
        for path in sorted(self.data.glob("*")):
            for line in path.read_text().splitlines():
                if line.strip():
                    statements.append(json.loads(line))
        return statements

    def query(self) -> list[dict]:
        """The statements as the LRS's own API returns them (GET /statements)."""
        import base64

        credentials = base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
        request = urllib.request.Request(  # noqa: S310
            f"{self.url}/statements?limit=500",
            headers={"Authorization": f"Basic {credentials}", "X-Experience-API-Version": "1.0.3"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return json.load(response)["statements"]

    def validation_errors(self, statements: list[dict]) -> list[dict]:
        """What Ralph's own xAPI model (BaseXapiStatement) finds wrong in the statements."""
        done = subprocess.run(  # noqa: S603
            [str(self.python), str(Path(__file__).with_name("ralph_validate.py"))],
            input=json.dumps(statements),
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(done.stdout)


@pytest.fixture(scope="session")
def ralph_command_path():
    path = ralph_command()
    if path is None:
        if os.environ.get("LMS_REQUIRE_SERVICES") == "1":
            pytest.fail("Ralph (ralph-malph) could not be installed: scripts/ralph-lrs.sh")
        pytest.skip("Ralph (ralph-malph) could not be installed: run scripts/ralph-lrs.sh")
    return path


@pytest.fixture
def lrs(ralph_command_path, tmp_path, settings):
    """A running Ralph LRS, and the settings that send statements to it."""
    server = RalphLRS(ralph=ralph_command_path, folder=tmp_path / "ralph")
    server.folder.mkdir()
    server.create_credentials()
    server.start()
    settings.XAPI_LRS_URL = server.url
    settings.XAPI_LRS_USERNAME = USERNAME
    settings.XAPI_LRS_PASSWORD = PASSWORD
    try:
        yield server
    finally:
        server.stop()
