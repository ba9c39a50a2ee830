"""Links and QR codes use the configured public address (PUBLIC_BASE_URL; the demo's follows
the Makefile's HOST and PORT), never a hard-coded 127.0.0.1:8000."""

import io

import pytest
from pypdf import PdfReader

from certificates import services

pytestmark = pytest.mark.django_db
BASE = "http://10.1.2.3:8123"


def test_the_pdf_and_the_ready_email_link_to_the_public_base_url(
    complete, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.PUBLIC_BASE_URL = BASE
    certificate = complete().certificates.get()
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends on commit
        assert services.render_certificate(certificate_id=certificate.pk) is True
    certificate.refresh_from_db()
    assert services.verify_url(certificate) == f"{BASE}/verify/{certificate.code}/"
    pdf = PdfReader(io.BytesIO(certificate.pdf.read()))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "10.1.2.3:8123/verify" in text
    assert f"{BASE}/verify/{certificate.code}/" in mailoutbox[0].body
