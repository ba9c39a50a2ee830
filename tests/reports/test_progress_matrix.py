"""The progress matrix among the reports: each learner's knowledge-check scores and last
activity beside the modules, and the old address redirecting to it."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse

from core.dates import format_datetime
from courses import services
from courses.models import KnowledgeCheckAttempt, LessonCompletion
from tests.factories import CycleFactory, InstructorFactory, LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_the_matrix_shows_best_check_scores_and_last_activity(client):
    programme = ProgrammeFactory(modules=2, seminar=False, lessons=1)
    cycle = CycleFactory(programme=programme, capacity=5)
    first, second = (module.lessons()[0] for module in programme.modules())
    instructor = InstructorFactory()
    services.assign_instructor(cycle=cycle, instructor=instructor)
    busy = services.apply(learner=LearnerFactory(first_name="Ada", last_name="Busy"), cycle=cycle)
    idle = services.apply(learner=LearnerFactory(first_name="Bea", last_name="Idle"), cycle=cycle)
    services.complete_lesson(learner=busy.learner, lesson=first)
    done = LessonCompletion.objects.get(enrollment=busy).completed_at
    later = done + timedelta(hours=3)
    for lesson, score, when in [(second, 40, done), (second, 90, later), (first, 70, done)]:
        KnowledgeCheckAttempt.objects.create(
            enrollment=busy,
            lesson=lesson,
            block_id="check",
            answers={},
            score=score,
            passed=score >= 50,
            created_at=when,
        )
    client.force_login(instructor)
    html = client.get(reverse("reports:progress", args=[cycle.pk])).content.decode()
    rows = {name: row for row in html.split("<tr>") for name in ("Ada", "Bea") if name in row}
    # The best of each check, in the curriculum's order (module 1's lesson first).
    assert "<td>70% · 90%</td>" in rows["Ada"]
    assert f"<td>{format_datetime(later)}</td>" in rows["Ada"]
    assert "<td>0%</td><td></td><td></td></tr>" in rows["Bea"]  # nothing tried, nothing done
    export = client.get(reverse("reports:progress", args=[cycle.pk]) + "?export=csv")
    lines = csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode()))
    by_name = {line["Learner"]: line for line in lines}
    assert by_name[str(busy.learner)]["Knowledge checks"] == "70% · 90%"
    assert by_name[str(idle.learner)]["Last activity"] == ""


def test_the_old_address_redirects_permanently_with_its_filters(client):
    cycle = CycleFactory(programme=ProgrammeFactory(modules=1, seminar=False, lessons=1))
    instructor = InstructorFactory()
    services.assign_instructor(cycle=cycle, instructor=instructor)
    client.force_login(instructor)
    response = client.get(f"/admin/cycles/progress/{cycle.pk}/?status=enrolled")
    assert response.status_code == 301
    assert response["Location"] == reverse("reports:progress", args=[cycle.pk]) + "?status=enrolled"
