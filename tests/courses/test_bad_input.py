"""Bad input is refused with a message (4xx, or the form again with its error) and changes
nothing: never a 500."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import querydict_from_html

from courses import services
from courses.exceptions import InvalidInput
from courses.models import Cycle, KnowledgeCheckAttempt
from tests.factories import AdministratorFactory, CycleFactory, LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
HUGE = "9" * 20  # more than any 64-bit id


@pytest.fixture
def programme():
    return ProgrammeFactory(modules=1, seminar=False, lessons=2, checks=True)


@pytest.fixture
def seated(programme):
    cycle = CycleFactory(programme=programme, capacity=5, seminar_requirement="none")
    learner = LearnerFactory()
    services.apply(learner=learner, cycle=cycle)
    lesson = list(programme.modules().first().lessons())[-1]
    return learner, lesson, next(iter(services.knowledge_checks(lesson)))


@pytest.mark.parametrize(
    "answer",
    ["²", "٣", "9" * 5000, "-1", " 1", "1.0", ""],
    ids=["superscript", "arabic-indic", "5000-digits", "negative", "space", "decimal", "empty"],
)
def test_a_malformed_answer_is_a_400_with_a_message(client, seated, answer):
    learner, lesson, block_id = seated
    client.force_login(learner)
    response = client.post(
        reverse("courses:knowledge_check", args=[lesson.pk]),
        {"block_id": block_id, "q0": answer, "q1": "1"},
    )
    assert response.status_code == 400
    assert "is not one of the choices" in response.content.decode()
    assert "Nothing was recorded." in response.content.decode()
    assert not KnowledgeCheckAttempt.objects.exists()


def test_the_service_refuses_malformed_answers_before_writing(seated):
    learner, lesson, block_id = seated
    with pytest.raises(InvalidInput):
        services.submit_knowledge_check(
            learner=learner, lesson=lesson, block_id=block_id, answers={"q0": "²", "q1": "1"}
        )
    with pytest.raises(InvalidInput):
        services.submit_knowledge_check(
            learner=learner, lesson=lesson, block_id="x" * 10_000, answers={"q0": "1", "q1": "1"}
        )
    assert not KnowledgeCheckAttempt.objects.exists()


def test_an_offer_window_beyond_the_maximum_is_refused_in_the_admin(client, programme):
    cycle = CycleFactory(programme=programme, offer_hours=48)
    client.force_login(AdministratorFactory())
    url = reverse("cycles:edit", args=[cycle.pk])
    page = client.get(url).content.decode()
    for hours in ("2147483647", "721"):
        data = querydict_from_html(page, form_id="w-editor-form").copy()
        data["offer_hours"] = hours
        response = client.post(url, data)
        assert response.status_code == 200
        assert "Ensure this value is less than or equal to 720." in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.offer_hours == 48
    data = querydict_from_html(page, form_id="w-editor-form").copy()
    data["offer_hours"] = "720"
    assert client.post(url, data).status_code == 302
    cycle.refresh_from_db()
    assert cycle.offer_hours == 720
    now = timezone.now()
    assert cycle.offer_deadline(now) == now + timedelta(days=30)


def test_the_offer_window_validator_is_on_the_model(programme):
    from django.core.exceptions import ValidationError

    cycle = CycleFactory.build(programme=programme, offer_hours=2147483647)
    with pytest.raises(ValidationError) as error:
        cycle.full_clean()
    assert "offer_hours" in error.value.message_dict
    assert Cycle._meta.get_field("offer_hours").validators


@pytest.mark.parametrize(
    "name", ["complete_lesson", "knowledge_check", "confirm_offer", "decline_offer", "withdraw"]
)
def test_a_huge_id_in_a_site_url_is_a_404(client, name):
    client.force_login(LearnerFactory())
    path = reverse(f"courses:{name}", args=[1]).replace("/1/", f"/{HUGE}/")
    for method in (client.get, client.post):
        assert method(path).status_code == 404


@pytest.mark.parametrize(
    "template",
    [
        "/admin/reports/progress/{}/",
        "/admin/reports/progress/{}/results/",
        "/admin/cycles/attendance/{}/",
        "/admin/seminars/cycle/{}/attendance/",
        "/admin/roster/manage/{}/",
        "/admin/certificates/manage/{}/",
        "/admin/certificates/cycle/{}/",
        "/admin/certificates/cycle/{}/zip/",
        "/admin/cycles/edit/{}/",
        "/admin/cycles/delete/{}/",
    ],
)
def test_a_huge_id_in_an_admin_url_is_a_404(client, template):
    client.force_login(AdministratorFactory(is_superuser=True))
    assert client.get(template.format(HUGE)).status_code == 404
