"""Lessons read in French or Arabic: the reader gets the live translation in their language
(English where none is published), and a lesson and its translations are one requirement:
progress, gating, knowledge checks and completion are identical in every language."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Locale

from cms.builders import build_translation
from cms.models import LessonPage, ModulePage
from cms.translation import canonical, live_translation
from courses import selectors, services
from courses.models import Enrollment, KnowledgeCheckAttempt, LessonCompletion
from courses.services.curriculum import live_curriculum
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
S = Enrollment.Status

FRENCH = {
    "title": "Programme de formation (essai)",
    "modules": [
        {
            "slug": "module-1",
            "title": "Module un : le matériel",
            "summary": "Ce que le module un enseigne.",
            "lessons": [
                {
                    "slug": "lesson-1",
                    "title": "Première leçon",
                    "body": [
                        {"type": "rich_text", "value": "<p>Texte français de la leçon un.</p>"}
                    ],
                },
                {
                    "slug": "lesson-2",
                    "title": "Deuxième leçon",
                    "body": [
                        {"type": "rich_text", "value": "<p>Texte français de la leçon deux.</p>"}
                    ],
                },
            ],
            "knowledge_check": {
                "title": "Vérifiez vos connaissances",
                "pass_mark": 50,
                "questions": [
                    {
                        "text": f"Question {q} en français ?",
                        "choices": ["Non", "Oui", "Peut-être"],
                        "correct": 1,
                        "explanation": "Parce que la leçon le dit.",
                    }
                    for q in (1, 2)
                ],
            },
        }
    ],
}


@pytest.fixture
def programme():
    programme = ProgrammeFactory(modules=2, seminar=True, lessons=2, checks=True)
    build_translation(programme, "fr", FRENCH)
    return programme


@pytest.fixture
def cycle(programme):
    return CycleFactory(programme=programme, capacity=50, seminar_requirement="nobody")


def english_module_one(programme):
    return list(programme.modules().first().lessons())


def seat(cycle, language):
    learner = LearnerFactory(preferred_language=language)
    assert services.apply(learner=learner, cycle=cycle).status == S.ENROLLED
    return learner


def study_module_one(client, learner, programme):
    """Read module 1 through the pages, as the learner's browser would: mark the first
    lesson complete and pass the last lesson's check with the forms each page shows."""
    client.force_login(learner)
    first, last = english_module_one(programme)
    html = client.get(first.url).content.decode()
    complete_url = re.search(r'action="([^"]*/complete/?)"', html).group(1)
    assert client.post(complete_url).status_code == 302
    html = client.get(last.url).content.decode()
    check_url = re.search(r'<form method="post" action="([^"]+)">', html).group(1)
    block_id = re.search(r'name="block_id" value="([^"]+)"', html).group(1)
    response = client.post(check_url, {"block_id": block_id, "q0": "1", "q1": "1"})
    assert response.status_code == 302
    return html


def snapshot(learner):
    enrollment = Enrollment.objects.get(learner=learner)
    progress = selectors.progress_for(enrollment=enrollment)
    return {
        "done": progress.lessons_done,
        "total": progress.lessons_total,
        "percent": progress.percent,
        "open": [module.is_open for module in progress.modules],
        "complete": [module.is_complete for module in progress.modules],
        "completions": sorted(
            LessonCompletion.objects.filter(enrollment=enrollment).values_list(
                "lesson_id", flat=True
            )
        ),
        "passed": sorted(
            KnowledgeCheckAttempt.objects.filter(enrollment=enrollment, passed=True).values_list(
                "lesson_id", "block_id"
            )
        ),
    }


def test_translation_keeps_the_knowledge_check_block_ids(programme):
    last = english_module_one(programme)[-1]
    french = last.get_translation(Locale.objects.get(language_code="fr")).specific
    assert list(services.knowledge_checks(french)) == list(services.knowledge_checks(last))
    assert services.knowledge_checks(french)[next(iter(services.knowledge_checks(last)))][
        "questions"
    ][0]["text"] == ("Question 1 en français ?")
    assert canonical(french).pk == last.pk
    assert live_translation(last, "fr").pk == french.pk
    assert live_translation(last, "ar").pk == last.pk  # no Arabic: English


def test_only_default_locale_pages_are_requirements(programme):
    pinned = live_curriculum(programme)
    english_ids = set(
        LessonPage.objects.descendant_of(programme).values_list("id", flat=True)
    ) | set(ModulePage.objects.child_of(programme).values_list("id", flat=True))
    ids = {part["id"] for part in pinned["modules"]} | {
        lesson["id"] for part in pinned["modules"] for lesson in part["lessons"]
    }
    assert ids <= english_ids and len(pinned["modules"]) == 3
    french_programme = programme.get_translation(Locale.objects.get(language_code="fr"))
    assert live_curriculum(french_programme) == pinned


