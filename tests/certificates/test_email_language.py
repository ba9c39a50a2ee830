"""The "certificate ready" e-mail goes out in the learner's language, subject included."""

import pytest

from certificates import services
from certificates.models import Certificate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language, subject, phrases, english",
    [
        (
            "fr",
            "Votre certificat du cycle {code} est prêt",
            [
                "Bonjour {name},",
                "Félicitations, vous avez terminé le cycle {title}. "
                "Votre certificat {serial} peut être téléchargé\u00a0:",
                "Toute personne peut en vérifier l'authenticité grâce à son code de vérification",
            ],
            ["Dear", "Congratulations", "is ready", "Anyone can check"],
        ),
        (
            "ar",
            "شهادتك للدورة {code} جاهزة",
            [
                "السيد/السيدة {name} المحترم/ة،",
                "تهانينا على إتمام {title}. شهادتك {serial} جاهزة للتنزيل:",
                "يمكن لأي شخص التحقق منها برمز التحقق الخاص بها",
            ],
            ["Dear", "Congratulations", "is ready", "Anyone can check"],
        ),
    ],
)
def test_the_certificate_email_is_in_the_learners_language(
    complete,
    mailoutbox,
    language,
    subject,
    phrases,
    english,
    django_capture_on_commit_callbacks,
):
    enrollment = complete(preferred_language=language)
    certificate = enrollment.certificates.get()
    assert certificate.language == language
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # sent from the outbox on commit
        assert services.render_certificate(certificate_id=certificate.pk) is True
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED
    [message] = mailoutbox
    values = {
        "code": enrollment.cycle.code,
        "title": enrollment.cycle.title,
        "serial": certificate.serial,
        "name": enrollment.learner.get_full_name(),
    }
    assert message.subject == subject.format(**values)
    for phrase in phrases:
        assert phrase.format(**values) in message.body
    assert services.verify_url(certificate) in message.body
    for word in english:
        assert word not in message.subject + message.body
