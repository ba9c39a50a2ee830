"""Knowledge-check results for instructors: per question, attempts, first-attempt pass rate
and the most chosen wrong answer, per cycle."""

import pytest
from django.urls import reverse

from courses import services
from courses.models import Cycle, KnowledgeCheckAttempt
from courses.selectors import knowledge_checks
from reports.selectors import knowledge_check_results
from tests.factories import CycleFactory, InstructorFactory, LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def attempt(enrollment, lesson, block_id, q1, q2):
    right = (q1 == 1) + (q2 == 1)
    KnowledgeCheckAttempt.objects.create(
        enrollment=enrollment,
        lesson=lesson,
        block_id=block_id,
        answers={"0": q1, "1": q2},
        score=right * 50,
        passed=right >= 1,
    )


def test_per_question_figures_per_cycle(client):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1, checks=True)
    cycle = CycleFactory(programme=programme, capacity=10)
    other = CycleFactory(programme=programme, capacity=10)
    lesson = programme.modules().first().lessons()[0]
    block_id = next(iter(knowledge_checks(lesson)))
    a, b, c = (services.apply(learner=LearnerFactory(), cycle=cycle) for _ in range(3))
    attempt(a, lesson, block_id, 0, 0)  # fails: "No", "No"
    attempt(a, lesson, block_id, 1, 2)  # passes
    attempt(b, lesson, block_id, 2, 1)  # passes at once; "Maybe" on question 1
    attempt(c, lesson, block_id, 0, 2)  # fails: "No", "Maybe"
    outsider = services.apply(learner=LearnerFactory(), cycle=other)
    attempt(outsider, lesson, block_id, 2, 2)
    rows = knowledge_check_results(cycles=Cycle.objects.filter(pk=cycle.pk))
    assert [
        (
            r["question"],
            r["attempts"],
            r["learners"],
            r["first_attempt_pass_rate"],
            r["most_chosen_wrong_answer"],
            r["times_chosen"],
        )
        for r in rows
    ] == [
        ("Question 1 on Module 1?", 4, 3, 0.33, "No", 2),
        ("Question 2 on Module 1?", 4, 3, 0.33, "Maybe", 2),
    ]
    instructor = InstructorFactory()
    services.assign_instructor(cycle=cycle, instructor=instructor)
    client.force_login(instructor)
    page = client.get(reverse("reports:knowledge_checks")).content.decode()
    assert "<td>Question 1 on Module 1?</td><td>4</td><td>3</td><td>0.33</td><td>No</td>" in page
    assert other.code not in page.split("report-table", 1)[1]
