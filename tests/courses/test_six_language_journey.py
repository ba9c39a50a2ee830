"""A learner's whole journey in each of the six languages, through the pages: apply on the
cycle page, read the lesson, pass its knowledge check; the e-mails come in their language and
the certificate and the module PDF, read back, carry their name and the programme's
translated title (issue 21)."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from certificates.wording import default_wording
from cms.builders import build_translation
from courses.models import Enrollment
from tests.certificates.language_samples import SAMPLES
from tests.certificates.test_six_languages import COMPLETE, assert_in_pdf, read_back
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def translation_of_the_programme(language: str) -> dict:
    _name, programme, module, text = SAMPLES[language]
    return {
        "title": programme,
        "modules": [
            {
                "slug": "module-1",
                "title": module,
                "lessons": [
                    {
                        "slug": "lesson-1",
                        "title": module,
                        "body": [{"type": "rich_text", "value": f"<p>{text}</p>"}],
                    }
                ],
                # The right answer stays the second choice, as in the English check.
                "knowledge_check": {
                    "pass_mark": 50,
                    "questions": [
                        {"text": f"{text} ({q})", "choices": ["1", "2", "3"], "correct": 1}
                        for q in (1, 2)
                    ],
                },
            }
        ],
    }


def english_subjects(cycle) -> set[str]:
    return {
        f"You are enrolled in {cycle.code}",
        f"Your certificate for {cycle.code} is ready",
    }


def post(client, capture, url, data=None):
    """POST as the page's form does; the outbox sends its e-mails when the request commits."""
    with capture(execute=True):
        response = client.post(url, data or {})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


@pytest.mark.parametrize("language", COMPLETE)
def test_a_learner_of_each_language_applies_studies_and_downloads_their_certificate(
    client, mailoutbox, django_capture_on_commit_callbacks, language
):
    name, programme_title, module_title, lesson_text = SAMPLES[language]
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1, checks=True)
    if language != settings.LANGUAGE_CODE:
        build_translation(programme, language, translation_of_the_programme(language))
    else:
        programme_title, module_title = programme.title, programme.modules().first().title
    cycle = CycleFactory(programme=programme, capacity=5, seminar_requirement="none")
    first_name, _, last_name = name.rpartition(" ")
    learner = LearnerFactory(
        preferred_language=language, first_name=first_name, last_name=last_name
    )
    full_name = learner.get_full_name()
    client.force_login(learner)

    # Apply on the cycle page: a seat is free, so the learner is enrolled at once.
    page = client.get(reverse("courses:cycle_detail", args=[cycle.code])).content.decode()
    apply_url = reverse("courses:apply", args=[cycle.code])
    assert f'action="{apply_url}"' in page
    post(client, django_capture_on_commit_callbacks, apply_url)
    enrollment = Enrollment.objects.get(learner=learner, cycle=cycle)
    assert enrollment.status == Enrollment.Status.ENROLLED

    # Study: the lesson in the learner's language, completed with its forms.
    for lesson in programme.modules().first().lessons():
        html = client.get(lesson.url).content.decode()
        if language != settings.LANGUAGE_CODE:
            assert lesson_text in html
        complete = re.search(r'action="([^"]*/complete/?)"', html)
        if complete:
            post(client, django_capture_on_commit_callbacks, complete.group(1))
        check = re.search(r'<form method="post" action="([^"]+/check/?)">', html)
        if check:
            block_id = re.search(r'name="block_id" value="([^"]+)"', html).group(1)
            post(
                client,
                django_capture_on_commit_callbacks,
                check.group(1),
                {"block_id": block_id, "q0": "1", "q1": "1"},
            )
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    certificate = enrollment.certificates.get()
    assert certificate.language == language

    # The e-mails: enrolled, certificate ready; each in the learner's language.
    assert [message.to for message in mailoutbox] == [[learner.email]] * 2, [
        message.subject for message in mailoutbox
    ]
    subjects = {message.subject for message in mailoutbox}
    if language == settings.LANGUAGE_CODE:
        assert subjects == english_subjects(cycle)
    else:
        assert not subjects & english_subjects(cycle), subjects
        assert all(cycle.code in subject for subject in subjects), subjects
        for message in mailoutbox:
            assert "Dear" not in message.body, message.body

    # The certificate, from the learner's certificates page.
    page = client.get(reverse("certificates:mine")).content.decode()
    download_url = reverse("certificates:download", args=[certificate.serial])
    assert f'href="{download_url}"' in page
    response = client.get(download_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = read_back(b"".join(response.streaming_content))
    assert_in_pdf(full_name, text, language)
    assert_in_pdf(programme_title, text, language)
    # Its wording too: an English certificate with a translated title would not do.
    assert_in_pdf(default_wording(language)[0], text, language)
    if language != settings.LANGUAGE_CODE:
        assert "Certificateofcompletion" not in text

    # The module's PDF, from the link on the module page.
    module = programme.modules().first()
    module_pdf_url = reverse("certificates:module_pdf", args=[module.pk])
    assert f'href="{module_pdf_url}"' in client.get(module.url).content.decode()
    response = client.get(module_pdf_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = read_back(response.content)
    assert_in_pdf(programme_title, text, language)
    assert_in_pdf(module_title, text, language)
