"""Deploy safety (issue 9): every entry point picks its settings by one explicit rule, the
production settings refuse to start without what a deployment needs, and the demo never runs
against production."""

import io
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


def _run(code: str, **env_changes: str | None) -> subprocess.CompletedProcess:
    """Run Python in a fresh process with a clean environment plus the given changes."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION_ENV and not key.startswith(("CELERY_", "EMAIL_"))
    }
    env.update({key: value for key, value in env_changes.items() if value is not None})
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        cwd=PROJECT_DIR,
        env=env,
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


def test_production_settings_start_with_everything_set():
    result = _run(
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.PUBLIC_BASE_URL, settings.WAGTAILADMIN_BASE_URL)",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["https://patit.example.org"] * 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY"),
        ({"SECRET_KEY": "insecure-dev-key-change-me"}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS"),
        ({"PUBLIC_BASE_URL": None}, "PUBLIC_BASE_URL"),
        ({"PUBLIC_BASE_URL": "patit.example.org"}, "PUBLIC_BASE_URL"),
        ({"CACHE_URL": None}, "CACHE_URL"),
        ({"CACHE_URL": "locmemcache://"}, "CACHE_URL"),
        ({"CACHE_URL": "dummycache://"}, "CACHE_URL"),
    ],
    ids=[
        "no-secret",
        "dev-secret",
        "no-hosts",
        "no-base-url",
        "bad-base-url",
        "no-cache",
        "locmem-cache",
        "dummy-cache",
    ],
)
def test_production_settings_refuse_to_start_without(changes, message):
    env = {**PRODUCTION_ENV, **changes}
    result = _run("import django; django.setup()", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr.splitlines()[-1] or message in result.stderr
    assert "refuse to start" in result.stderr


# --- The demo never runs against production; its links follow HOST/PORT ----------------------


@pytest.mark.django_db
def test_seed_demo_refuses_production_settings_and_writes_nothing():
    before = User.objects.count()
    with override_settings(LMS_ENVIRONMENT="production"):
        with pytest.raises(CommandError, match="production"):
            call_command("seed_demo", stdout=io.StringIO())
    assert User.objects.count() == before == 0


def test_production_has_no_demo_app_and_no_seed_demo_command():
    # The demo app is installed by the development and test settings only (decision 0019);
    # the refusal above stays for a deployment that would install it anyway.
    result = _run(
        "import runpy, sys; sys.argv = ['manage.py', 'seed_demo']; "
        "runpy.run_path('manage.py', run_name='__main__')",
        **PRODUCTION_ENV,
    )
    assert result.returncode != 0
    assert "Unknown command: 'seed_demo'" in result.stderr
    installed = _run(
        "import django; django.setup(); from django.conf import settings; "
        "print(' '.join(settings.INSTALLED_APPS))",
        **PRODUCTION_ENV,
    )
    assert installed.returncode == 0, installed.stderr
    assert "demo" not in installed.stdout.split()
    assert {"core", "accounts"} <= set(installed.stdout.split())


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
