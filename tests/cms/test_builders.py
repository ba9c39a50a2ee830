"""`cms.builders` (seed_demo, the factories): building again publishes only what changed."""

import copy

import pytest
from wagtail.models import PageLogEntry, Revision

from cms.builders import build_programme, build_translation
from cms.models import LessonPage
from demo.translations import english_programmes, translations_of

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int]:
    return Revision.objects.count(), PageLogEntry.objects.filter(action="wagtail.publish").count()


def test_building_the_same_data_again_publishes_nothing(home_page):
    data = next(p for p in english_programmes() if p["slug"] == "patit")
    french = translations_of("patit")["fr"]
    programme = build_programme(data, home=home_page)
    build_translation(programme, "fr", french)
    before = _counts()

    assert build_programme(data, home=home_page).pk == programme.pk
    build_translation(programme, "fr", french)
    assert _counts() == before


def test_a_changed_lesson_is_the_only_page_published_again(home_page):
    data = next(p for p in english_programmes() if p["slug"] == "patit")
    french = translations_of("patit")["fr"]
    programme = build_programme(data, home=home_page)
    build_translation(programme, "fr", french)
    revisions, publications = _counts()

    changed = copy.deepcopy(data)
    lesson = changed["modules"][0]["lessons"][0]
    lesson["body"][0]["value"] = "<p>A corrected first paragraph.</p>"
    build_programme(changed, home=home_page)
    assert _counts() == (revisions + 1, publications + 1)
    page = LessonPage.objects.get(slug=lesson["slug"], locale__language_code="en")
    assert "A corrected first paragraph." in str(page.body[0].value)

    french_changed = copy.deepcopy(french)
    french_changed["modules"][0]["lessons"][0]["title"] = "Un titre corrigé"
    build_translation(programme, "fr", french_changed)
    assert _counts() == (revisions + 2, publications + 2)
    translated = LessonPage.objects.get(
        translation_key=page.translation_key, locale__language_code="fr"
    )
    assert translated.title == "Un titre corrigé"
    # The translation keeps its blocks' ids: a knowledge check is the same check.
    assert [block.id for block in translated.body] == [block.id for block in page.body]


def test_an_unpublished_page_is_published_again_with_the_same_data(home_page):
    data = next(p for p in english_programmes() if p["slug"] == "patit")
    build_programme(data, home=home_page)
    lesson = LessonPage.objects.get(
        slug=data["modules"][0]["lessons"][0]["slug"], locale__language_code="en"
    )
    lesson.unpublish()
    build_programme(data, home=home_page)
    lesson.refresh_from_db()
    assert lesson.live
