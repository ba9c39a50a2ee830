"""The one rule every entry point (manage.py, the Celery app, WSGI) follows to pick settings.

DJANGO_SETTINGS_MODULE must be set explicitly; nothing falls back on a default. Defaults
differed per entry point before (the Celery app fell back on the dev settings, so a worker
started by the Procfile ran with DEBUG on and insecure cookies, while WSGI used production).
`make run` sets `lms.settings.dev`; a deployment sets `lms.settings.production` for every
process (web, worker, beat, release); pytest sets `lms.settings.test`.
"""

import os

from django.core.exceptions import ImproperlyConfigured

MESSAGE = (
    "DJANGO_SETTINGS_MODULE is not set. Every PATIT LMS process needs it explicitly: "
    "lms.settings.production for a deployment (web, Celery worker and beat, migrate), "
    "lms.settings.dev for the demo and development (`make run` sets it)."
)


def settings_from_argv(argv: list[str]) -> str | None:
    """The value of manage.py's `--settings` option, which Django honours before setup."""
    for i, arg in enumerate(argv):
        if arg.startswith("--settings="):
            return arg.split("=", 1)[1]
        if arg == "--settings" and i + 1 < len(argv):
            return argv[i + 1]
    return None


def configure(argv: list[str] | None = None) -> str:
    """Check that the settings module is named; return it. Raises ImproperlyConfigured."""
    module = settings_from_argv(argv or []) or os.environ.get("DJANGO_SETTINGS_MODULE", "")
    if not module.strip():
        raise ImproperlyConfigured(MESSAGE)
    os.environ["DJANGO_SETTINGS_MODULE"] = module.strip()
    return module.strip()
