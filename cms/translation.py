"""Which language version of a curriculum page a reader gets, and which page counts.

The curriculum lives in the default locale's tree (English): every URL routes there, cycles
pin its page ids, and progress is recorded against them. Instructors translate pages into
the other locales with Wagtail's simple translation (same `translation_key`). When a page
is served, the reader gets its live translation in their language (`request.LANGUAGE_CODE`)
and English where none is published; whichever version they read, the page that counts is
the canonical one (`canonical`), so a lesson and its translations are one requirement.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Page

from core import languages

_default_locale_id: int | None = None


def default_locale() -> Locale:
    global _default_locale_id
    locale = Locale.get_default()
    _default_locale_id = locale.pk
    return locale


def in_default_locale() -> dict:
    """`limit_choices_to` of links to curriculum pages: a cycle is of the English programme
    (its translations are read in its place, never run as programmes of their own)."""
    return {"locale__language_code": settings.LANGUAGE_CODE}


def is_default_language(language_code: str | None) -> bool:
    return (language_code or "").split("-")[0] == settings.LANGUAGE_CODE.split("-")[0]


def canonical(page: Page) -> Page:
    """The default-locale page with the same translation key: the page that counts for
    progress, gating and knowledge checks. A page without one (written straight into another
    locale's tree) is its own canonical page."""
    # A version served by `reading_version` knows its canonical page (and that page's
    # parents, read while routing). The default locale's id is remembered, so that English
    # pages (nearly every call) cost no query; any other id is checked against the database.
    known = getattr(page, "_canonical_page", None)
    if known is not None:
        return known
    if _default_locale_id is not None and page.locale_id == _default_locale_id:
        return page
    locale = default_locale()
    if page.locale_id == locale.pk:
        return page
    original = page.get_translation_or_none(locale)
    return original.specific if original is not None else page


def language_of(page: Page) -> str:
    """The language a page is written in (no query for the default locale's pages)."""
    if _default_locale_id is not None and page.locale_id == _default_locale_id:
        return settings.LANGUAGE_CODE
    return page.locale.language_code


def live_translation(page: Page, language_code: str | None = None) -> Page:
    """The live translation of `page` in `language_code` (default: the active language),
    else `page` itself: English is the fallback wherever no translation is published."""
    language_code = language_code or translation.get_language() or ""
    if is_default_language(language_code) and canonical(page).pk == page.pk:
        return page
    locale = Locale.objects.filter(language_code=languages.normalise(language_code) or "").first()
    if locale is None or locale.pk == page.locale_id:
        return page
    found = page.get_translations().live().filter(locale=locale).specific().first()
    return found or page


def live_translations(pages, language_code: str | None = None) -> list:
    """`live_translation` of each page, in one query: for outlines and navigation."""
    pages = list(pages)
    language_code = languages.normalise(language_code or translation.get_language()) or ""
    if not pages or is_default_language(language_code):
        return pages
    found = {
        page.translation_key: page
        for page in Page.objects.live()
        .filter(
            locale__language_code=language_code,
            translation_key__in=[page.translation_key for page in pages],
        )
        .specific()
    }
    shown = []
    for page in pages:
        version = found.get(page.translation_key)
        if version is None:
            # English in a French or Arabic page: templates mark it (WCAG "language of parts").
            page.fallback_lang = settings.LANGUAGE_CODE
        shown.append(version or page)
    return shown


def reading_version(page: Page, request) -> Page:
    """The version of `page` this request reads (cached on the request: the gate hook and
    the page's serve() must agree)."""
    cache = request.__dict__.setdefault("_reading_versions", {})
    if page.pk not in cache:
        language_code = getattr(request, "LANGUAGE_CODE", None)
        base = canonical(page)
        version = live_translation(base, language_code)
        if version is not base:
            version._canonical_page = base
        cache[page.pk] = version
    return cache[page.pk]


def translation_status(pages) -> dict[int, dict[str, str]]:
    """Page id → {language code: "live" | "draft"} for the translations that exist, in one
    query (the "Missing translations" report)."""
    pages = list(pages)
    status: dict[int, dict[str, str]] = {page.pk: {} for page in pages}
    by_key = {page.translation_key: page.pk for page in pages}
    rows = Page.objects.filter(translation_key__in=list(by_key)).values_list(
        "translation_key", "locale__language_code", "live"
    )
    for key, code, live in rows:
        status[by_key[key]][code] = "live" if live else "draft"
    return status


def titles_in(page_ids, language_code: str | None) -> dict[int, str]:
    """Page id → title of its live translation in `language_code`, for the pages that have
    one (two queries whatever the number): outlines built from page ids, as dashboards are."""
    page_ids = set(page_ids)
    if not page_ids or is_default_language(language_code):
        return {}
    keys = dict(Page.objects.filter(pk__in=page_ids).values_list("translation_key", "pk"))
    return {
        keys[key]: title
        for key, title in Page.objects.live()
        .filter(
            translation_key__in=list(keys),
            locale__language_code=languages.normalise(language_code) or "",
        )
        .values_list("translation_key", "title")
    }
