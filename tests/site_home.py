"""Every test database starts as a deployed site does: with its home page, the default
site pointing at it and the home's alias in each other locale (`cms.builders.
ensure_home_page`, what `seed_demo` and the first programme of a site make).

Making them costs ~0.2 s of CPU and ~290 queries (six pages through Wagtail, five of them
aliases made by `copy_for_translation`), and ~490 tests made them, one per test (the
factories call `ensure_home_page` before every programme). Now `migrate` makes them, after
every app's own post-migrate work: once in the migrated template that each worker's
database is cloned from (tests/db_template.py; this file and cms/builders.py are part of
its key), and again, finding them there, on each clone before pytest-django serializes it
for `serialized_rollback`, whose restore brings them back after a transactional test. A
flush leaves no page tree, so after one the hook makes nothing: the next test restores the
serialized rows or makes its own. `ensure_home_page` itself is tested from an empty tree,
and the test databases' baseline on its own, in tests/cms/test_pages.py.

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


def last_app_sent_post_migrate():
    """post_migrate is sent once per app that has a models module, in INSTALLED_APPS order
    (`emit_post_migrate_signal`); the last installed app may have none (the tests' `demo`)
    and then never sends it."""
    return [config for config in apps.get_app_configs() if config.models_module][-1]


def _after_migrate(sender, **kwargs):
    # Wait for the last app, when every app's locales, content types and permissions exist.
    if sender is not last_app_sent_post_migrate():
        return
    from wagtail.models import Page

    from cms.builders import ensure_home_page

    # A flush that emits post_migrate (after a `transaction=True` test) leaves no tree to
    # put a home page in: the next test restores or makes its own, as after a real flush.
    if Page.get_first_root_node() is None:
        return
    ensure_home_page()
