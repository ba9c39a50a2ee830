"""Instructors edit and submit curriculum pages; only administrators publish."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from cms.models import LessonPage
from courses import services as courses_services
from tests.factories import AdministratorFactory, CycleFactory, InstructorFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def _edit_form(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form").copy()
    # The body's StreamField is assembled by JavaScript in a browser; post it as Wagtail's
    # own test helpers do.
    body = nested_form_data(
        {"body": streamfield([("rich_text", rich_text("<p>Apply updates monthly.</p>"))])}
    )
    for key, value in body.items():
        data[key] = value
    return data


def test_instructor_submits_a_lesson_and_the_administrator_publishes_it(client):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    lesson = LessonPage.objects.descendant_of(programme).get()
    original_title = lesson.title
    instructor, administrator = InstructorFactory(), AdministratorFactory()
    # Instructors edit the pages of the programmes they teach (courses/services/page_rights.py).
    cycle = CycleFactory(programme=programme, seminar_requirement="none")
    courses_services.assign_instructor(cycle=cycle, instructor=instructor)

    # The instructor edits the lesson and submits it for moderation.
    client.force_login(instructor)
    data = _edit_form(client, lesson)
    data["title"] = "Keeping the mission's computers up to date"
    data["action-submit"] = "Submit"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[lesson.pk]), data)
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.title == original_title  # still the published version
    state = WorkflowState.objects.get(object_id=str(lesson.pk), status="in_progress")
    # The programme's own workflow (courses/services/page_rights.py), held by administrators.
    assert state.workflow.name == f"Curriculum approval of programme {programme.pk}"
    assert state.current_task_state.task.name == f"Approval of programme {programme.pk}"

    # Asking to publish does not publish: an instructor's "publish" only saves a draft.
    data["action-publish"] = "Publish"
    client.post(reverse("wagtailadmin_pages:edit", args=[lesson.pk]), data)
    lesson.refresh_from_db()
    assert lesson.title == original_title
    # Nor can the instructor approve the moderation task.
    task_state = state.current_task_state
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[lesson.pk, "approve", task_state.pk]
    )
    response = client.post(approve_url, {"comment": ""})
    # Wagtail answers a refused admin action by sending the user back to the dashboard.
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    state.refresh_from_db()
    assert state.status == "in_progress"
    lesson.refresh_from_db()
    assert lesson.title == original_title

    # The administrator approves, which publishes the submitted revision.
    client.force_login(administrator)
    response = client.post(approve_url, {"comment": "Clear and accurate."})
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.title == "Keeping the mission's computers up to date"
    assert lesson.live and not lesson.has_unpublished_changes
    state.refresh_from_db()
    assert state.status == "approved"


def test_learner_cannot_reach_the_admin(client):
    from tests.factories import LearnerFactory

    client.force_login(LearnerFactory())
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
