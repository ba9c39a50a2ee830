"""The embedded default: SQLite, tasks in-process, e-mail to the console, DEBUG on."""

import os

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
# The demo (`seed_demo`, `seed_scale`): development and tests only, never production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
SERVE_PUBLIC_MEDIA = env.bool("SERVE_PUBLIC_MEDIA", default=True)
# Plain storage so that the dev server needs no collectstatic.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# whitenoise looks for STATIC_ROOT at start-up; the dev server and tests serve from the apps.
os.makedirs(STATIC_ROOT, exist_ok=True)  # noqa: F405

# The demo signs its certificates with a development key made on first use (var/signing/).
CERTIFICATE_SIGNING_CREATE_DEV_KEY = True
