"""PAdES signatures on certificate PDFs (pyHanko), and their verification.

`sign_pdf` appends a signature to a finished PDF/A-3a + PDF/UA-1 file as an incremental
update: the signed revision is the tagged file byte for byte, so both claims still hold
(`tests/certificates/test_signing.py` runs veraPDF on signed files). Baseline B-B with the
key and chain from settings (a file, or a PKCS#11 token); B-T when a timestamp server is
configured. `inspect_pdf` is what the verify page's upload uses: is the signature intact,
whose is it, does it chain to the configured root, and which certificate does it carry.

pyHanko is imported only here and inside the functions: a web process that never signs
or checks a file does not load it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime
import fcntl
import io
import logging
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

log = logging.getLogger(__name__)

FIELD_NAME = "UNITARSignature"
_CODE = re.compile(r"\b(?:[0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}\b")

_lock = threading.Lock()
_signer = None


# --- The development key -------------------------------------------------------------------


def create_development_key(directory: Path, *, force: bool = False) -> bool:
    """A self-signed root and a signing certificate it issued, for the demo and tests:
    `root.pem`, `key.pem` (the signer's key) and `chain.pem` (signer, then root). Returns
    False when they exist already (and `force` is not given). Safe to call from several
    processes at once: the first makes them, the others find them."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (directory / "chain.pem").exists() and not force:
            return False
        now = datetime.datetime.now(datetime.UTC)

        def name(common: str) -> x509.Name:
            return x509.Name(
                [
                    x509.NameAttribute(NameOID.COMMON_NAME, common),
                    x509.NameAttribute(
                        NameOID.ORGANIZATION_NAME, settings.CERTIFICATE_SIGNING_DEV_ORGANISATION
                    ),
                ]
            )

        root_key = ec.generate_private_key(ec.SECP256R1())
        root = (
            x509.CertificateBuilder()
            .subject_name(name("PATIT development root"))
            .issuer_name(name("PATIT development root"))
            .public_key(root_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=False,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .sign(root_key, hashes.SHA256())
        )
        key = ec.generate_private_key(ec.SECP256R1())
        leaf = (
            x509.CertificateBuilder()
            .subject_name(name("UNITAR certificates (development)"))
            .issuer_name(root.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1825))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=True,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
            )
            .sign(root_key, hashes.SHA256())
        )
        pem = serialization.Encoding.PEM
        files = {
            "root.pem": root.public_bytes(pem),
            "chain.pem": leaf.public_bytes(pem) + root.public_bytes(pem),
            "key.pem": key.private_bytes(
                pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            ),
        }
        # chain.pem last: its presence says the set is complete.
        for filename in ("root.pem", "key.pem", "chain.pem"):
            temporary = directory / f".{filename}.tmp"
            temporary.write_bytes(files[filename])
            os.chmod(temporary, 0o600)
            os.replace(temporary, directory / filename)
        return True


def is_development_certificate(path: str | Path) -> bool:
    """Whether the certificate file is (or starts with) a development certificate (the
    same test as production.py's, which cannot import an app)."""
    from cryptography import x509

    first = x509.load_pem_x509_certificates(Path(path).read_bytes())[0]
    return settings.CERTIFICATE_SIGNING_DEV_ORGANISATION in first.subject.rfc4514_string()


# --- Signing -----------------------------------------------------------------------------------


def signing_enabled() -> bool:
    return bool(settings.CERTIFICATE_SIGNING)


def _uses_development_files() -> bool:
    default = Path(settings.DEV_SIGNING_DIR)
    return Path(settings.CERTIFICATE_SIGNING_CERT).parent == default


def _load_signer():
    from pyhanko.sign import signers

    if settings.CERTIFICATE_SIGNING_PKCS11_MODULE:
        from pyhanko.sign import pkcs11

        session = pkcs11.open_pkcs11_session(
            settings.CERTIFICATE_SIGNING_PKCS11_MODULE,
            token_label=settings.CERTIFICATE_SIGNING_PKCS11_TOKEN or None,
            user_pin=settings.CERTIFICATE_SIGNING_PKCS11_PIN or None,
        )
        return pkcs11.PKCS11Signer(
            session,
            key_label=settings.CERTIFICATE_SIGNING_PKCS11_KEY_LABEL or None,
            cert_label=settings.CERTIFICATE_SIGNING_PKCS11_CERT_LABEL or None,
        )
    if settings.CERTIFICATE_SIGNING_CREATE_DEV_KEY and _uses_development_files():
        create_development_key(Path(settings.DEV_SIGNING_DIR))
    key, chain = settings.CERTIFICATE_SIGNING_KEY, settings.CERTIFICATE_SIGNING_CERT
    for path in (key, chain):
        if not Path(path).is_file():
            raise ImproperlyConfigured(
                f"Certificate signing is on but {path} does not exist: set "
                "CERTIFICATE_SIGNING_KEY and CERTIFICATE_SIGNING_CERT, run "
                "`manage.py create_signing_key` for a development key, or set "
                "CERTIFICATE_SIGNING=off."
            )
    from pyhanko.keys import load_certs_from_pemder, load_private_key_from_pemder
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    passphrase = settings.CERTIFICATE_SIGNING_PASSPHRASE
    try:
        private_key = load_private_key_from_pemder(
            key, passphrase=passphrase.encode() if passphrase else None
        )
        certificates = list(load_certs_from_pemder([chain]))
    except (OSError, ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            f"Could not read the signing key {key} or its certificates {chain}: {error} "
            "(wrong CERTIFICATE_SIGNING_PASSPHRASE?)"
        ) from error
    if not certificates:
        raise ImproperlyConfigured(f"{chain} holds no certificate.")
    # The file's first certificate is the signer's, the others its issuers (embedded in
    # the signature so that a reader can build the chain offline).
    return signers.SimpleSigner(
        signing_cert=certificates[0],
        signing_key=private_key,
        cert_registry=SimpleCertificateStore.from_certs(certificates),
    )


