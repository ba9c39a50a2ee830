""" "Download this module": one PDF of the module's lessons, in the reader's language (English
where no translation is published), with the knowledge-check questions but not the answers,
for seated learners whose module is open (and staff); anyone else gets a 404."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cms.builders import build_translation
from courses import services
from tests.factories import CycleFactory, InstructorFactory, LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

FRENCH = {
    "modules": [
        {
            "slug": "module-1",
            "title": "Le matériel informatique",
            "lessons": [
                {
                    "slug": "lesson-1",
                    "title": "Première leçon",
                    "body": [
                        {"type": "rich_text", "value": "<p>Texte de la leçon en français.</p>"}
                    ],
                },
                {
                    "slug": "lesson-2",
                    "title": "Deuxième leçon",
                    "body": [{"type": "rich_text", "value": "<p>Suite de la leçon.</p>"}],
                },
            ],
            "knowledge_check": {
                "title": "Vérifiez vos connaissances",
                "pass_mark": 50,
                "questions": [
                    {
                        "text": f"Quelle est la question {q} ?",
                        "choices": ["Non", "Oui", "Peut-être"],
                        "correct": 1,
                    }
                    for q in (1, 2)
                ],
            },
        }
    ]
}
ARABIC = {
    "modules": [
        {
            "slug": "module-1",
            "title": "عتاد الحاسوب",
            "lessons": [
                {
                    "slug": "lesson-1",
                    "title": "الدرس الأول",
                    "body": [{"type": "rich_text", "value": "<p>نص الدرس باللغة العربية.</p>"}],
                }
            ],
        }
    ]
}


@pytest.fixture
def programme():
    programme = ProgrammeFactory(modules=2, seminar=False, lessons=2, checks=True)
    build_translation(programme, "fr", FRENCH)
    build_translation(programme, "ar", ARABIC)
    return programme


@pytest.fixture
def cycle(programme):
    return CycleFactory(programme=programme, capacity=50, seminar_requirement="none")


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize(
    ("language", "present", "absent"),
    [
        (
            "en",
            [
                "Module 1",
                "Module 1, lesson 1",
                "Lesson 1 of Module 1.",
                "Question 1 on Module 1?",
                "Maybe",
            ],
            [],
        ),
        (
            "fr",
            [
                "Le matériel informatique",
                "Première leçon",
                "Texte de la leçon en français.",
                "Quelle est la question 1 ?",
                "Peut-être",
            ],
            ["Lesson 1 of Module 1."],
        ),
        # Lesson 1 translated; lesson 2 and the check are not published in Arabic: English.
        (
            "ar",
            [
                "عتاد الحاسوب",
                "نص الدرس باللغة العربية",
                "Lesson 2 of Module 1.",
                "Question 1 on Module 1?",
            ],
            ["Lesson 1 of Module 1."],
        ),
    ],
)
def test_a_seated_learner_downloads_the_module_in_their_language(
    cycle, programme, client, language, present, absent
):
    learner = LearnerFactory(preferred_language=language)
    services.apply(learner=learner, cycle=cycle)
    client.force_login(learner)
    module = programme.modules().first()
    page = client.get(module.url).content.decode()
    url = reverse("certificates:module_pdf", args=[module.pk])
    assert f'href="{url}"' in page
    response = client.get(url)
    assert response.status_code == 200
    text = pdf_text(response)
    for expected in present:
        assert squeeze(expected) in text, expected
    for unexpected in absent:
        assert squeeze(unexpected) not in text, unexpected
    # The questions, never which answer is right (nothing says "correct" or marks a choice).
    assert "correct" not in text.lower() and "✓" not in text


def test_others_get_a_404_and_no_link(cycle, programme, client):
    module_one, module_two = list(programme.modules())[:2]
    url = reverse("certificates:module_pdf", args=[module_one.pk])
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(LearnerFactory())  # not enrolled
    assert client.get(url).status_code == 404
    assert url not in client.get(module_one.url).content.decode()
    waiting = LearnerFactory()
    services.apply(learner=waiting, cycle=CycleFactory(programme=programme, capacity=0))
    client.force_login(waiting)
    assert client.get(url).status_code == 404
    seated = LearnerFactory()
    services.apply(learner=seated, cycle=cycle)
    client.force_login(seated)
    # Module 2 is locked until module 1 is complete: its lessons stay locked on paper too.
    locked = reverse("certificates:module_pdf", args=[module_two.pk])
    assert client.get(locked).status_code == 404
    assert locked not in client.get(module_two.url).content.decode()
    client.force_login(InstructorFactory())
    assert client.get(locked).status_code == 200
