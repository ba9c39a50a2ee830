"""A cycle's certificates download as one ZIP that is streamed: a valid archive of PDFs, and
the memory it takes does not grow with the number of certificates."""

import io
import tracemalloc
import zipfile
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from certificates import services
from certificates.archive import stream_zip
from certificates.models import Certificate, new_verification_code
from courses.models import Enrollment
from private_files.storage import certificate_storage
from tests.factories import AdministratorFactory, CycleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def real_pdf(complete):
    """The bytes of one certificate rendered by the real service (WeasyPrint)."""
    enrollment = complete()
    certificate = enrollment.certificates.get()
    services.render_certificate(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    with certificate.pdf.open("rb") as handle:
        return handle.read()


def _cycle_with_certificates(programme, count: int, pdf: bytes):
    """A cycle whose `count` completed learners each have an issued certificate with a PDF
    of its own (the same real bytes, padded apart); built in bulk: the export is the
    subject here, the issuing path has its own tests."""
    cycle = CycleFactory(programme=programme, capacity=count)
    learners = User.objects.bulk_create(
        User(email=f"zip{cycle.pk}.{i}@missions.example.org", member_state="FRA")
        for i in range(count)
    )
    now = timezone.now()
    enrollments = Enrollment.objects.bulk_create(
        Enrollment(
            cycle=cycle,
            programme=programme,
            learner=learner,
            status=Enrollment.Status.COMPLETED,
            applied_at=now - timedelta(days=30),
            seated_at=now - timedelta(days=30),
            completed_at=now,
            rank=learner.rank,
            member_state=learner.member_state,
        )
        for learner in learners
    )
    storage = certificate_storage()
    certificates = []
    for i, enrollment in enumerate(enrollments):
        serial = f"{cycle.code}-{i + 1:04d}"
        name = storage.save(f"certificates/{serial}.pdf", ContentFile(pdf + b"%" * i))
        certificates.append(
            Certificate(
                enrollment=enrollment,
                serial=serial,
                code=new_verification_code(),
                status=Certificate.Status.ISSUED,
                language="en",
                issued_at=now,
                pdf=name,
            )
        )
    Certificate.objects.bulk_create(certificates)
    return cycle


def _download(client, cycle) -> tuple[bytes, int]:
    """The ZIP's bytes and the peak of memory allocated while serving and reading it, with
    the response consumed a chunk at a time as a server sends it (only its length kept, as
    a socket would)."""
    length, body = 0, io.BytesIO()
    tracemalloc.start()
    try:
        response = client.get(reverse("certificates_admin:cycle_zip", args=[cycle.pk]))
        assert response.status_code == 200 and response.streaming
        for chunk in response.streaming_content:
            length += len(chunk)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Fetched again, outside the measurement, to read it back.
    response = client.get(reverse("certificates_admin:cycle_zip", args=[cycle.pk]))
    for chunk in response.streaming_content:
        body.write(chunk)
    assert len(body.getvalue()) == length  # the same archive (its timestamps aside)
    return body.getvalue(), peak


def test_a_cycle_zip_is_streamed_in_bounded_memory(client, small_programme, real_pdf):
    assert real_pdf.startswith(b"%PDF-")
    client.force_login(AdministratorFactory())
    peaks = {}
    for count in (50, 200):
        cycle = _cycle_with_certificates(small_programme, count, real_pdf)
        data, peaks[count] = _download(client, cycle)
        archive = zipfile.ZipFile(io.BytesIO(data))
        assert archive.testzip() is None  # every member's CRC checks
        names = archive.namelist()
        assert names == [f"{cycle.code}-{i + 1:04d}.pdf" for i in range(count)]
        for i, name in enumerate(names):
            member = archive.read(name)
            assert member.startswith(b"%PDF-") and member == real_pdf + b"%" * i
    total_pdfs = 200 * len(real_pdf)
    # Holding the PDFs would take at least their total size (about 200 x 30 KB); streaming
    # takes a chunk and one file, whatever the count.
    assert peaks[200] - peaks[50] < 512 * 1024, peaks
    assert peaks[200] < total_pdfs / 2, (peaks, total_pdfs)


def test_stream_zip_of_nothing_is_an_empty_archive():
    data = b"".join(stream_zip(iter(()), certificate_storage()))
    assert zipfile.ZipFile(io.BytesIO(data)).namelist() == []
