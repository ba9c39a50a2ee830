"""What the read API answers: a valid OpenAPI 3 schema, docs that work offline, and rows
that say what the pages say (seats, waitlist positions, progress, outcomes, certificates),
in pages that never overlap or skip."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from openapi_spec_validator import validate

from api import tokens
from certificates import services as certificate_services
from courses import selectors, services
from courses.models import Enrollment
from tests.factories import AdministratorFactory, CycleFactory, LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
S = Enrollment.Status


def _get(client, token, name, query="", **kwargs):
    url = reverse(name, kwargs=kwargs) + query
    return client.get(url, headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def admin_token(db):
    return tokens.create_token(user=AdministratorFactory(), name="admin")[1]


def test_the_schema_is_a_valid_openapi_3_document(client):
    response = client.get(reverse("api:openapi-json"))
    assert response.status_code == 200
    schema = response.json()
    validate(schema)  # raises on any error
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/programmes/",
        "/api/v1/cycles/",
        "/api/v1/enrollments/",
        "/api/v1/certificates/",
        "/api/v1/learners/",
        "/api/v1/learners/{learner_id}/",
    }
    assert schema["components"]["securitySchemes"]["BearerToken"]["scheme"] == "bearer"


def test_the_docs_load_only_this_sites_files(client):
    """Swagger UI from the files django-ninja ships: no CDN (the machine may be offline),
    and nothing the site's Content-Security-Policy would block."""
    response = client.get(reverse("api:openapi-view"))
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(a.startswith("/static/") for a in assets), assets
    for asset in assets:
        assert finders.find(asset.removeprefix("/static/")), asset
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_cycles_show_capacity_seats_taken_and_waitlist_length(client, admin_token):
    cycle = CycleFactory(
        programme=ProgrammeFactory(modules=1, seminar=False, lessons=1), capacity=2
    )
    for _ in range(5):
        services.apply(learner=LearnerFactory(), cycle=cycle)
    (item,) = _get(client, admin_token, "api:cycles").json()["items"]
    assert (item["code"], item["capacity"], item["seats_taken"], item["waitlist_length"]) == (
        cycle.code,
        2,
        2,
        3,
    )


