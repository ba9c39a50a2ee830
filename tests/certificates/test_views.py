"""Public verification and learners' own certificates."""

import pytest

from certificates import services
from tests.factories import AdministratorFactory, LearnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(complete):
    certificate = complete(first_name="Awa", last_name="Ndiaye").certificates.get()
    services.render_certificate(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    return certificate


def test_valid_certificate_shows_its_facts(client, issued):
    response = client.get(f"/verify/{issued.code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Valid" in html and "Awa Ndiaye" in html and issued.serial in html
    assert issued.enrollment.cycle.code in html


def test_the_form_redirects_to_the_normalised_code(client, issued):
    response = client.get("/verify/", {"code": issued.code.lower().replace("-", "")})
    assert response.status_code == 302 and response["Location"] == f"/verify/{issued.code}/"
    response = client.get("/verify/", {"code": "123"})
    assert "not a valid verification code" in response.content.decode()


def test_unknown_code_is_a_404_that_says_so(client):
    response = client.get("/verify/AAAA-BBBB-CCCC-DDDD-EEEE/")
    assert response.status_code == 404 and "Unknown code" in response.content.decode()


def test_revoked_certificate_shows_as_revoked_with_date_and_replacement(client, issued):
    new = services.reissue(certificate=issued, by=AdministratorFactory(), reason="Name corrected")
    html = client.get(f"/verify/{issued.code}/").content.decode()
    assert "Revoked" in html and "Replaced by" in html and new.serial in html
    assert "Name corrected" in html


def test_learner_downloads_their_own_certificate_and_nobody_elses(client, issued):
    owner = issued.enrollment.learner
    client.force_login(owner)
    page = client.get("/certificates/").content.decode()
    assert issued.serial in page and "linkedin.com/profile/add" in page
    response = client.get(f"/certificates/{issued.serial}/download/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(LearnerFactory())
    assert client.get(f"/certificates/{issued.serial}/download/").status_code == 404
    client.logout()
    assert client.get(f"/certificates/{issued.serial}/download/").status_code == 302


def test_verification_is_rate_limited(client, settings, issued):
    for _ in range(settings.VERIFY_RATE_PER_MINUTE):
        assert client.get(f"/verify/{issued.code}/").status_code == 200
    response = client.get(f"/verify/{issued.code}/")
    assert response.status_code == 429 and response["Retry-After"] == "60"
