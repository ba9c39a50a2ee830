"""Deploy safety (issue 9): every entry point picks its settings by one explicit rule, the
production settings refuse to start without what a deployment needs, and the demo never runs
against production."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from accounts.models import User

PROJECT_DIR = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "a-long-random-production-key-for-this-test-only-0123456789abcdef",
    "ALLOWED_HOSTS": "patit.example.org",
    "PUBLIC_BASE_URL": "https://patit.example.org",
    "CACHE_URL": "rediscache://127.0.0.1:6379/11",
    "DATABASE_URL": "sqlite:////tmp/patit-deploy-safety-unused.sqlite3",
    # The signing key rule is checked in tests/certificates/test_signing.py.
    "CERTIFICATE_SIGNING": "off",
}


def _environment(**env_changes: str | None) -> dict[str, str]:
    """This process's environment cleaned of what the tests set, plus the given changes."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION_ENV and not key.startswith(("CELERY_", "EMAIL_"))
    }
    env.update({key: value for key, value in env_changes.items() if value is not None})
    return env


def _run(code: str, *, argv: tuple = (), **env_changes: str | None):
    """Run Python in a fresh process with a clean environment plus the given changes."""
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code, *argv],
        cwd=PROJECT_DIR,
        env=_environment(**env_changes),
        capture_output=True,
        text=True,
        timeout=60,
    )


# --- One settings rule for every entry point --------------------------------------------------

SERVING_ENTRY_POINTS = {
    "celery": "import config.celery",
    "wsgi": "import config.wsgi",
}


@pytest.mark.parametrize("entry_point", sorted(SERVING_ENTRY_POINTS))
def test_every_serving_entry_point_refuses_to_guess_its_settings(entry_point):
    result = _run(SERVING_ENTRY_POINTS[entry_point])
    assert result.returncode != 0
    assert "DJANGO_SETTINGS_MODULE is not set" in result.stderr
    assert "config.settings.production" in result.stderr


def test_manage_py_is_the_developers_tool_and_defaults_to_the_dev_settings():
    # `manage.py makemigrations --check` and friends work in a plain shell; a deployment
    # names its settings for every process (the serving ones refuse otherwise).
    result = _run(
        "import runpy, sys; sys.argv = ['manage.py', 'diffsettings', '--output', "
        "'unified']; runpy.run_path('manage.py', run_name='__main__')",
    )
    assert result.returncode == 0, result.stderr
    assert "+ DEBUG = True" in result.stdout


