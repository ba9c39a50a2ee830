"""Open Badges 3.0: the learner's credential is checked here with jwcrypto (a JOSE library the
site does not use) and the key the site publishes: it verifies, one changed field breaks it,
and the site's revocation list shows it revoked right after the administrator revokes."""

import base64
import gzip
import json

import pytest
from django.urls import reverse
from jwcrypto import jwk, jws

from certificates import services
from people.personal_data import erase_person
from tests.factories import AdministratorFactory

pytestmark = pytest.mark.django_db


def issued(complete, **learner):
    certificate = complete(**learner).certificates.get()
    assert services.render_certificate(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    return certificate


def published_keys(client) -> jwk.JWKSet:
    response = client.get(reverse("certificates:badge_jwks"))
    assert response.status_code == 200
    return jwk.JWKSet.from_json(response.content)


def verified_payload(token: str, keys: jwk.JWKSet) -> dict:
    """jwcrypto's verification with the published key named by the token's kid; raises
    InvalidJWSSignature when the token was changed."""
    signed = jws.JWS()
    signed.deserialize(token)
    header = signed.jose_header
    assert header["alg"] == "ES256" and header["typ"] == "vc+jwt"
    signed.verify(keys.get_key(header["kid"]), alg="ES256")
    return json.loads(signed.payload)


def download(client, certificate) -> str:
    client.force_login(certificate.enrollment.learner)
    response = client.get(reverse("certificates:badge", args=[certificate.serial]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    client.logout()
    return response.content.decode()


def revoked_in_status_list(client, credential: dict, keys: jwk.JWKSet) -> bool:
    entry = credential["credentialStatus"]
    assert entry["type"] == "BitstringStatusListEntry"
    assert entry["statusPurpose"] == "revocation"
    path = entry["statusListCredential"].removeprefix("http://testserver")
    status_list = verified_payload(client.get(path).content.decode(), keys)
    assert "BitstringStatusListCredential" in status_list["type"]
    multibase = status_list["credentialSubject"]["encodedList"]
    assert multibase.startswith("u")  # multibase: base64url without padding
    encoded = multibase[1:]
    raw = gzip.decompress(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    assert len(raw) * 8 >= 131_072
    index = int(entry["statusListIndex"])
    return bool(raw[index // 8] & (0x80 >> (index % 8)))


def test_the_credential_verifies_with_the_published_key(client, complete):
    certificate = issued(complete, preferred_language="fr")
    keys = published_keys(client)
    credential = verified_payload(download(client, certificate), keys)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    issuer = client.get(reverse("certificates:badge_issuer")).json()
    assert credential["issuer"]["id"] == issuer["id"]
    subject = credential["credentialSubject"]
    assert subject["identifier"][0]["identityHash"] == certificate.printed_name
    assert subject["achievement"]["name"] == certificate.programme_title
    assert certificate.code in credential["id"]
    assert not revoked_in_status_list(client, credential, keys)


def test_one_changed_field_is_rejected(client, complete):
    token = download(client, issued(complete))
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["credentialSubject"]["identifier"][0]["identityHash"] = "Someone Else"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    with pytest.raises(jws.InvalidJWSSignature):
        verified_payload(f"{header}.{forged}.{signature}", published_keys(client))


def test_revocation_shows_in_the_status_list_at_once(client, complete):
    certificate = issued(complete)
    other = issued(complete)
    keys = published_keys(client)
    credential = verified_payload(download(client, certificate), keys)
    other_credential = verified_payload(download(client, other), keys)
    services.revoke(certificate=certificate, reason="Issued in error", by=AdministratorFactory())
    assert revoked_in_status_list(client, credential, keys)
    assert not revoked_in_status_list(client, other_credential, keys)


def test_erasure_keeps_the_credential_verifiable(client, complete):
    certificate = issued(complete)
    token = download(client, certificate)
    erase_person(user=certificate.enrollment.learner, by=AdministratorFactory(), reason="Asked")
    keys = published_keys(client)
    credential = verified_payload(token, keys)
    assert not revoked_in_status_list(client, credential, keys)


def test_only_the_owner_downloads_an_issued_certificates_credential(client, complete):
    certificate = issued(complete)
    url = reverse("certificates:badge", args=[certificate.serial])
    client.force_login(complete().learner)  # another learner
    assert client.get(url).status_code == 404
    client.force_login(certificate.enrollment.learner)
    services.revoke(certificate=certificate, reason="Issued in error", by=AdministratorFactory())
    assert client.get(url).status_code == 404


def test_the_certificates_page_links_the_credential(client, complete):
    certificate = issued(complete)
    client.force_login(certificate.enrollment.learner)
    page = client.get(reverse("certificates:mine")).content.decode()
    assert reverse("certificates:badge", args=[certificate.serial]) in page
