"""Reasons that services store (audit trails, a revoked certificate) are kept in English and
translated for each reader (core.stored_text): the same row reads in French for a French
reader and in English for an English one, whatever language caused it."""

import pytest
from django.template import Context, Template
from django.utils import translation

from certificates import services
from certificates.models import Certificate
from core import stored_text
from courses import services as courses_services
from courses.models import EnrollmentEvent
from tests.factories import AdministratorFactory, CycleFactory, LearnerFactory

pytestmark = pytest.mark.django_db


def test_a_revocation_reason_is_stored_in_english_and_shown_in_the_readers_language(
    complete, client
):
    admin = AdministratorFactory(preferred_language="fr")
    certificate = complete().certificates.get()
    with translation.override("fr"):  # an administrator working in French
        services.reissue(certificate=certificate, by=admin, reason="Nom corrigé")
    old = Certificate.objects.get(pk=certificate.pk)
    assert old.revoked_reason == "Replaced: Nom corrigé"

    page = f"/verify/{old.code}/"
    french = client.get(page, headers={"accept-language": "fr"}).content.decode()
    with translation.override("fr"):
        expected = translation.gettext("Replaced: %(reason)s") % {"reason": "Nom corrigé"}
    assert expected != "Replaced: Nom corrigé"
    assert expected in french and "Replaced:" not in french
    english = client.get(page, headers={"accept-language": "en"}).content.decode()
    assert "Replaced: Nom corrigé" in english


def test_a_promotion_reason_caused_in_french_reads_in_each_readers_language():
    cycle = CycleFactory(capacity=1)
    seated, waiting = LearnerFactory(preferred_language="fr"), LearnerFactory()
    first = courses_services.apply(learner=seated, cycle=cycle)
    courses_services.apply(learner=waiting, cycle=cycle)
    with translation.override("fr"):  # the seat is freed by a learner reading in French
        courses_services.withdraw(enrollment=first, by=seated)
    event = EnrollmentEvent.objects.get(action=EnrollmentEvent.Action.PROMOTED)
    assert event.reason == "Seat freed by a withdrawal."

    row = Template("{% load stored_text %}{{ reason|shown }}")
    with translation.override("fr"):
        french = row.render(Context({"reason": event.reason}))
    with translation.override("en"):
        english = row.render(Context({"reason": event.reason}))
    assert english == "Seat freed by a withdrawal."
    assert french and french != english
    with translation.override("fr"):
        assert french == translation.gettext("Seat freed by a withdrawal.")


@pytest.mark.parametrize(
    ("stored", "values"),
    [
        (
            stored_text.english("Capacity set to %(capacity)s%(by)s.", capacity=12, by=" (Ana)"),
            {"capacity": "12", "by": " (Ana)"},
        ),
        (stored_text.english("Capacity set to %(capacity)s%(by)s.", capacity=3, by=""), None),
        (stored_text.english("Nominated by %(by)s for the mission.", by="Li Wei"), None),
    ],
)
def test_sentences_with_values_are_translated_with_the_same_values(stored, values):
    with translation.override("ar"):
        shown = stored_text.shown(stored)
    assert shown != stored
    for value in (values or {}).values():
        assert value.strip() in shown


def test_typed_text_is_shown_as_typed_and_unknown_sentences_are_refused():
    with translation.override("fr"):
        assert stored_text.shown("The learner asked by telephone.") == (
            "The learner asked by telephone."
        )
    with pytest.raises(ValueError, match="SENTENCES"):
        stored_text.english("A sentence nobody declared.")
