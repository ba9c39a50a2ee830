"""The demo's French and Arabic curriculum: module 1 and the seminar fully translated (every
lesson, block for block, and the knowledge check with the same right answers), the other
modules left in English so that the demo shows the fallback."""

import pytest

from cms.models import LessonPage, ModulePage
from cms.translation import live_translation, translation_status
from demo.translations import build_demo_programmes, english_programmes, translations_of

FULLY_TRANSLATED = {"computer-hardware", "policy-and-security-seminar"}


def english_patit():
    return next(p for p in english_programmes() if p["slug"] == "patit")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_translation_files_match_the_english_block_for_block(language):
    english = english_patit()
    translated = translations_of("patit")[language]
    modules = {m["slug"]: m for m in english["modules"]}
    assert {m["slug"] for m in translated["modules"]} == FULLY_TRANSLATED
    for key in ("title", "intro", "description", "audience"):
        assert translated[key] and translated[key] != english[key]
    for module in translated["modules"]:
        source = modules[module["slug"]]
        assert module["title"] != source["title"]
        assert len(module["learning_outcomes"]) == len(source["learning_outcomes"])
        assert [lesson["slug"] for lesson in module["lessons"]] == [
            lesson["slug"] for lesson in source["lessons"]
        ]
        for lesson, original in zip(module["lessons"], source["lessons"], strict=True):
            assert [b["type"] for b in lesson["body"]] == [b["type"] for b in original["body"]]
            for block, english_block in zip(lesson["body"], original["body"], strict=True):
                assert block["value"] != english_block["value"]
        check, original = module["knowledge_check"], source["knowledge_check"]
        assert check["pass_mark"] == original["pass_mark"]
        for question, english_question in zip(
            check["questions"], original["questions"], strict=True
        ):
            assert question["correct"] == english_question["correct"]
            assert len(question["choices"]) == len(english_question["choices"])
            assert question["text"] != english_question["text"]


@pytest.mark.django_db
def test_the_demo_publishes_the_translations_and_leaves_the_rest_in_english(home_page):
    patit = next(p for p in build_demo_programmes(home=home_page) if p.slug == "patit")
    pages = [patit, *ModulePage.objects.child_of(patit), *LessonPage.objects.descendant_of(patit)]
    status = translation_status(pages)
    for page in pages:
        module = page if isinstance(page.specific, ModulePage) else page.get_parent()
        translated = page.pk == patit.pk or module.slug in FULLY_TRANSLATED
        expected = "live" if translated else None
        assert status[page.pk].get("fr") == expected, page.title
        assert status[page.pk].get("ar") == expected, page.title
    first = ModulePage.objects.child_of(patit).get(number=1).lessons().first()
    assert live_translation(first, "fr").title == "Au cœur du poste de travail de la mission"
    assert live_translation(first, "ar").title == "داخل محطة العمل في البعثة"
    # Running it again (seed_demo is safe to re-run) updates the same translations.
    build_demo_programmes(home=home_page)
    assert LessonPage.objects.filter(translation_key=first.translation_key).count() == 3