def signer():
    """The process's signer, loaded once (a key file read, or a PKCS#11 session opened)."""
    global _signer
    if _signer is None:
        with _lock:
            if _signer is None:
                _signer = _load_signer()
    return _signer


def reset_signer() -> None:
    """Forget the loaded signer (tests that change the key settings)."""
    global _signer
    with _lock:
        _signer = None


def _writer_class():
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    class MetadataKeepingWriter(IncrementalPdfFileWriter):
        """pyHanko rewrites the XMP packet and /Info when it saves (a new modification
        date, its own producer), which drops the PDF/A and PDF/UA identification and breaks
        the packet's agreement with /Info. The signature needs neither: keep both as they
        are, so the signed file is still PDF/A-3a and PDF/UA-1."""

        def _update_meta(self):
            pass

    return MetadataKeepingWriter


def _outside_event_loop(function, *args, **kwargs):
    """pyHanko's synchronous API runs its coroutines with asyncio.run(), which refuses to
    start inside a running event loop (an async caller, or a thread where Playwright's sync
    API is started): there, run the call in a worker thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def sign_pdf(pdf: bytes, *, reason: str) -> bytes:
    """`pdf` with a PAdES signature appended (an incremental update: the signed revision
    is `pdf` unchanged). B-B; B-T when CERTIFICATE_TIMESTAMP_URL is set."""
    from pyhanko.sign import fields, signers, timestamps

    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location="UNITAR",
    )
    timestamper = (
        timestamps.HTTPTimeStamper(settings.CERTIFICATE_TIMESTAMP_URL)
        if settings.CERTIFICATE_TIMESTAMP_URL
        else None
    )
    writer = _writer_class()(io.BytesIO(pdf), strict=False)
    output = _outside_event_loop(
        signers.sign_pdf, writer, metadata, signer=signer(), timestamper=timestamper
    )
    return output.getvalue()


def maybe_sign(pdf: bytes, *, reason: str) -> bytes:
    """`sign_pdf` when signing is on; the file unchanged otherwise."""
    return sign_pdf(pdf, reason=reason) if signing_enabled() else pdf


# --- Verification ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignatureCheck:
    """What the verify page says about an uploaded file."""

    signed: bool
    intact: bool = False  # the signed bytes are unchanged and the signature is the key's
    trusted: bool = False  # the signer's certificate chains to CERTIFICATE_SIGNING_ROOT
    whole_file: bool = False  # nothing but allowed updates was added after signing
    signer: str = ""
    signed_at: datetime.datetime | None = None
    code: str = ""  # the verification code read from the signed revision
    problem: str = ""

    @property
    def good(self) -> bool:
        return self.signed and self.intact and self.trusted and self.whole_file


def _trust_roots():
    from pyhanko.keys import load_certs_from_pemder

    root = settings.CERTIFICATE_SIGNING_ROOT
    if not root or not Path(root).is_file():
        return []
    return list(load_certs_from_pemder([root]))


def _code_of(reader) -> str:
    """The verification code in the document information (the keywords the certificate
    template writes), read from the revision the signature covers."""
    info = reader.trailer_view.get("/Info")
    info = info.get_object() if info is not None else {}
    keywords = str(info.get("/Keywords", ""))
    found = _CODE.search(keywords)
    return found.group(0) if found else ""


def inspect_pdf(data: bytes) -> SignatureCheck:
    """Check the (last) signature of an uploaded PDF. Never raises on bad input: a file
    that is not a PDF, or is broken, is reported as such."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = reader.embedded_signatures
    except Exception as error:  # pyHanko raises many kinds on a broken file
        log.info("Uploaded file unreadable: %s", error)
        return SignatureCheck(signed=False, problem="unreadable")
    if not embedded:
        return SignatureCheck(signed=False, problem="unsigned")
    signature = embedded[-1]
    context = ValidationContext(trust_roots=_trust_roots(), allow_fetching=False)
    try:
        status = _outside_event_loop(
            validate_pdf_signature, signature, signer_validation_context=context
        )
    except Exception as error:
        log.info("Uploaded file's signature could not be validated: %s", error)
        return SignatureCheck(signed=True, problem="broken")
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    try:
        revision = reader.get_historical_resolver(signature.signed_revision)
        code = _code_of(revision)
    except Exception:
        code = ""
    return SignatureCheck(
        signed=True,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        # Our signature is the file's last revision: anything appended after it (a changed
        # name in an incremental update) leaves the file not wholly covered.
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        signer=status.signing_cert.subject.human_friendly,
        signed_at=status.signer_reported_dt,
        code=code if status.intact else "",
    )
