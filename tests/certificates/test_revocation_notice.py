"""A revoked learner is told: one e-mail through the outbox, in their language, with the
reason as stored; the administrator's reissue may choose the new certificate's language."""

import pytest
from django.urls import reverse

from certificates import services
from certificates.models import Certificate
from outbox.models import OutboxMessage
from tests.factories import AdministratorFactory

pytestmark = pytest.mark.django_db


def issued(complete, **learner):
    certificate = complete(**learner).certificates.get()
    services.render_certificate(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    return certificate


@pytest.mark.parametrize(
    ("language", "subject", "phrase"),
    [
        ("fr", "Votre certificat {serial} a été révoqué", "Motif\u00a0: Nom mal orthographié"),
        ("ar", "أُلغيت شهادتك {serial}", "السبب: Nom mal orthographié"),
    ],
)
def test_revocation_tells_the_learner_in_their_language_with_the_reason(
    complete, mailoutbox, django_capture_on_commit_callbacks, language, subject, phrase
):
    certificate = issued(complete, preferred_language=language)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke(
            certificate=certificate, reason="Nom mal orthographié", by=AdministratorFactory()
        )
    [message] = mailoutbox
    assert message.to == [certificate.enrollment.learner.email]
    assert message.subject == subject.format(serial=certificate.serial)
    assert phrase in message.body
    assert services.verify_url(certificate) in message.body
    assert OutboxMessage.objects.filter(kind="certificates.revoked").count() == 1


def test_a_reissue_says_what_replaces_it_and_the_stored_reason_is_translated(
    complete, mailoutbox, django_capture_on_commit_callbacks
):
    certificate = issued(complete, preferred_language="fr")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        new = services.reissue(
            certificate=certificate, reason="Nom corrigé", by=AdministratorFactory()
        )
    revoked = [m for m in mailoutbox if certificate.serial in m.subject]
    assert len(revoked) == 1
    # "Replaced: %(reason)s" is a stored sentence: the learner reads it in French.
    assert "Remplacé" in revoked[0].body and "Nom corrigé" in revoked[0].body
    assert new.serial in revoked[0].body


def test_the_admin_reissues_in_the_language_chosen(admin_client, complete):
    certificate = issued(complete, preferred_language="en")
    url = reverse("certificates_admin:manage", args=[certificate.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="language"' in page
    response = admin_client.post(
        url, {"action": "reissue", "reason": "Asked for French", "language": "fr"}
    )
    assert response.status_code == 302
    new = Certificate.objects.get(replaces=certificate)
    assert new.language == "fr"


def test_the_admin_cannot_reissue_in_a_language_without_certificate_wording(admin_client, complete):
    certificate = issued(complete)
    url = reverse("certificates_admin:manage", args=[certificate.pk])
    admin_client.post(url, {"action": "reissue", "reason": "x", "language": "xx"})
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED
    assert not Certificate.objects.filter(replaces=certificate).exists()
