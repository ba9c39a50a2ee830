"""Certificate PDFs are private files: not under MEDIA_ROOT, not at any /media/ URL, read
only through the owner's download and the administrators' screens; lesson images stay
public. And the storage is shared: a PDF a worker renders on one machine downloads on
another."""

import io
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from certificates import services
from certificates.models import Certificate
from private_files.models import StoredFile
from tests.admin_refusals import assert_admin_refused
from tests.factories import AdministratorFactory, LearnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    os.makedirs(settings.MEDIA_ROOT)
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def issued(complete, media_root):
    certificate = complete().certificates.get()
    services.render_certificate(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    return certificate


def _text(pdf: bytes) -> str:
    return "".join(
        "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    )


def test_a_rendered_pdf_is_in_the_private_storage_and_not_in_media(issued, media_root):
    assert issued.pdf.name == f"certificates/{issued.serial}.pdf"
    assert StoredFile.objects.filter(name=issued.pdf.name).exists()
    assert not any(media_root.rglob("*.pdf"))
    with pytest.raises(NotImplementedError):
        issued.pdf.url  # noqa: B018 - no public URL to give out


def test_no_media_url_serves_a_certificate(client, issued, media_root):
    # Even a PDF left in MEDIA_ROOT by an older version is not served at /media/.
    (media_root / "certificates").mkdir()
    (media_root / "certificates" / f"{issued.serial}.pdf").write_bytes(b"%PDF-old")
    (media_root / "images").mkdir()
    (media_root / "images" / "lesson.png").write_bytes(b"\x89PNG lesson image")

    assert client.get(f"/media/certificates/{issued.serial}.pdf").status_code == 404
    assert client.get(f"/media/images/../certificates/{issued.serial}.pdf").status_code == 404
    assert client.get("/media/images/lesson.png").status_code == 200  # images stay public
    client.force_login(issued.enrollment.learner)
    assert client.get(f"/media/certificates/{issued.serial}.pdf").status_code == 404


def test_the_owner_and_administrators_download_it_nobody_else(client, issued):
    url = reverse("certificates:download", args=[issued.serial])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(LearnerFactory())
    assert client.get(url).status_code == 404
    client.force_login(issued.enrollment.learner)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert issued.serial in _text(b"".join(response.streaming_content))

    admin_url = reverse("certificates_admin:pdf", args=[issued.pk])
    assert_admin_refused(client.get(admin_url), staff=False)  # a learner: no admin at all
    client.force_login(AdministratorFactory())
    page = client.get(reverse("certificates_admin:manage", args=[issued.pk])).content.decode()
    assert admin_url in page
    response = client.get(admin_url)
    assert response.status_code == 200
    assert issued.serial in _text(b"".join(response.streaming_content))


def test_a_missing_file_is_a_404_not_a_500(client, issued):
    StoredFile.objects.all().delete()
    client.force_login(issued.enrollment.learner)
    assert client.get(reverse("certificates:download", args=[issued.serial])).status_code == 404


def test_the_migration_moves_old_public_pdfs_into_private_storage(issued, media_root):
    from importlib import import_module

    migration = import_module("certificates.migrations.0004_certificate_pdf_private_storage")
    StoredFile.objects.all().delete()
    storages["default"].save(issued.pdf.name, ContentFile(b"%PDF-1.7 rendered before"))
    assert (media_root / issued.pdf.name).exists()

    migration.move_pdfs_out_of_public_media(apps, None)
    assert not (media_root / issued.pdf.name).exists()
    with issued.pdf.open("rb") as handle:
        assert handle.read() == b"%PDF-1.7 rendered before"


# --- Two machines ---------------------------------------------------------------------------

LEARNERS = 6


@pytest.fixture
def s3_service(monkeypatch):
    """An S3-compatible service on loopback (moto's server) with a private bucket; this
    process's certificate storage points at it, and the returned variables point a worker
    at it the way a deployment's environment would."""
    boto3 = pytest.importorskip("boto3")
    moto_server = pytest.importorskip("moto.server")
    from storages.backends.s3 import S3Storage

    from certificates.models import Certificate

    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    env = {
        "CERTIFICATE_STORAGE": "s3",
        "CERTIFICATES_S3_BUCKET": "patit-certificates",
        "CERTIFICATES_S3_ENDPOINT_URL": f"http://{host}:{port}",
        "CERTIFICATES_S3_REGION": "us-east-1",
        "CERTIFICATES_S3_ACCESS_KEY_ID": "test-key",
        "CERTIFICATES_S3_SECRET_ACCESS_KEY": "test-secret",
    }
    client = boto3.client(
        "s3",
        endpoint_url=env["CERTIFICATES_S3_ENDPOINT_URL"],
        region_name="us-east-1",
        aws_access_key_id="test-key",
        aws_secret_access_key="test-secret",
    )
    client.create_bucket(Bucket=env["CERTIFICATES_S3_BUCKET"])
    storage = S3Storage(
        bucket_name=env["CERTIFICATES_S3_BUCKET"],
        endpoint_url=env["CERTIFICATES_S3_ENDPOINT_URL"],
        region_name="us-east-1",
        access_key="test-key",
        secret_key="test-secret",
        default_acl="private",
        querystring_auth=True,
        file_overwrite=True,
    )
    monkeypatch.setattr(Certificate._meta.get_field("pdf"), "storage", storage)
    yield env, client
    server.stop()


@pytest.mark.redis
@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("backend", ["database", "s3"])
def test_pdfs_rendered_by_a_worker_on_another_machine_download_on_the_web(
    backend, real_broker, redis_url, complete, client, settings, tmp_path, request
):
    """The web (this process) and the worker have different local media directories, as two
    machines would; every certificate the worker renders downloads through the web."""
    from tests.celery_helpers import drained, kill, start_worker, wait, worker_env

    storage_env, s3 = {"CERTIFICATE_STORAGE": "database"}, None
    if backend == "s3":
        storage_env, s3 = request.getfixturevalue("s3_service")
    web_media, worker_media = tmp_path / "web-media", tmp_path / "worker-media"
    web_media.mkdir()
    worker_media.mkdir()
    settings.MEDIA_ROOT = str(web_media)
    env = worker_env(redis_url, MEDIA_ROOT=str(worker_media), **storage_env)
    log_path = tmp_path / "worker.log"
    with open(log_path, "w") as log:
        worker = start_worker(env, real_broker, log)
        try:
            enrollments = [complete() for _ in range(LEARNERS)]
            done = wait(
                lambda: Certificate.objects.filter(status="issued").count() == LEARNERS, timeout=120
            )
            if not done:  # a render queued before the worker listened: the sweeper's job
                services.sweep(now=timezone.now() + timedelta(minutes=5))
                done = wait(
                    lambda: Certificate.objects.filter(status="issued").count() == LEARNERS,
                    timeout=60,
                )
            assert done, log_path.read_text()[-3000:]
            # Killed only once it has finished and acknowledged every task it was handed.
            assert wait(lambda: drained(redis_url, real_broker), timeout=60), log_path.read_text()[
                -3000:
            ]
        finally:
            kill(worker)

    for enrollment in enrollments:
        certificate = enrollment.certificates.get()
        client.force_login(enrollment.learner)
        response = client.get(reverse("certificates:download", args=[certificate.serial]))
        assert response.status_code == 200, certificate.serial
        assert certificate.serial in _text(b"".join(response.streaming_content))
        client.logout()
        assert client.get(f"/media/certificates/{certificate.serial}.pdf").status_code == 404
    assert not any(web_media.rglob("*.pdf")) and not any(worker_media.rglob("*.pdf"))
    if s3 is not None:  # the worker wrote to the bucket, privately, and the web read it there
        assert not StoredFile.objects.exists()
        keys = [o["Key"] for o in s3.list_objects_v2(Bucket="patit-certificates")["Contents"]]
        assert sorted(keys) == sorted(e.certificates.get().pdf.name for e in enrollments)
        grants = s3.get_object_acl(Bucket="patit-certificates", Key=keys[0])["Grants"]
        assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]  # owner only
