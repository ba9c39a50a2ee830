"""Issuing exactly once, rendering exactly once, revocation, reissue and verification."""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from certificates import services
from certificates.exceptions import CertificateError
from certificates.models import Certificate, normalise_code
from tests.factories import AdministratorFactory, CycleFactory, LearnerFactory

pytestmark = pytest.mark.django_db
C = Certificate.Status


def test_completion_creates_a_pending_certificate_in_the_same_transaction(complete):
    enrollment = complete()
    certificate = enrollment.certificates.get()
    assert certificate.status == C.PENDING  # rendered after commit (not run in this test)
    assert re.fullmatch(r"PATIT-2026-\d+-0001", certificate.serial)
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}", certificate.code)


def test_issuing_twice_gives_one_certificate(complete):
    enrollment = complete()
    first = services.issue(enrollment=enrollment)
    second = services.issue(enrollment=enrollment)
    assert first.pk == second.pk
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1


def test_running_the_render_twice_issues_once(
    complete, mailoutbox, django_capture_on_commit_callbacks
):
    enrollment = complete()
    certificate = enrollment.certificates.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.render_certificate(certificate_id=certificate.pk) is True
        assert services.render_certificate(certificate_id=certificate.pk) is False
    certificate.refresh_from_db()
    assert certificate.status == C.ISSUED and certificate.attempts == 1
    assert certificate.pdf.name == f"certificates/{certificate.serial}.pdf"
    assert len(mailoutbox) == 1 and certificate.serial in mailoutbox[0].body


def test_a_fresh_claim_is_respected_and_a_stale_one_taken_over(complete, settings):
    certificate = complete().certificates.get()
    Certificate.objects.filter(pk=certificate.pk).update(claimed_at=timezone.now(), attempts=1)
    assert services.render_certificate(certificate_id=certificate.pk) is False  # busy
    later = timezone.now() + timedelta(seconds=settings.CERTIFICATE_RENDER_LEASE_SECONDS + 1)
    assert services.render_certificate(certificate_id=certificate.pk, now=later) is True
    certificate.refresh_from_db()
    assert certificate.status == C.ISSUED and certificate.attempts == 2


def test_the_sweeper_queues_stuck_certificates(complete, settings):
    certificate = complete().certificates.get()
    later = timezone.now() + timedelta(seconds=settings.CERTIFICATE_SWEEP_GRACE_SECONDS + 1)
    assert services.sweep(now=later) == 1  # eager in tests: rendered at once
    certificate.refresh_from_db()
    assert certificate.status == C.ISSUED
    assert services.sweep(now=later) == 0


def test_no_certificate_before_completion(small_programme):
    from courses import services as courses_services

    cycle = CycleFactory(programme=small_programme)
    enrollment = courses_services.apply(learner=LearnerFactory(), cycle=cycle)
    with pytest.raises(CertificateError, match="has not completed"):
        services.issue(enrollment=enrollment)
    assert not Certificate.objects.exists()


def test_revoke_and_reissue(complete):
    admin = AdministratorFactory()
    certificate = complete().certificates.get()
    services.render_certificate(certificate_id=certificate.pk)
    with pytest.raises(CertificateError, match="reason"):
        services.revoke(certificate=certificate, reason="", by=admin)
    new = services.reissue(certificate=certificate, by=admin, reason="Name corrected")
    old = Certificate.objects.get(pk=certificate.pk)
    assert old.status == C.REVOKED and old.revoked_by == admin
    assert new.replaces_id == old.pk and new.serial != old.serial and new.code != old.code
    assert old.replaced_by == new


def test_verify_accepts_codes_as_people_type_them(complete):
    certificate = complete().certificates.get()
    typed = certificate.code.lower().replace("-", " ").replace("0", "o")
    assert services.verify(code=typed) == certificate
    assert services.verify(code="not-a-code") is None
    assert normalise_code("short") == ""


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("en", "H.E. Mr. Kwame Mensah"),
        ("fr", "Hélène Côté-Lefèvre"),
        ("ar", "ليلى حداد"),
        # Any language of the site has its spelling, not only French and Arabic.
        ("ru", "Елена Кузнецова"),
    ],
)
def test_each_pdf_reads_back_with_name_serial_and_code(complete, language, name):
    spelling = (
        {"certificate_name": name} if language == "en" else {"certificate_names": {language: name}}
    )
    enrollment = complete(preferred_language=language, **spelling)
    certificate = enrollment.certificates.get()
    assert certificate.language == language
    services.render_certificate(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    with certificate.pdf.open("rb") as handle:
        data = handle.read()
    assert len(data) < 100_000
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    # pypdf puts spaces where the layout kerns ("Mr ."), so compare without spaces; the
    # letters must still come in the learner's (for Arabic: logical) order.
    squeezed = "".join(text.split())
    assert "".join(name.split()) in squeezed
    assert certificate.serial in squeezed
    assert certificate.code in squeezed


def test_the_ready_email_survives_a_worker_killed_before_handing_it_over(
    complete, mailoutbox, django_capture_on_commit_callbacks, settings
):
    from outbox import services as outbox_services
    from outbox.models import OutboxMessage

    certificate = complete().certificates.get()
    # The render commits (issued + its e-mail row) and the worker dies before the
    # after-commit hand-over: the callbacks are captured, never run.
    with django_capture_on_commit_callbacks(execute=False):
        assert services.render_certificate(certificate_id=certificate.pk) is True
    message = OutboxMessage.objects.get(kind="certificates.ready")
    assert message.sent_at is None and mailoutbox == []
    # The sweeper runs renders again: nothing more is issued or written.
    later = timezone.now() + timedelta(seconds=settings.CERTIFICATE_RENDER_LEASE_SECONDS + 1)
    assert services.render_certificate(certificate_id=certificate.pk, now=later) is False
    assert services.sweep(now=later) == 0
    assert outbox_services.send_pending() == 2  # the "enrolled" e-mail waited too
    assert outbox_services.send_pending() == 0
    assert OutboxMessage.objects.filter(kind="certificates.ready").count() == 1
    ready = [m for m in mailoutbox if certificate.serial in m.body]
    assert len(ready) == 1 and "is ready" in ready[0].subject


def test_a_certificate_refusal_is_not_an_enrollment_refusal():
    """Names say what things are (issue 10): a refused certificate action is no enrollment
    error, and the failed status promises no retry the sweeper will stop making."""
    from courses.exceptions import EnrollmentError

    assert not issubclass(CertificateError, EnrollmentError)
    assert "retr" not in str(Certificate.Status.FAILED.label)
    assert {c.name for c in Certificate._meta.constraints} >= {
        "one_live_certificate_per_enrollment"
    }
