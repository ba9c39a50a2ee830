"""Every test database starts as a deployed site does: with its home page, the default
site pointing at it and the home's alias in each other locale (`cms.builders.
ensure_home_page`, what `seed_demo` and the first programme of a site make).

Making them costs ~0.2 s of CPU and ~290 queries (six pages through Wagtail, five of them
aliases made by `copy_for_translation`), and about 450 tests made them, one per test
(the factories call `ensure_home_page` before every programme). Now `migrate` makes them,
after every app's own post-migrate work: once in the migrated template that each worker's
database is cloned from (tests/db_template.py; this file and cms/builders.py are part of
its key), and again, finding them there, on each clone before pytest-django serializes it
for `serialized_rollback`. A flush that emits post_migrate makes them again, as a real
`migrate` would. `ensure_home_page` itself is tested from an empty tree in
tests/cms/test_pages.py.

TEST_SITE_HOME=0 leaves the databases as `migrate` alone makes them.
"""

import os

from django.apps import apps
from django.db.models.signals import post_migrate

SOURCES = ("cms/builders.py", "tests/site_home.py")


def enabled() -> bool:
    return os.environ.get("TEST_SITE_HOME", "1") != "0"


def install() -> None:
    post_migrate.connect(_after_migrate, dispatch_uid="tests.site_home")


def _after_migrate(sender, **kwargs):
    # post_migrate is sent once per app, in INSTALLED_APPS order: wait for the last, when
    # every app's locales, content types and permissions exist.
    if sender is not list(apps.get_app_configs())[-1]:
        return
    from cms.builders import ensure_home_page

    ensure_home_page()
