"""Sentences that services store in the database and people read later (the reasons in
audit trails, a revoked certificate's reason). They are stored in English, the source
language, and translated when shown, so that each reader sees them in their own language
whoever caused them and in whatever language that person was using.

A sentence with placeholders is stored filled in (`english`); `shown` finds the sentence
it was made from, translates that and fills in the same values again. Text typed by a
person (an administrator's reason) matches no sentence and is shown as typed."""

import re
from functools import cache

from django.utils.translation import gettext, gettext_noop

SENTENCES = (
    gettext_noop("Nominated by %(by)s for the mission."),
    gettext_noop("Seat freed by a withdrawal."),
    gettext_noop("Seat declined by another learner."),
    gettext_noop("Not confirmed before the deadline."),
    gettext_noop("Seat passed on after an offer expired."),
    gettext_noop("Capacity set to %(capacity)s%(by)s."),
    gettext_noop("Replaced: %(reason)s"),
    gettext_noop("Retention: inactive for more than %(days)s days"),
)
NUMBERS = {"capacity", "days"}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def english(sentence: str, **values) -> str:
    """The text to store: `sentence` (one of SENTENCES) in English, filled in."""
    if sentence not in SENTENCES:
        raise ValueError(f"{sentence!r} is not in core.stored_text.SENTENCES")
    return sentence % values if values else sentence


@cache
def _patterns() -> list[tuple[str, re.Pattern]]:
    patterns = []
    for sentence in SENTENCES:
        parts, end = [], 0
        for match in PLACEHOLDER.finditer(sentence):
            parts.append(re.escape(sentence[end : match.start()]))
            name = match.group(1)
            parts.append(rf"(?P<{name}>\d+)" if name in NUMBERS else rf"(?P<{name}>.*?)")
            end = match.end()
        parts.append(re.escape(sentence[end:]))
        patterns.append((sentence, re.compile("".join(parts), re.DOTALL)))
    return patterns


def shown(text: str) -> str:
    """Stored `text` in the active language (as stored when it is no known sentence)."""
    if not text:
        return text
    for sentence, pattern in _patterns():
        match = pattern.fullmatch(text)
        if match:
            values = match.groupdict()
            return gettext(sentence) % values if values else gettext(sentence)
    return text
