"""axe-core in the browser tests: a context that loads it, and the violations it finds.

axe-core comes inside axe-playwright-python (axe.min.js): nothing is fetched."""

from axe_playwright_python.base import AXE_SCRIPT

TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}

# Only the violations are read: axe then skips gathering every passing node (results for
# passes and incomplete checks are most of its work and of the JSON sent back).
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
# axe.run as axe-playwright-python's Axe().run calls it; None where axe is not loaded.
RUN_AXE = "options => typeof window.axe?.run === 'function' ? axe.run(options) : null"


def axe_context(browser, **options):
    """A browser context whose every page loads axe-core before its own scripts. The 570 KB
    script is handed to chromium once, instead of sent with a page.evaluate before every
    analysis (what axe-playwright-python's Axe().run does)."""
    context = browser.new_context(**options)
    context.add_init_script(AXE_SCRIPT)
    return context


class AxePages:
    """Pages that load axe-core, one per locale, kept open from one test to the next.

    A new context costs chromium a renderer process and a fresh compile of axe-core's
    570 KB: about 1.2 s of CPU, where reusing one takes a few milliseconds. `release` makes
    a page as a new one would be for the next test: its extra pages closed, its cookies
    (the session) cleared, back to about:blank; the site keeps nothing in web storage. A
    page that cannot be reset is closed with its context, and the next test gets a new one.
    """

    def __init__(self, browser):
        self.browser = browser
        self.contexts: dict[str, object] = {}
        self.in_use: list[str] = []

    def open(self, locale: str, viewport: dict):
        context = self.contexts.get(locale)
        if context is None:
            context = self.contexts[locale] = axe_context(self.browser, locale=locale)
            context.new_page()
        context.set_default_timeout(10_000)
        page = context.pages[0]
        page.set_viewport_size(viewport)
        self.in_use.append(locale)
        return page

    def release(self) -> None:
        for locale in dict.fromkeys(self.in_use):  # a locale opened twice is reset once
            context = self.contexts[locale]
            try:
                for extra in context.pages[1:]:
                    extra.close()
                context.clear_cookies()
                context.pages[0].goto("about:blank")
            except Exception:  # noqa: BLE001 - whatever went wrong, it is not reused
                context.close()
                del self.contexts[locale]
        self.in_use = []

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()
        self.contexts = {}


def violations(page) -> list[str]:
    results = page.evaluate(RUN_AXE, AXE_OPTIONS)
    if results is None:  # a page of another context: load axe into it first
        page.evaluate(AXE_SCRIPT)
        results = page.evaluate(RUN_AXE, AXE_OPTIONS)
    return [summary(violation) for violation in results["violations"]]


def summary(violation: dict) -> str:
    targets = [node["target"] for node in violation["nodes"]]
    return f"{violation['id']} ({violation['impact']}): {targets[:5]}"
