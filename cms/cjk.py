"""Chinese (and Japanese, Korean) text in Wagtail's database search backend, which splits
words at spaces: a Chinese sentence has none, so it would be one "word" and no search of a
word inside it could match. Pages index their text once more with a space between CJK
characters (`spaced`), and `search_query` turns a query holding CJK characters into a
phrase of its characters: "加密" finds "...使用加密软件..." and not a text with 加 and 密 apart.
See docs/languages.md."""

from __future__ import annotations

import re

from wagtail.search.query import Phrase

_CJK = re.compile(r"([\u2e80-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0002fa1f])")


def spaced(text: str) -> str:
    """`text` with a space around every CJK character (other words are left as they are)."""
    return " ".join(_CJK.sub(r" \1 ", text).split())


def search_query(query: str) -> str | Phrase:
    """What to pass to `.search()`: the query itself, or a phrase of its spaced characters
    when it holds CJK characters."""
    if _CJK.search(query):
        return Phrase(spaced(query))
    return query
