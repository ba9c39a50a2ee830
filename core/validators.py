"""Bounds shared by the models whose values later feed a calendar, a timer, an e-mail or an
import (issue 19): a bad value is refused when it is typed, with a message, not when it is
used (a line break in a cycle title broke the public calendar feed for everyone)."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# The largest seat count of a cycle or a seminar session: far above any real room, far below
# the 32-bit integers the engines and the calendar feeds store.
MAX_CAPACITY = 100_000
# The longest inactivity delay before a nudge: a year (timedelta takes at most 999,999,999
# days; 99,999,999,999 made every run of the due work fail).
MAX_REMINDER_DAYS = 365
# Line and paragraph separators that str.splitlines() (and calendar clients) break on.
_LINE_BREAKS = {"\u0085", "\u2028", "\u2029"}


@deconstructible
class OneLineValidator:
    """No line break, NUL or other control character: the value is written into calendar
    lines, e-mail headers and spreadsheet cells, where such a character starts a new field."""

    message = _("Use one line: line breaks and control characters are not allowed.")
    code = "one_line"

    def __call__(self, value: str) -> None:
        if not isinstance(value, str):
            return
        if any(ch in _LINE_BREAKS or unicodedata.category(ch) == "Cc" for ch in value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OneLineValidator)


one_line = OneLineValidator()
capacity_bound = MaxValueValidator(MAX_CAPACITY)
reminder_days_bound = MaxValueValidator(MAX_REMINDER_DAYS)


def ascii_int(value: str | None, *, digits: int = 18) -> int | None:
    """A query parameter as an id, or None: ASCII digits only, and few (str.isdigit() also
    accepts "²" and "١", which int() then refuses or reads as another number)."""
    if value and value.isascii() and value.isdigit() and len(value) <= digits:
        return int(value)
    return None
