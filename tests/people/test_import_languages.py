"""The import's `language` column in any of the site's languages: the code however spelt,
the language's name in each language of the site and in its own; anything else is refused
with the list of codes."""

import pytest
import tablib
from django.conf import settings

from people import importing

pytestmark = pytest.mark.django_db

HEADER = ["email", "first_name", "last_name", "member_state", "rank", "language"]


def checked(language: str):
    dataset = tablib.Dataset(headers=HEADER)
    dataset.append(["amina@missions.example.org", "Amina", "Diallo", "GHA", "Counsellor", language])
    return importing.check(dataset)


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("es", "es"),
        ("Spanish", "es"),
        ("español", "es"),
        ("Espanol", "es"),
        ("ru", "ru"),
        ("Русский", "ru"),
        ("Russian", "ru"),
        ("zh-hans", "zh-hans"),
        ("zh_Hans", "zh-hans"),
        ("ZH", "zh-hans"),
        ("简体中文", "zh-hans"),
        ("Chinese", "zh-hans"),
        ("francais", "fr"),
        ("العربيّة", "ar"),
        ("", "en"),
    ],
)
def test_a_language_is_accepted_by_code_or_name(written, code):
    participants, problems = checked(written)
    assert problems == []
    assert participants[0].language == code


def test_an_unknown_language_is_refused_with_the_codes():
    participants, problems = checked("Klingon")
    assert participants == []
    assert [p.message for p in problems] == [
        "“Klingon” is not a language: use one of "
        + ", ".join(code for code, _name in settings.LANGUAGES)  # en, fr, ar, es, ru, zh-hans
        + "."
    ]
