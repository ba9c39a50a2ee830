"""Wagtail search of content in Chinese returns the lesson (issue #21): a word of two or
three characters in the middle of a sentence, without spaces, on the configured backend."""

import pytest

from cms.builders import build_translation
from cms.cjk import search_query
from cms.models import LessonPage
from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

BODY = "<p>外交官在日内瓦使用加密软件保护信息安全。</p>"


@pytest.mark.parametrize("word", ["加密", "日内瓦", "信息安全"])
def test_a_chinese_word_inside_a_sentence_finds_the_lesson(word):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    build_translation(
        programme,
        "zh-hans",
        {
            "title": "外交官培训方案",
            "modules": [
                {
                    "slug": "module-1",
                    "title": "第一单元",
                    "lessons": [
                        {
                            "slug": "lesson-1",
                            "title": "信息保护",
                            "body": [{"type": "rich_text", "value": BODY}],
                        }
                    ],
                }
            ],
        },
    )
    chinese = LessonPage.objects.live().get(locale__language_code="zh-hans")
    found = list(LessonPage.objects.live().search(search_query(word)))
    assert chinese in found
    # A word it does not hold, and the right characters apart ("加" and "密" are in 加密 only
    # together; "息加" is not a word of the text): nothing.
    assert not list(LessonPage.objects.live().search(search_query("潜水艇")))
    assert not list(LessonPage.objects.live().search(search_query("息加")))
