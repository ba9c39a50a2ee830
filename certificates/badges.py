"""Open Badges 3.0 credentials of issued certificates, signed as VC-JWT
(docs/decisions/0012-open-badges-vc-jwt.md).

For each issued certificate the learner downloads an `OpenBadgeCredential` (W3C Verifiable
Credentials data model 2.0): UNITAR's issuer profile, the programme as the achievement, the
name the certificate printed, and a `BitstringStatusListEntry` whose index is the
certificate's id. The credential is a JWS (compact, ES256, `typ: vc+jwt`) whose payload is
the credential itself (VC-JOSE-COSE). The site publishes:
- the issuer profile (`/badges/issuer/`) and its public key as a JWK set (`/badges/jwks.json`);
- the revocation list (`/badges/status/revocation/`), a `BitstringStatusListCredential`
  built from the database on every request, so a revocation shows in it from the moment the
  administrator's revocation commits.

Everything is computed from what the certificate stored when it was issued, never from the
learner's account: erasing a person (people/personal_data.py keeps certificates) leaves their
credentials verifiable exactly as the PDF stays verifiable. joserfc does the cryptography.
"""

from __future__ import annotations

import base64
import gzip
import json
import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from .models import Certificate

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
MEDIA_TYPE = "application/vc+jwt"
# The spec's minimum length (W3C Bitstring Status List 1.0, 6.1): 16 KB, so that an index
# tells little about a holder. It grows by the same step when ids pass it.
STATUS_LIST_BITS = 131_072
ISSUER_NAME = "United Nations Institute for Training and Research (UNITAR)"


# --- The key -------------------------------------------------------------------------------


def _create_development_key(path: Path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    path.parent.mkdir(parents=True, exist_ok=True)
    pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    temporary = path.with_name(f".{path.name}.{id(pem)}.tmp")
    temporary.write_bytes(pem)
    temporary.chmod(0o600)
    # Several processes may race here: the first link wins, the others drop theirs.
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        temporary.unlink()


def private_key():
    """The EC P-256 key that signs credentials and the status list (a JWK with its kid)."""
    from joserfc.jwk import ECKey

    path = Path(settings.OPEN_BADGES_KEY)
    if (
        not path.is_file()
        and settings.CERTIFICATE_SIGNING_CREATE_DEV_KEY
        and path.parent == Path(settings.DEV_SIGNING_DIR)
    ):
        _create_development_key(path)
    if not path.is_file():
        raise ImproperlyConfigured(
            f"OPEN_BADGES_KEY: {path} does not exist; name an EC P-256 private key (PEM)."
        )
    key = ECKey.import_key(path.read_bytes(), parameters={"use": "sig", "alg": "ES256"})
    key.ensure_kid()
    return key


def jwks() -> dict:
    """The public half of the key, as a JWK set anyone can fetch."""
    return {"keys": [private_key().as_dict(private=False)]}


# --- URLs and documents -----------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def issuer_id() -> str:
    return _absolute(reverse("certificates:badge_issuer"))


def status_list_url() -> str:
    return _absolute(reverse("certificates:badge_status_list"))


def issuer_profile() -> dict:
    """UNITAR's Open Badges issuer profile, served at its own id."""
    return {
        "@context": CONTEXTS,
        "id": issuer_id(),
        "type": ["Profile"],
        "name": ISSUER_NAME,
        "url": settings.PUBLIC_BASE_URL.rstrip("/") + "/",
        "publicKey": _absolute(reverse("certificates:badge_jwks")),
    }


def _iso(value) -> str:
    return value.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def credential(certificate: Certificate) -> dict:
    """The unsigned OpenBadgeCredential of an issued certificate, from its stored facts."""
    from .services import verify_url

    programme = certificate.enrollment.cycle.programme
    # An identifier (a URI, not a page): one achievement per programme.
    achievement_id = f"{issuer_id()}#achievement-{programme.pk}"
    items = "; ".join(certificate.completed_items)
    return {
        "@context": CONTEXTS,
        "id": verify_url(certificate),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer_id(), "type": ["Profile"], "name": ISSUER_NAME},
        "validFrom": _iso(certificate.issued_at or certificate.created_at),
        "name": certificate.programme_title,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": certificate.printed_name,
                }
            ],
            "achievement": {
                "id": achievement_id,
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": certificate.programme_title,
                "description": (
                    f"{certificate.cycle_title} ({certificate.cycle_code}), "
                    f"{certificate.starts_on} to {certificate.ends_on}"
                ),
                "criteria": {"narrative": f"Completed: {items}" if items else "Completed."},
            },
        },
        "evidence": [
            {
                "id": verify_url(certificate),
                "type": ["Evidence"],
                "name": f"Certificate {certificate.serial}",
            }
        ],
        "credentialStatus": {
            "id": f"{status_list_url()}#{certificate.pk}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(certificate.pk),
            "statusListCredential": status_list_url(),
        },
    }


def sign(document: dict) -> str:
    """A VC-JWT: the compact JWS of the document, ES256, with the published key's kid."""
    from joserfc import jws

    key = private_key()
    header = {"alg": "ES256", "kid": key.kid, "typ": "vc+jwt", "cty": "vc"}
    payload = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    return jws.serialize_compact(header, payload, key, algorithms=["ES256"])


def signed_credential(certificate: Certificate) -> str:
    if certificate.status != Certificate.Status.ISSUED:
        raise ValueError(f"Certificate {certificate.serial} is not issued; it has no credential.")
    return sign(credential(certificate))


# --- The revocation list ----------------------------------------------------------------------


def encode_bits(revoked: list[int]) -> str:
    """The W3C bitstring: bit i (from the left of byte 0) set for each index i, GZIP-
    compressed, base64url without padding, with the multibase prefix "u"."""
    top = max(revoked, default=0) + 1
    length = STATUS_LIST_BITS * max(1, -(-top // STATUS_LIST_BITS))
    bits = bytearray(length // 8)
    for index in revoked:
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode().rstrip("=")


def status_list_credential() -> dict:
    """The revocation list as a BitstringStatusListCredential, read from the database now."""
    revoked = list(
        Certificate.objects.filter(status=Certificate.Status.REVOKED).values_list("pk", flat=True)
    )
    url = status_list_url()
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode_bits(revoked),
        },
    }
