"""Two programmes' certificates each print their own titles (issue #20): the programme's
title, and the seminar's line only for a programme whose curriculum has a seminar, with that
seminar's own title (through the content-names selector), never PATIT's."""

import io

import pytest
from pypdf import PdfReader

from certificates import services
from cms.models import ModulePage
from courses import services as courses_services
from tests.factories import AdministratorFactory, CycleFactory, LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def squeezed_text(certificate) -> str:
    services.render_certificate(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    with certificate.pdf.open("rb") as handle:
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
    return "".join(text.split())


def completed(programme, *, seminar: bool):
    cycle = CycleFactory(
        programme=programme, capacity=50, seminar_requirement="all" if seminar else "none"
    )
    learner = LearnerFactory(preferred_language="en")
    courses_services.apply(learner=learner, cycle=cycle)
    for module in programme.modules():
        for lesson in module.lessons():
            courses_services.complete_lesson(learner=learner, lesson=lesson)
    enrollment = learner.enrollments.get()
    if seminar:
        courses_services.record_attendance(
            enrollment=enrollment, attended=True, by=AdministratorFactory()
        )
    return enrollment.certificates.get()


def test_each_programme_prints_its_own_titles():
    first = ProgrammeFactory(modules=1, seminar=True, lessons=1)
    first.title = "Cyber diplomacy programme"
    first.save_revision().publish()
    seminar = ModulePage.objects.child_of(first).get(kind=ModulePage.Kind.SEMINAR)
    seminar.title = "Workshop on negotiation in Geneva"
    seminar.save_revision().publish()
    second = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    second.title = "Protocol essentials programme"
    second.save_revision().publish()

    one = squeezed_text(completed(first, seminar=True))
    two = squeezed_text(completed(second, seminar=False))

    assert "Cyberdiplomacyprogramme" in one
    assert "WorkshoponnegotiationinGeneva" in one
    assert "Protocolessentialsprogramme" not in one
    assert "Protocolessentialsprogramme" in two
    assert "Cyberdiplomacyprogramme" not in two
    assert "WorkshoponnegotiationinGeneva" not in two
    for text in (one, two):
        assert "Seminaronpolicyawareness" not in text  # PATIT's seminar
    assert "WorkshoponnegotiationinGeneva(attended)" in one