def test_a_french_learner_reads_french_and_progresses_exactly_as_in_english(
    cycle, programme, client
):
    english = seat(cycle, "en")
    french = seat(cycle, "fr")
    english_html = study_module_one(client, english, programme)
    french_html = study_module_one(client, french, programme)
    assert "Question 1 on Module 1?" in english_html
    assert "Question 1 en français ?" in french_html
    assert "Question 1 on Module 1?" not in french_html
    first = english_module_one(programme)[0]
    client.force_login(french)
    page = client.get(first.url).content.decode()
    assert "Texte français de la leçon un." in page and 'lang="fr"' in page
    theirs, ours = snapshot(english), snapshot(french)
    assert theirs == ours
    assert ours["open"] == [True, True] and ours["complete"] == [True, False]
    assert ours["completions"] == sorted(lesson.pk for lesson in english_module_one(programme))
    # Module 2 (not translated) is open to both and shown in English to the French learner.
    module_two_first = list(programme.modules()[1].lessons())[0]
    page = client.get(module_two_first.url)
    assert page.status_code == 200 and "Lesson 1 of Module 2" in page.content.decode()
    assert '<div lang="en" dir="ltr">' in page.content.decode()  # English marked as such
    outline = client.get(programme.url).content.decode()
    assert "Module un : le matériel" in outline and "Première leçon" in outline
    assert f'href="{module_two_first.url}" lang="en"' in outline


def test_an_arabic_learner_reads_english_where_nothing_is_published_and_it_counts(
    cycle, programme, client
):
    arabic = seat(cycle, "ar")
    html = study_module_one(client, arabic, programme)
    assert "Question 1 on Module 1?" in html  # the English check, no Arabic translation
    first = english_module_one(programme)[0]
    client.force_login(arabic)
    page = client.get(first.url).content.decode()
    assert "Lesson 1 of Module 1" in page and 'dir="rtl"' in page
    assert snapshot(arabic)["complete"] == [True, False]


def test_the_whole_cycle_completes_in_french(cycle, programme, client):
    french = seat(cycle, "fr")
    study_module_one(client, french, programme)
    first, last = list(programme.modules()[1].lessons())
    services.complete_lesson(learner=french, lesson=first)
    french_last = last  # module 2 is not translated: the English page is read
    services.submit_knowledge_check(
        learner=french,
        lesson=french_last,
        block_id=next(iter(services.knowledge_checks(last))),
        answers={"q0": "1", "q1": "1"},
    )
    assert Enrollment.objects.get(learner=french).status == S.COMPLETED


def test_a_translated_draft_is_not_shown(cycle, programme, client):
    first = english_module_one(programme)[0]
    french = first.get_translation(Locale.objects.get(language_code="fr"))
    french.unpublish()
    learner = seat(cycle, "fr")
    client.force_login(learner)
    html = client.get(first.url).content.decode()
    assert "Lesson 1 of Module 1" in html and "Texte français" not in html


def test_the_translation_report_lists_what_is_missing(programme, client):
    from tests.factories import InstructorFactory

    client.force_login(InstructorFactory())
    response = client.get(reverse("cms_translations"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Module 1, lesson 1" in html and "Module 2, lesson 1" in html
    first, _last = english_module_one(programme)
    row = re.search(rf'<tr data-page="{first.pk}"[^>]*>', html).group(0)
    assert 'data-fr="live"' in row and 'data-ar="missing"' in row
    module_two = re.search(rf'<tr data-page="{programme.modules()[1].pk}"[^>]*>', html)
    assert 'data-fr="missing"' in module_two.group(0)
    client.force_login(LearnerFactory())
    assert client.get(reverse("cms_translations")).status_code == 302


def test_the_dashboard_shows_titles_in_the_learners_language(cycle, programme, client):
    from django.urls import reverse as url

    french = seat(cycle, "fr")
    client.force_login(french)
    html = client.get(url("courses:my_learning")).content.decode()
    assert "Module un : le matériel" in html and "Première leçon" in html  # Resume: ...
    assert "Module 2" in html  # not translated: English


def test_a_check_recreated_in_a_translation_still_counts_as_the_english_one(cycle, programme):
    import uuid

    first, last = english_module_one(programme)
    french = last.get_translation(Locale.objects.get(language_code="fr")).specific
    raw = [dict(block) for block in french.body.raw_data]
    for block in raw:
        if block["type"] == "knowledge_check":
            block["id"] = str(uuid.uuid4())  # as if a translator deleted and re-added it
    french.body = raw
    french.save_revision().publish()
    french.refresh_from_db()
    new_id = next(iter(services.knowledge_checks(french)))
    english_id = next(iter(services.knowledge_checks(last)))
    assert new_id != english_id
    learner = seat(cycle, "fr")
    services.complete_lesson(learner=learner, lesson=first)
    attempt = services.submit_knowledge_check(
        learner=learner, lesson=french, block_id=new_id, answers={"q0": "1", "q1": "1"}
    )
    assert (attempt.lesson_id, attempt.block_id, attempt.passed) == (last.pk, english_id, True)
    assert snapshot(learner)["complete"] == [True, False]
