"""Settings of signed certificates (PAdES, `certificates/signing.py`) and of their Open
Badges credentials (`certificates/badges.py`), imported at the end of `base.py`.

Kept in their own module: they are many, and mostly file paths of keys. The defaults are a
development key under `var/signing/` (git-ignored), which `manage.py create_signing_key`
makes and which development and tests create on first use; production refuses to start
with it (`production.py`). See docs/certificates-offline.md for what a ministry checks.
"""

import warnings
from pathlib import Path

import environ

env = environ.Env()
# pyHanko imports cryptography's DSA types (which it never uses for our keys) and cryptography
# warns about DSA at import: twice per process, at the top of `make run` and every command.
warnings.filterwarnings("ignore", message="DSA is deprecated", module="pyhanko")
_DEV_DIR = Path(__file__).resolve().parent.parent.parent / "var" / "signing"
DEV_SIGNING_DIR = _DEV_DIR

# Sign every issued certificate and learner record (PAdES baseline B-B; B-T with a
# timestamp server below). Off: unsigned files (the QR code and the verify page remain).
CERTIFICATE_SIGNING = env.bool("CERTIFICATE_SIGNING", default=True)
# The private key (PEM or DER) and the certificate chain (PEM: the signer's certificate
# first, then its issuers), or a PKCS#11 token below instead of the key file.
CERTIFICATE_SIGNING_KEY = env("CERTIFICATE_SIGNING_KEY", default=str(_DEV_DIR / "key.pem"))
CERTIFICATE_SIGNING_CERT = env("CERTIFICATE_SIGNING_CERT", default=str(_DEV_DIR / "chain.pem"))
CERTIFICATE_SIGNING_PASSPHRASE = env("CERTIFICATE_SIGNING_PASSPHRASE", default="")
# The root a signature must chain to for the verify page to call it UNITAR's.
CERTIFICATE_SIGNING_ROOT = env("CERTIFICATE_SIGNING_ROOT", default=str(_DEV_DIR / "root.pem"))
# A hardware token or HSM through PKCS#11 (needs the python-pkcs11 package): the key never
# leaves it. The module is the vendor's library (.so); key and certificate by label.
CERTIFICATE_SIGNING_PKCS11_MODULE = env("CERTIFICATE_SIGNING_PKCS11_MODULE", default="")
CERTIFICATE_SIGNING_PKCS11_TOKEN = env("CERTIFICATE_SIGNING_PKCS11_TOKEN", default="")
CERTIFICATE_SIGNING_PKCS11_KEY_LABEL = env("CERTIFICATE_SIGNING_PKCS11_KEY_LABEL", default="")
CERTIFICATE_SIGNING_PKCS11_CERT_LABEL = env("CERTIFICATE_SIGNING_PKCS11_CERT_LABEL", default="")
CERTIFICATE_SIGNING_PKCS11_PIN = env("CERTIFICATE_SIGNING_PKCS11_PIN", default="")
# An RFC 3161 timestamp server: signatures become PAdES B-T (proof of the signing time that
# outlives the signing certificate).
CERTIFICATE_TIMESTAMP_URL = env("CERTIFICATE_TIMESTAMP_URL", default="")
# Development and tests create the development key when it is missing; production never.
CERTIFICATE_SIGNING_CREATE_DEV_KEY = False
# The organisation named in the development key's certificates, by which production knows it.
CERTIFICATE_SIGNING_DEV_ORGANISATION = "PATIT development key - not for production"

# The verify page's upload: the largest PDF it reads (a certificate is under 100 KB).
VERIFY_UPLOAD_MAX_BYTES = env.int("VERIFY_UPLOAD_MAX_BYTES", default=2 * 1024 * 1024)

# Open Badges 3.0 credentials are signed as VC-JWT (ES256) with this EC P-256 key (PEM);
# its public half is published as a JWK set (docs/decisions/0012-open-badges-vc-jwt.md).
OPEN_BADGES_KEY = env("OPEN_BADGES_KEY", default=str(_DEV_DIR / "badges-key.pem"))


def is_development_certificate(path) -> bool:
    """Whether the certificate file starts with a development certificate (read by
    production.py, which refuses it, and by certificates/signing.py)."""
    from cryptography import x509

    first = x509.load_pem_x509_certificates(Path(path).read_bytes())[0]
    return CERTIFICATE_SIGNING_DEV_ORGANISATION in first.subject.rfc4514_string()
