"""PAdES signatures: every issued certificate is signed with the configured key and chains
to the configured root; one changed byte breaks it; the verify page's upload tells an
intact, a tampered and a revoked certificate apart. (That signed files still pass PDF/A-3a
and PDF/UA-1 is `test_pdf_standards.py`: the certificates it validates are signed.)"""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pyhanko.keys import load_certs_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from certificates import services, signing
from tests.factories import AdministratorFactory

pytestmark = pytest.mark.django_db


def issued(complete, **learner):
    certificate = complete(**learner).certificates.get()
    assert services.render_certificate(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    return certificate


def pdf_of(certificate) -> bytes:
    with certificate.pdf.open("rb") as handle:
        return handle.read()


def pyhanko_status(data: bytes):
    """pyHanko's own validation against the configured root, nothing of ours in between."""
    reader = PdfFileReader(io.BytesIO(data))
    [signature] = reader.embedded_signatures
    roots = list(load_certs_from_pemder([settings.CERTIFICATE_SIGNING_ROOT]))
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    return validate_pdf_signature(signature, signer_validation_context=context)


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_every_issued_certificate_is_signed_intact_and_chains_to_the_configured_root(
    complete, language
):
    data = pdf_of(issued(complete, preferred_language=language))
    status = pyhanko_status(data)
    assert status.intact and status.valid and status.trusted
    assert status.bottom_line
    assert status.coverage.name == "ENTIRE_FILE"
    assert "UNITAR certificates" in status.signing_cert.subject.human_friendly


def test_one_changed_byte_makes_validation_fail(complete):
    data = pdf_of(issued(complete))
    assert signing.inspect_pdf(data).good
    signature_start = data.index(b"/Contents <")
    for position in (200, signature_start // 2, len(data) - 10):
        changed = bytearray(data)
        changed[position] ^= 0x01
        check = signing.inspect_pdf(bytes(changed))
        assert not check.good, position
        try:
            assert not pyhanko_status(bytes(changed)).bottom_line, position
        except Exception:  # noqa: S110 - pyHanko refusing the file is a failure too
            pass


def test_a_signature_from_another_key_is_intact_but_not_trusted(complete, tmp_path, settings):
    data = pdf_of(issued(complete))
    signing.create_development_key(tmp_path)  # another root, same name
    settings.CERTIFICATE_SIGNING_ROOT = str(tmp_path / "root.pem")
    check = signing.inspect_pdf(data)
    assert check.intact and not check.trusted and not check.good


def test_with_signing_off_the_certificate_is_unsigned(complete, settings):
    settings.CERTIFICATE_SIGNING = False
    data = pdf_of(issued(complete))
    assert PdfFileReader(io.BytesIO(data)).embedded_signatures == []


def upload(client, data: bytes, name="certificate.pdf"):
    return client.post(
        reverse("certificates:verify_file"),
        {"file": SimpleUploadedFile(name, data, content_type="application/pdf")},
    )


def test_the_upload_says_intact_and_valid(client, complete):
    certificate = issued(complete)
    response = upload(client, pdf_of(certificate))
    text = response.content.decode()
    assert response.status_code == 200
    assert "The signature is intact and is UNITAR" in text
    assert certificate.code in text
    assert "This certificate is valid." in text


def test_the_upload_says_a_tampered_file_was_changed(client, complete):
    certificate = issued(complete)
    data = pdf_of(certificate)
    changed = bytearray(data)
    changed[data.index(b"/Contents <") // 2] ^= 0x01
    text = upload(client, bytes(changed)).content.decode()
    assert "The file was changed after it was signed" in text
    assert "This certificate is valid." not in text


def test_the_upload_says_revoked_with_the_reason(client, complete):
    certificate = issued(complete)
    data = pdf_of(certificate)
    services.revoke(certificate=certificate, reason="Obtained by fraud", by=AdministratorFactory())
    text = upload(client, data).content.decode()
    assert "The signature is intact and is UNITAR" in text
    assert "This certificate has been revoked" in text
    assert "Obtained by fraud" in text


def test_the_upload_says_reissued_with_a_link_to_the_new_one(client, complete):
    certificate = issued(complete)
    data = pdf_of(certificate)
    new = services.reissue(
        certificate=certificate, reason="Name corrected", by=AdministratorFactory()
    )
    text = upload(client, data).content.decode()
    assert "Reissued as" in text and new.serial in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7\nnot really", "not a readable PDF"),
        (b"hello", "not a readable PDF"),
    ],
)
def test_the_upload_refuses_what_is_not_a_pdf(client, data, message):
    response = upload(client, data)
    assert message in response.content.decode()


def test_the_upload_says_an_unsigned_pdf_is_unsigned(client, settings, complete):
    settings.CERTIFICATE_SIGNING = False
    text = upload(client, pdf_of(issued(complete))).content.decode()
    assert "This file carries no signature" in text


@pytest.mark.parametrize("size", [2000, 200_000])  # over the limit; far over, before reading
def test_the_upload_refuses_a_file_over_the_limit(client, settings, size):
    settings.VERIFY_UPLOAD_MAX_BYTES = 1000
    response = upload(client, b"%PDF-" + b"0" * size)
    assert response.status_code == 400
    assert "larger than" in response.content.decode()


def test_the_upload_is_rate_limited(client, settings):
    settings.VERIFY_RATE_PER_MINUTE = 2
    for _ in range(2):
        assert upload(client, b"hello").status_code == 200
    assert upload(client, b"hello").status_code == 429


def test_production_refuses_to_start_without_a_real_signing_key(tmp_path):
    from tests.config.test_deploy_safety import PRODUCTION_ENV, _run

    signing.create_development_key(tmp_path)
    on = {**PRODUCTION_ENV, "CERTIFICATE_SIGNING": "on"}
    missing = _run("import django; django.setup()", **on, CERTIFICATE_SIGNING_KEY="/nonexistent")
    assert missing.returncode != 0
    assert "CERTIFICATE_SIGNING_KEY" in missing.stderr
    development = _run(
        "import django; django.setup()",
        **on,
        CERTIFICATE_SIGNING_KEY=str(tmp_path / "key.pem"),
        CERTIFICATE_SIGNING_CERT=str(tmp_path / "chain.pem"),
    )
    assert development.returncode != 0
    assert "this is the development key" in development.stderr


def test_create_signing_key_makes_a_development_key_once(tmp_path):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("create_signing_key", dir=str(tmp_path), stdout=out)
    assert "Created" in out.getvalue()
    assert signing.is_development_certificate(tmp_path / "chain.pem")
    first = (tmp_path / "key.pem").read_bytes()
    call_command("create_signing_key", dir=str(tmp_path), stdout=out)
    assert "exists" in out.getvalue()
    assert (tmp_path / "key.pem").read_bytes() == first


@pytest.fixture
def timestamp_server(tmp_path):
    """An RFC 3161 timestamp authority on loopback (pyHanko's test TSA behind a real HTTP
    server), with its own root; yields (url, root file)."""
    import datetime
    import http.server
    import threading

    from asn1crypto import keys as asn1_keys
    from asn1crypto import tsp
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    now = datetime.datetime.now(datetime.UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # the test TSA signs RSA
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test TSA")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(key, hashes.SHA256())
    )
    der = serialization.Encoding.DER
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(der)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        ),
    )
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            requests.append(self.headers["Content-Type"])
            answer = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    root = tmp_path / "tsa-root.pem"
    root.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    yield f"http://127.0.0.1:{server.server_address[1]}/", root, requests
    server.shutdown()


def test_with_a_timestamp_server_the_signature_is_pades_b_t(complete, settings, timestamp_server):
    url, tsa_root, requests = timestamp_server
    settings.CERTIFICATE_TIMESTAMP_URL = url
    data = pdf_of(issued(complete))
    # pyHanko asks once to size the signature, then for the real timestamp.
    assert requests and set(requests) == {"application/timestamp-query"}
    reader = PdfFileReader(io.BytesIO(data))
    [signature] = reader.embedded_signatures
    roots = list(load_certs_from_pemder([settings.CERTIFICATE_SIGNING_ROOT, str(tsa_root)]))
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    status = validate_pdf_signature(signature, signer_validation_context=context)
    assert status.bottom_line
    assert status.timestamp_validity is not None
    assert status.timestamp_validity.intact and status.timestamp_validity.trusted
