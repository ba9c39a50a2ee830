"""The one rule every entry point follows to pick its settings.

- Processes that serve (WSGI under gunicorn, the Celery worker and beat) never guess:
  DJANGO_SETTINGS_MODULE must be set, or they refuse to start. Before, the Celery app fell
  back on the dev settings while WSGI used production, so a worker started by the Procfile
  ran with DEBUG on and insecure cookies.
- `manage.py` is the developer's tool: without DJANGO_SETTINGS_MODULE (or `--settings`,
  which Django applies itself) it uses `config.settings.dev` (set in manage.py itself, before
  `config` is imported). A deployment sets
  `config.settings.production` for every process, its release command included, and the
  production settings refuse to start without what they need (config/settings/production.py).
"""

import os

from django.core.exceptions import ImproperlyConfigured

MESSAGE = (
    "DJANGO_SETTINGS_MODULE is not set. Every PATIT LMS server process needs it explicitly: "
    "config.settings.production for a deployment (web, Celery worker and beat), "
    "config.settings.dev for development (`make run` sets it)."
)


def require_settings() -> str:
    """For serving processes: the named settings module; ImproperlyConfigured if none."""
    module = os.environ.get("DJANGO_SETTINGS_MODULE", "").strip()
    if not module:
        raise ImproperlyConfigured(MESSAGE)
    return module
