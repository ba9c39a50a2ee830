"""The one date formatter per language (issue 10): pages, e-mails, admin lists, error
messages and certificate PDFs all print a date through here, so that one date reads the
same everywhere in one language.

United Nations style: `3 March 2026`, `1er mars 2026`, `3 آذار/مارس 2026` (the Arabic month
names of UN documents, Levantine and Egyptian together), `3 de marzo de 2026`,
`3 марта 2026 года`, `2026年3月3日`; digits 0-9 in every language, the time on a 24-hour
clock in the site's time zone. Each language's months and patterns are data, in
`core/formats/<code>.json` (decision 0010). Templates use the `long_date` and
`long_datetime` filters (`{% load core_dates %}`), which call these with the active language.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone, translation

from . import languages


def _format(language: str | None) -> dict:
    """The date format of `language` (default: the active one) from `core/formats/<code>.json`;
    a code that is not one of the site's languages (a browser's "de") reads in the site's
    own. A site language without its file raises LanguageMissing (core/languages.py)."""
    code = languages.normalise(language or translation.get_language()) or settings.LANGUAGE_CODE
    return languages.data(languages.FORMATS_DIR, code, "date format")


def _local(value, tz):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value, tz)
    return value


def format_date(
    value: datetime.date | datetime.datetime, language: str | None = None, *, tz=None
) -> str:
    """The day in `language` (default: the active one); a datetime counts in `tz` (default:
    the current time zone)."""
    form = _format(language)
    value = _local(value, tz)
    day = form.get("first_day", "1") if value.day == 1 else str(value.day)
    return form["date"].format(day=day, month=form["months"][value.month - 1], year=value.year)


def format_datetime(value: datetime.datetime, language: str | None = None, *, tz=None) -> str:
    """The day and the time of day (24-hour clock) in `tz` (default: the current time zone),
    in `language`."""
    form = _format(language)
    local = _local(value, tz)
    day = format_date(local, language, tz=getattr(local, "tzinfo", None))
    return form["datetime"].format(date=day, time=f"{local:%H:%M}")
