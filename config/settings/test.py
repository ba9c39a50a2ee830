"""Settings for pytest. DATABASE_URL picks PostgreSQL (CI); without it, SQLite."""

import os

from .base import *  # noqa: F403
from .base import env

DEBUG = False
# The demo's commands and data are tested too (tests/demo/); production has no demo app.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
SECRET_KEY = "test-only-secret-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A worker process started by a test cannot share locmem's outbox: such tests point it at
# the file-based backend and a directory of their own.
EMAIL_BACKEND = env("TEST_EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = env("TEST_EMAIL_FILE_PATH", default="")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# pytest-xdist runs the suite in worker processes (gw0, gw1, ...): each gets its own media
# folder, as pytest-django gives each its own test database.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
MEDIA_ROOT = env(  # noqa: F405
    "MEDIA_ROOT",
    default=os.path.join(BASE_DIR, "var", f"test-media{'-' + _WORKER if _WORKER else ''}"),  # noqa: F405
)
# Tests run tasks in-process unless a test starts a real worker itself.
CELERY_BROKER_URL = env("TEST_CELERY_BROKER_URL", default="memory://")
CELERY_TASK_ALWAYS_EAGER = True
PUBLIC_BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
# No wait between knowledge-check attempts unless a test asks for one.
KNOWLEDGE_CHECK_COOLDOWN_SECONDS = 0
SERVE_PUBLIC_MEDIA = True  # as the demo does: tests check what is (not) public
ALLOWED_HOSTS = ["*"]

# SQLite tests use a file, not shared memory, so that the concurrency tests' threads lock
# the database the way separate processes would.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    os.makedirs(os.path.join(BASE_DIR, "var"), exist_ok=True)  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": env("SQLITE_TEST_PATH", default=os.path.join(BASE_DIR, "var", "test.sqlite3"))  # noqa: F405
    }

# whitenoise looks for STATIC_ROOT at start-up; the dev server and tests serve from the apps.
os.makedirs(STATIC_ROOT, exist_ok=True)  # noqa: F405

# Tests sign with the development key (var/signing/), made on first use.
CERTIFICATE_SIGNING_CREATE_DEV_KEY = True

# A seventh language for a run of the suite (docs/languages.md, "Trying a seventh language"):
# LMS_EXTRA_TEST_LANGUAGE=pt appends Portuguese, named as Django names it, to LANGUAGES (and
# the content languages). Only the completeness tests may fail then, naming what it lacks.
_EXTRA_LANGUAGE = env("LMS_EXTRA_TEST_LANGUAGE", default="")
if _EXTRA_LANGUAGE and _EXTRA_LANGUAGE not in dict(LANGUAGES):  # noqa: F405
    from django.conf.locale import LANG_INFO

    LANGUAGES = [*LANGUAGES, (_EXTRA_LANGUAGE, LANG_INFO[_EXTRA_LANGUAGE]["name"])]  # noqa: F405
    WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
