"""Fixtures for the browser tests: Playwright driving Debian's chromium (never a downloaded
browser). Without it the tests skip with a reason; with LMS_REQUIRE_SERVICES=1 (CI) a
missing chromium fails the run instead."""

import os
from pathlib import Path

import pytest

from tests.browser import axe

# Debian's `chromium-headless-shell` (`scripts/system-deps.sh test`) is the build Playwright
# itself runs for headless tests: the same Blink and V8 without the desktop browser's layers,
# 40% less of chromium's CPU over tests/browser (docs/testing.md). The full browser serves
# when only it is installed; TEST_CHROMIUM names another.
CHROMIUM_CANDIDATES = [Path("/usr/bin/chromium-headless-shell"), Path("/usr/bin/chromium")]


def chromium_path() -> Path | None:
    if os.environ.get("TEST_CHROMIUM"):
        return Path(os.environ["TEST_CHROMIUM"])
    return next((path for path in CHROMIUM_CANDIDATES if path.exists()), None)


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    """A headless chromium for the tests of one module.

    Module-scoped, not session-scoped: while Playwright's sync API is started, the main
    thread has a running asyncio event loop, and stopping it after this module keeps the
    loop (and the switch below) away from the rest of the suite.
    """
    chromium_binary = chromium_path()
    if chromium_binary is None or not chromium_binary.exists():
        reason = (
            f"{chromium_binary or CHROMIUM_CANDIDATES[0]} is missing "
            "(apt-get install chromium-headless-shell); browser tests need it"
        )
        if os.environ.get("LMS_REQUIRE_SERVICES") == "1":
            pytest.fail(f"{reason} (LMS_REQUIRE_SERVICES=1: CI must run this test)")
        pytest.skip(reason)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio event loop marked as running in this thread
    # for as long as it is started. Two things in Django change while a loop is running:
    with pytest.MonkeyPatch.context() as patch:
        # 1. Django takes the test's own ORM calls (factories, assertions) for calls from
        #    async code and raises SynchronousOnlyOperation. They are plain blocking calls
        #    made between browser steps, never from a coroutine: the check can be off.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        # 2. asgiref's Local, which holds Django's connections, switches to a context-local
        #    store, so the test would get fresh connection wrappers without the contents
        #    pytest-django serialized when it created the test database: serialized_rollback
        #    would silently restore nothing, and its flush would let post_migrate recreate
        #    content types that the next serialized test then fails to reload. Hand the
        #    loop's context the thread's own wrappers, so that there is one of each.
        wrappers = {alias: connections[alias] for alias in connections}
        with sync_playwright() as playwright:
            for alias, wrapper in wrappers.items():
                connections[alias] = wrapper
            chromium = playwright.chromium.launch(
                executable_path=str(chromium_binary), headless=True, args=CHROMIUM_ARGS
            )
            try:
                yield chromium
            finally:
                chromium.close()


@pytest.fixture
def new_page(browser):
    """`new_page(java_script_enabled=...)`: a page in a fresh browser context, so that each
    person in a test has their own cookies (their own session). Closed after the test."""
    contexts = []

    def make(*, java_script_enabled: bool = True):
        context = browser.new_context(
            java_script_enabled=java_script_enabled,
            locale="en-US",
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def _axe_pages(browser):
    pages = axe.AxePages(browser)
    yield pages
    pages.close()


@pytest.fixture
def axe_page(_axe_pages):
    """`axe_page(locale, viewport)`: a blank, signed-out page that loads axe-core, kept for
    the module's next test in the same locale (`axe.AxePages`)."""
    yield _axe_pages.open
    _axe_pages.release()
