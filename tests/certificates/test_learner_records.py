"""Learner records: every cycle of a learner with its outcome, modules, seminar attendance and
certificates, in their language, as JSON and as a tagged, signed PDF with its own
verification code; the learner downloads their own, a focal point their mission's
diplomats' (another mission's: 404)."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from certificates import services, signing
from certificates.models import LearnerRecord
from courses import services as course_services
from missions import services as mission_services
from tests.factories import AdministratorFactory, CycleFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_record_lists_every_cycle_with_its_outcome_in_the_learners_language(client, complete):
    first = complete(preferred_language="fr", member_state="GHA")
    learner = first.learner
    certificate = first.certificates.get()
    services.render_certificate(certificate_id=certificate.pk)
    admin = AdministratorFactory()
    services.revoke(certificate=certificate, reason="Nom mal orthographié", by=admin)
    new = services.reissue(certificate=certificate, reason="Nom corrigé", by=admin)
    another = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    later = CycleFactory(programme=another, capacity=5, seminar_requirement="none")
    second = course_services.apply(learner=learner, cycle=later)
    course_services.withdraw(enrollment=second, by=learner)

    client.force_login(learner)
    data = client.get(reverse("certificates:my_record_json")).json()
    assert data["language"] == "fr"
    assert [c["cycle_code"] for c in data["cycles"]] == [first.cycle.code, later.code]
    done, left = data["cycles"]
    assert (done["outcome"], done["outcome_label"]) == ("completed", "Terminé")
    assert left["outcome"] == "withdrawn"
    assert all(m["completed"] for m in done["modules"])
    assert [(c["serial"], c["status"]) for c in done["certificates"]] == [
        (certificate.serial, "revoked"),
        (new.serial, "pending"),
    ]
    assert done["certificates"][0]["revoked_reason"] == "Nom mal orthographié"
    record = LearnerRecord.objects.get(learner=learner)
    assert data["verification_code"] == record.code

    # Nothing changed: the same record (and code); a change makes a new one.
    assert client.get(reverse("certificates:my_record_json")).json()["verification_code"] == (
        record.code
    )

    response = client.get(reverse("certificates:my_record_pdf"))
    assert response.status_code == 200
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert later.code in text and record.code in text and "Relevé" in text
    assert signing.inspect_pdf(response.content).good
    assert signing.inspect_pdf(response.content).code == record.code

    page = client.get(reverse("certificates:verify_code", args=[record.code]))
    assert page.status_code == 200
    assert data["learner"] in page.content.decode()


def test_a_focal_point_downloads_their_missions_diplomats_records_only(client, complete):
    ghanaian = complete(member_state="GHA").learner
    peruvian = complete(member_state="PER").learner
    focal = UserFactory(member_state="GHA")
    mission_services.appoint(user=focal, member_state="GHA", by=AdministratorFactory())
    client.force_login(focal)
    for name in ("missions:diplomat_record_json", "missions:diplomat_record_pdf"):
        assert client.get(reverse(name, args=[ghanaian.pk])).status_code == 200
        assert client.get(reverse(name, args=[peruvian.pk])).status_code == 404
    data = client.get(reverse("missions:diplomat_record_json", args=[ghanaian.pk])).json()
    assert len(data["cycles"]) == 1
    # A learner is no focal point.
    client.force_login(peruvian)
    assert (
        client.get(reverse("missions:diplomat_record_json", args=[ghanaian.pk])).status_code == 403
    )
