"""Logging (`base.py` imports this module): to the console, levels from the environment."""

import environ

env = environ.Env()

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Wagtail logs every page save and background task at INFO; keep the console readable.
        "wagtail": {"level": env("WAGTAIL_LOG_LEVEL", default="WARNING")},
        "django_tasks": {"level": "WARNING"},
        # axes logs every successful login at INFO; failures and lockouts are WARNING.
        "axes": {"level": env("AXES_LOG_LEVEL", default="WARNING")},
    },
}
