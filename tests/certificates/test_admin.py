"""Administrators' certificate screens: list and export, revoke and reissue with a reason,
issue for a whole cycle, a cycle's ZIP, and the template's PDF preview."""

import csv
import io
import zipfile

import pytest
from django.urls import reverse
from pypdf import PdfReader

from certificates import services
from certificates.models import Certificate, CertificateTemplate
from tests.admin_refusals import assert_admin_refused
from tests.factories import AdministratorFactory, InstructorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(AdministratorFactory())
    return client


def _render_all():
    for pk in Certificate.objects.filter(status="pending").values_list("pk", flat=True):
        services.render_certificate(certificate_id=pk)


def test_list_filters_and_exports(admin_client, complete):
    first, second = complete(), complete()
    _render_all()
    services.revoke(certificate=first.certificates.get(), reason="Error", by=AdministratorFactory())
    response = admin_client.get(reverse("certificates_admin:index") + "?status=issued&export=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["Serial number"] for r in rows] == [second.certificates.get().serial]


def test_revoke_and_reissue_from_the_certificate_page(admin_client, complete):
    certificate = complete().certificates.get()
    _render_all()
    url = reverse("certificates_admin:manage", args=[certificate.pk])
    assert admin_client.get(url).status_code == 200
    admin_client.post(url, {"action": "reissue", "reason": ""})
    assert Certificate.objects.get(pk=certificate.pk).status == "issued"  # refused
    response = admin_client.post(url, {"action": "reissue", "reason": "Name corrected"})
    new = Certificate.objects.get(replaces=certificate)
    assert response["Location"] == reverse("certificates_admin:manage", args=[new.pk])
    assert Certificate.objects.get(pk=certificate.pk).status == "revoked"


def test_issue_for_a_cycle_then_download_its_zip(admin_client, complete):
    enrollments = [complete() for _ in range(3)]
    cycle = enrollments[0].cycle
    Certificate.objects.all().delete()  # as if completed before certificates existed
    page = admin_client.get(reverse("certificates_admin:cycle", args=[cycle.pk])).content.decode()
    assert "3 have no certificate yet" in page
    admin_client.post(reverse("certificates_admin:cycle", args=[cycle.pk]))
    assert Certificate.objects.filter(enrollment__cycle=cycle).count() == 3
    admin_client.post(reverse("certificates_admin:cycle", args=[cycle.pk]))  # idempotent
    assert Certificate.objects.filter(enrollment__cycle=cycle).count() == 3
    page = admin_client.get(reverse("certificates_admin:cycle", args=[cycle.pk])).content.decode()
    assert 'http-equiv="refresh"' in page  # follows the rendering without JavaScript
    _render_all()
    page = admin_client.get(reverse("certificates_admin:cycle", args=[cycle.pk])).content.decode()
    assert "3 of 3 certificates ready" in page and 'http-equiv="refresh"' not in page
    response = admin_client.get(reverse("certificates_admin:cycle_zip", args=[cycle.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = sorted(archive.namelist())
    assert names == sorted(f"{c.serial}.pdf" for c in Certificate.objects.all())
    assert all(archive.read(n).startswith(b"%PDF") for n in names)


def test_instructors_cannot_use_certificate_screens(client, complete):
    certificate = complete().certificates.get()
    client.force_login(InstructorFactory())
    assert_admin_refused(client.get(reverse("certificates_admin:manage", args=[certificate.pk])))
    assert_admin_refused(
        client.get(reverse("certificates_admin:cycle_zip", args=[certificate.enrollment.cycle_id]))
    )


def test_template_preview_is_a_pdf_in_its_language(admin_client, small_programme):
    template = CertificateTemplate.objects.create(
        programme=small_programme,
        language="fr",
        title="Certificat de réussite",
        body="Il est certifié que {name} a suivi le {programme}.",
    )
    from django.test import RequestFactory

    # The admin's preview panel shows whatever serve_preview returns for the edited template.
    response = template.serve_preview(RequestFactory().get("/"), template.default_preview_mode)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    assert "Hélène" in text


def test_a_broken_placeholder_is_refused_with_a_message(small_programme):
    from django.core.exceptions import ValidationError

    template = CertificateTemplate(
        programme=small_programme, language="en", title="T", body="Awarded to {nom}"
    )
    with pytest.raises(ValidationError, match="placeholder"):
        template.full_clean()
