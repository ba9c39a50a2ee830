"""The one date formatter per language (issue 10): pages, e-mails, admin lists, error
messages and certificate PDFs all print a date through here, so that one date reads the
same everywhere in one language.

United Nations style: `3 March 2026`, `1er mars 2026`, `3 آذار/مارس 2026` (the Arabic month
names of UN documents, Levantine and Egyptian together), digits 0-9 in every language, the
time on a 24-hour clock in the site's time zone. Templates use the `long_date` and
`long_datetime` filters (`{% load lms_dates %}`), which call these with the active language.
"""

from __future__ import annotations

import datetime

from django.utils import timezone, translation

MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "ar": (
        "كانون الثاني/يناير",
        "شباط/فبراير",
        "آذار/مارس",
        "نيسان/أبريل",
        "أيار/مايو",
        "حزيران/يونيه",
        "تموز/يوليه",
        "آب/أغسطس",
        "أيلول/سبتمبر",
        "تشرين الأول/أكتوبر",
        "تشرين الثاني/نوفمبر",
        "كانون الأول/ديسمبر",
    ),
}

# Between the date and the time of day.
TIME_JOINER = {"en": ", ", "fr": " à ", "ar": "، "}


def _language(language: str | None) -> str:
    code = (language or translation.get_language() or "en").split("-")[0].lower()
    return code if code in MONTHS else "en"


def _local(value, tz):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value, tz)
    return value


def format_date(
    value: datetime.date | datetime.datetime, language: str | None = None, *, tz=None
) -> str:
    """The day in `language` (default: the active one); a datetime counts in `tz` (default:
    the current time zone)."""
    language = _language(language)
    value = _local(value, tz)
    day = "1er" if language == "fr" and value.day == 1 else str(value.day)
    return f"{day} {MONTHS[language][value.month - 1]} {value.year}"


def format_datetime(value: datetime.datetime, language: str | None = None, *, tz=None) -> str:
    """The day and the time of day (24-hour clock) in `tz` (default: the current time zone),
    in `language`."""
    language = _language(language)
    local = _local(value, tz)
    day = format_date(local, language, tz=getattr(local, "tzinfo", None))
    return f"{day}{TIME_JOINER[language]}{local:%H:%M}"