def test_enrollments_show_status_position_progress_outcome_and_certificate(client, admin_token):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=2)
    cycle = CycleFactory(
        programme=programme, capacity=1, policy="seniority", seminar_requirement="none"
    )
    done, first, second, gone = (LearnerFactory() for _ in range(4))
    for learner in (done, first, second, gone):
        services.apply(learner=learner, cycle=cycle)
    for lesson in programme.modules().first().lessons():
        services.complete_lesson(learner=done, lesson=lesson)
    certificate = Enrollment.objects.get(learner=done).certificates.get()
    certificate_services.render_certificate(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    services.withdraw(enrollment=Enrollment.objects.get(learner=gone), by=gone)
    items = {
        i["learner"]["id"]: i for i in _get(client, admin_token, "api:enrollments").json()["items"]
    }
    positions = selectors.waitlist_positions(cycle=cycle)

    assert items[done.pk]["status"] == "completed" and items[done.pk]["outcome"] == "completed"
    assert items[done.pk]["progress"] == {
        "percent": 100,
        "lessons_done": 2,
        "lessons_total": 2,
        "seminar_attended": None,
    }
    assert items[done.pk]["certificate"] == {
        "serial": certificate.serial,
        "code": certificate.code,
        "status": "issued",
        "verify_url": "http://testserver"
        + reverse("certificates:verify_code", args=[certificate.code]),
    }
    for learner in (first, second):
        row = items[learner.pk]
        assert row["status"] == "waitlisted" and row["outcome"] is None
        assert row["waitlist_position"] == positions[row["id"]]
        assert row["progress"]["percent"] == 0 and row["certificate"] is None
    assert {items[first.pk]["waitlist_position"], items[second.pk]["waitlist_position"]} == {1, 2}
    assert items[gone.pk]["outcome"] == "withdrawn" and items[gone.pk]["waitlist_position"] is None
    # The filters
    waiting = _get(client, admin_token, "api:enrollments", f"?status=waitlisted&cycle={cycle.code}")
    assert {i["learner"]["id"] for i in waiting.json()["items"]} == {first.pk, second.pk}


def test_certificates_link_to_their_public_verification_page(client, admin_token):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    cycle = CycleFactory(programme=programme, seminar_requirement="none")
    learner = LearnerFactory()
    services.apply(learner=learner, cycle=cycle)
    services.complete_lesson(learner=learner, lesson=programme.modules().first().lessons().first())
    certificate = Enrollment.objects.get(learner=learner).certificates.get()
    certificate_services.render_certificate(certificate_id=certificate.pk)
    (item,) = _get(client, admin_token, "api:certificates").json()["items"]
    assert (item["code"], item["status"], item["cycle"]) == (certificate.code, "issued", cycle.code)
    path = item["verify_url"].removeprefix("http://testserver")
    page = client.get(path)
    assert page.status_code == 200 and certificate.code in page.content.decode()


def test_a_learner_record_lists_every_cycle_with_its_outcome(client):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    earlier = CycleFactory(programme=programme, seminar_requirement="none")
    later = CycleFactory(programme=programme, seminar_requirement="none")
    learner = LearnerFactory()
    services.withdraw(enrollment=services.apply(learner=learner, cycle=earlier), by=learner)
    services.apply(learner=learner, cycle=later)
    token = tokens.create_token(user=learner, name="me")[1]
    record = _get(client, token, "api:learner", learner_id=learner.pk).json()
    assert record["email"] == learner.email
    assert [(c["cycle"], c["status"], c["outcome"]) for c in record["cycles"]] == [
        (earlier.code, "withdrawn", "withdrawn"),
        (later.code, "enrolled", None),
    ]
    other = LearnerFactory()
    assert _get(client, token, "api:learner", learner_id=other.pk).status_code == 404


def test_pages_have_a_stable_order_and_neither_overlap_nor_skip(client, admin_token):
    cycle = CycleFactory(
        programme=ProgrammeFactory(modules=1, seminar=False, lessons=1), capacity=3
    )
    for _ in range(7):
        services.apply(learner=LearnerFactory(), cycle=cycle)
    url = reverse("api:enrollments") + "?limit=3"
    seen, pages = [], 0
    while url:
        page = client.get(url, headers={"Authorization": f"Bearer {admin_token}"}).json()
        assert page["count"] == 7
        seen += [item["id"] for item in page["items"]]
        url, pages = page["next"], pages + 1
    assert pages == 3
    assert seen == sorted(seen) == sorted(Enrollment.objects.values_list("pk", flat=True))


@pytest.mark.parametrize(
    "query", ["?limit=0", "?limit=1001", "?offset=-1", "?status=promoted", "?limit=ten"]
)
def test_bad_parameters_are_refused_with_a_message(client, admin_token, query):
    response = _get(client, admin_token, "api:enrollments", query)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_progress_read_with_the_rows_is_what_the_progress_matrix_counts(client, admin_token):
    """The enrollment list reads the lessons done and the seminar attendance in its own
    query (`courses.selectors.progress_columns`); the progress matrix's rule
    (`progress_summaries`, reading them itself) must give the same figures, seminar
    attended, absent and not recorded included."""
    programme = ProgrammeFactory(modules=2, seminar=True, lessons=2)
    cycle = CycleFactory(programme=programme, capacity=10, seminar_requirement="all")
    learners = [LearnerFactory() for _ in range(4)]
    for learner in learners:
        services.apply(learner=learner, cycle=cycle)
    lessons = [lesson for module in programme.modules() for lesson in module.lessons()]
    for n, learner in enumerate(learners):
        for lesson in lessons[: n + 1]:
            services.complete_lesson(learner=learner, lesson=lesson)
    instructor = AdministratorFactory()
    enrollments = list(Enrollment.objects.filter(cycle=cycle).select_related("cycle"))
    by_learner = {e.learner_id: e for e in enrollments}
    services.record_attendance(enrollment=by_learner[learners[1].pk], attended=True, by=instructor)
    services.record_attendance(enrollment=by_learner[learners[2].pk], attended=False, by=instructor)
    summaries = selectors.progress_summaries(enrollments=enrollments)
    items = _get(client, admin_token, "api:enrollments").json()["items"]
    assert len(items) == 4
    got = {item["id"]: item["progress"] for item in items}
    expected = {}
    for e in enrollments:
        modules = [(d, t) for kind, d, t in summaries[e.pk].parts.values() if kind == "module"]
        expected[e.pk] = {
            "percent": summaries[e.pk].percent,
            "lessons_done": sum(d for d, _ in modules),
            "lessons_total": sum(t for _, t in modules),
            "seminar_attended": summaries[e.pk].seminar_attended,
        }
    assert got == expected
    assert {p["seminar_attended"] for p in got.values()} == {True, False, None}
    assert sorted(p["lessons_done"] for p in got.values()) == [1, 2, 3, 4]
