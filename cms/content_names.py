"""Content names in the reader's language: the one selector every page, e-mail, calendar
feed, certificate and module PDF asks (decision 0016).

A name is a page's title (programme, module, lesson: its live translation, decision 0005)
or a field of a row listed in `cms.models.TRANSLATABLE_NAMES` (a cycle's title, a seminar
session's title and venue: a `ContentTranslation` row). Wherever no translation is
published, the English name is shown. `prime` reads the names of a whole list at once (one
query for its pages, one for its rows), so that a list page costs the same whatever its
length; `name` then reads from what was primed, or primes the one object it is given.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q
from django.utils import translation
from wagtail.models import Page

_PRIMED = "_content_names"


def language_code(code: str | None = None) -> str:
    """`code` (default: the active language) as one of `settings.LANGUAGES`' codes: exact,
    else by its base ("fr-ca" → "fr"), else the default language."""
    code = (code or translation.get_language() or settings.LANGUAGE_CODE).lower()
    codes = [known for known, _name in settings.LANGUAGES]
    if code in codes:
        return code
    base = code.split("-")[0]
    return next((known for known in codes if known.split("-")[0] == base), settings.LANGUAGE_CODE)


def _is_default(code: str) -> bool:
    return code == settings.LANGUAGE_CODE


def prime(objects: Iterable[Model | None], language: str | None = None) -> None:
    """Read, for each object, its translated names in `language`: at most one query for
    the pages and one for the other rows, whatever their number."""
    code = language_code(language)
    objects = [obj for obj in objects if obj is not None]
    todo = [obj for obj in objects if code not in obj.__dict__.get(_PRIMED, {})]
    for obj in todo:
        obj.__dict__.setdefault(_PRIMED, {})[code] = {}
    if not todo or _is_default(code):
        return
    pages = [obj for obj in todo if isinstance(obj, Page)]
    if pages:
        by_key = defaultdict(list)
        for page in pages:
            by_key[page.translation_key].append(page)
        rows = (
            Page.objects.live()
            .filter(translation_key__in=list(by_key), locale__language_code=code)
            .values_list("translation_key", "title")
        )
        for key, title in rows:
            for page in by_key[key]:
                page.__dict__[_PRIMED][code]["title"] = title
    others = [obj for obj in todo if not isinstance(obj, Page)]
    if others:
        from .models import ContentTranslation

        kinds = ContentType.objects.get_for_models(*{type(obj) for obj in others})
        by_id: dict[tuple[int, int], list[Model]] = defaultdict(list)
        for obj in others:
            by_id[(kinds[type(obj)].pk, obj.pk)].append(obj)
        wanted = Q()
        for kind in {kinds[type(obj)] for obj in others}:
            wanted |= Q(
                content_type=kind,
                object_id__in=[obj.pk for obj in others if kinds[type(obj)] == kind],
            )
        rows = ContentTranslation.objects.filter(wanted, language=code).values_list(
            "content_type_id", "object_id", "field", "text"
        )
        for kind_id, object_id, field, text in rows:
            for obj in by_id[(kind_id, object_id)]:
                obj.__dict__[_PRIMED][code][field] = text


def name(
    obj: Model | None,
    field: str = "title",
    language: str | None = None,
    *,
    written: str | None = None,
) -> str:
    """`obj`'s `field` in `language` (default: the active language) where a translation is
    published, else as written (English; `written` for a name that is not an attribute,
    such as an evaluation question)."""
    if obj is None:
        return ""
    code = language_code(language)
    if written is None:
        written = getattr(obj, field, "") or ""
    if _is_default(code):
        return written
    if code not in obj.__dict__.get(_PRIMED, {}):
        prime([obj], code)
    return obj.__dict__[_PRIMED][code].get(field) or written


def is_translated(obj: Model | None, field: str = "title", language: str | None = None) -> bool:
    """Whether `name` gives a translation (else English: templates mark it `lang="en"`)."""
    code = language_code(language)
    if obj is None or _is_default(code):
        return True
    name(obj, field, code)
    return field in obj.__dict__[_PRIMED][code]


def programme_title(programme, language: str | None = None) -> str:
    return name(programme, "title", language)


def cycle_title(cycle, language: str | None = None) -> str:
    return name(cycle, "title", language)


def session_title(session, language: str | None = None) -> str:
    return name(session, "title", language)


def session_venue(session, language: str | None = None) -> str:
    return name(session, "venue", language)


def evaluation_question(form, block_id: str, english: str, language: str | None = None) -> str:
    return name(form, f"question:{block_id}", language, written=english)


def prime_cycles(cycles: Iterable, language: str | None = None) -> None:
    """The cycles' titles and their programmes' titles, in two queries: for list pages."""
    cycles = list(cycles)
    prime([*cycles, *(cycle.programme for cycle in cycles)], language)