def test_the_celery_worker_runs_with_the_settings_it_is_given():
    # The Procfile's worker used to fall back on the dev settings (DEBUG on).
    result = _run(
        "import config.celery; from django.conf import settings; "
        "print(settings.SETTINGS_MODULE, settings.DEBUG, settings.SESSION_COOKIE_SECURE)",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["config.settings.production", "False", "True"]


def test_wsgi_and_manage_py_use_the_same_rule():
    result = _run(
        "import config.wsgi; from django.conf import settings; print(settings.SETTINGS_MODULE)",
        DJANGO_SETTINGS_MODULE="config.settings.dev",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "config.settings.dev"
    result = _run(
        "import runpy, sys; sys.argv = ['manage.py', 'diffsettings', '--settings', "
        "'config.settings.dev']; runpy.run_path('manage.py', run_name='__main__')",
    )
    assert result.returncode == 0, result.stderr


# --- Production refuses to start without what a deployment needs ------------------------------


# One production process for the three tests below (each start loads every app, seconds of
# CPU): `manage.py seed_demo` as an operator would type it, then, in the same process, the
# settings that command started with.
_PRODUCTION_PROCESS = """
import json, runpy, sys
sys.argv = ["manage.py", "seed_demo"]
try:
    runpy.run_path("manage.py", run_name="__main__")
    print("exit None")
except SystemExit as exit:
    print("exit", exit.code)
from django.conf import settings
print(json.dumps({
    "module": settings.SETTINGS_MODULE,
    "urls": [settings.PUBLIC_BASE_URL, settings.WAGTAILADMIN_BASE_URL],
    "apps": list(settings.INSTALLED_APPS),
}))
"""


@pytest.fixture(scope="module")
def production() -> subprocess.CompletedProcess:
    return _run(_PRODUCTION_PROCESS, **PRODUCTION_ENV)


def _started(process: subprocess.CompletedProcess) -> dict:
    assert process.returncode == 0, process.stderr
    return json.loads(process.stdout.splitlines()[-1])


def test_production_settings_start_with_everything_set(production):
    started = _started(production)
    assert started["module"] == "config.settings.production"
    assert started["urls"] == ["https://patit.example.org"] * 2


REFUSALS = {
    "no-secret": ({"SECRET_KEY": None}, "SECRET_KEY"),
    "dev-secret": ({"SECRET_KEY": "insecure-dev-key-change-me"}, "SECRET_KEY"),
    "no-hosts": ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS"),
    "no-base-url": ({"PUBLIC_BASE_URL": None}, "PUBLIC_BASE_URL"),
    "bad-base-url": ({"PUBLIC_BASE_URL": "patit.example.org"}, "PUBLIC_BASE_URL"),
    "no-cache": ({"CACHE_URL": None}, "CACHE_URL"),
    "locmem-cache": ({"CACHE_URL": "locmemcache://"}, "CACHE_URL"),
    "dummy-cache": ({"CACHE_URL": "dummycache://"}, "CACHE_URL"),
}

# Loads the production settings once per case, each time from a fresh import under that
# case's environment, in one process (a process per case cost a second of CPU each); prints
# what each raised, or "started".
_LOAD_EACH = """
import importlib, json, os, sys
cases, results = json.loads(sys.argv[1]), {}
for name, env in cases.items():
    os.environ.clear()
    os.environ.update(env)
    for module in [m for m in sys.modules if m.startswith("config.settings")]:
        del sys.modules[module]
    try:
        importlib.import_module(os.environ["DJANGO_SETTINGS_MODULE"])
        results[name] = "started"
    except Exception as error:
        results[name] = f"{type(error).__name__}: {error}"
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def refusals() -> dict[str, str]:
    """What loading the production settings raised, for each case of REFUSALS."""
    # The same loading with nothing missing starts: the refusals are the cases' own.
    cases = {"everything-set": _environment(**PRODUCTION_ENV)}
    for name, (changes, _message) in REFUSALS.items():
        cases[name] = _environment(**{**PRODUCTION_ENV, **changes})
    result = _run(_LOAD_EACH, argv=(json.dumps(cases),))
    assert result.returncode == 0, result.stderr
    raised = json.loads(result.stdout)
    assert raised.pop("everything-set") == "started"
    return raised


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_production_settings_refuse_to_start_without(case, refusals):
    message = REFUSALS[case][1]
    raised = refusals[case]
    assert raised.startswith("ImproperlyConfigured: ")
    assert message in raised
    assert "refuse to start" in raised


# --- The demo never runs against production; its links follow HOST/PORT ----------------------


@pytest.mark.django_db
def test_seed_demo_refuses_production_settings_and_writes_nothing():
    before = User.objects.count()
    with override_settings(LMS_ENVIRONMENT="production"):
        with pytest.raises(CommandError, match="production"):
            call_command("seed_demo", stdout=io.StringIO())
    assert User.objects.count() == before == 0


def test_production_has_no_demo_app_and_no_seed_demo_command(production):
    # The demo app is installed by the development and test settings only (decision 0019);
    # the refusal above stays for a deployment that would install it anyway.
    assert production.stdout.splitlines()[0] != "exit None"
    assert production.stdout.splitlines()[0] != "exit 0"
    assert "Unknown command: 'seed_demo'" in production.stderr
    apps = _started(production)["apps"]
    assert "demo" not in apps
    assert {"core", "accounts"} <= set(apps)


def test_make_run_passes_host_and_port_into_the_public_base_url():
    result = subprocess.run(
        ["make", "-n", "run", "HOST=10.1.2.3", "PORT=8123"],  # noqa: S607 - make, as a person
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = [
        line for line in result.stdout.splitlines() if "manage.py" in line or "run-demo.sh" in line
    ]
    seed = next(line for line in lines if "seed_demo" in line)
    # The server and the due-work loop start from scripts/run-demo.sh, with this environment.
    serve = next(line for line in lines if "run-demo.sh" in line)
    for line in (seed, serve):
        assert "PUBLIC_BASE_URL=http://10.1.2.3:8123" in line
        assert "DJANGO_SETTINGS_MODULE=config.settings.dev" in line
    assert "HOST=10.1.2.3" in serve and "PORT=8123" in serve
    script = (PROJECT_DIR / "scripts" / "run-demo.sh").read_text()
    assert 'runserver "$HOST:$PORT"' in script and "run_due_work --every" in script
