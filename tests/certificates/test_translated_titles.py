"""A certificate prints the programme and module names of the published translation in its
language (English where none is published); the cycle's title prints as written."""

import io

import pytest
from pypdf import PdfReader

from certificates import services
from cms.builders import build_translation
from courses import services as courses_services
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

FRENCH = {
    "title": "Programme de formation des diplomates",
    "modules": [{"slug": "module-1", "title": "Le matériel informatique"}],
}


@pytest.fixture
def programme():
    programme = ProgrammeFactory(modules=2, seminar=False, lessons=1)
    build_translation(programme, "fr", FRENCH)
    return programme


def completed(programme, language):
    cycle = CycleFactory(programme=programme, capacity=50, seminar_requirement="none")
    learner = LearnerFactory(preferred_language=language)
    courses_services.apply(learner=learner, cycle=cycle)
    for module in programme.modules():
        for lesson in module.lessons():
            courses_services.complete_lesson(learner=learner, lesson=lesson)
    return learner.enrollments.get().certificates.get()


@pytest.mark.parametrize(
    ("language", "programme_title", "modules"),
    [
        ("fr", "Programme de formation des diplomates", ["Le matériel informatique", "Module 2"]),
        ("ar", None, ["Module 1", "Module 2"]),  # no Arabic translation: English
        ("en", None, ["Module 1", "Module 2"]),
    ],
)
def test_titles_follow_the_certificates_language(programme, language, programme_title, modules):
    certificate = completed(programme, language)
    assert certificate.programme_title == (programme_title or programme.title)
    assert certificate.completed_items == modules
    assert certificate.cycle_title == certificate.enrollment.cycle.title
    if language == "fr":
        services.render_certificate(certificate_id=certificate.pk)
        certificate.refresh_from_db()
        with certificate.pdf.open("rb") as handle:
            text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
        squeezed = "".join(text.split())
        assert "Programmedeformationdesdiplomates" in squeezed
        assert "Lematérielinformatique" in squeezed
