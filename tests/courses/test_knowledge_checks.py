"""Knowledge checks cannot be solved by trying: attempts are limited and spaced, the
feedback says pass or fail (never the score), and the answers show in another order on
each attempt while the form still posts the original choices."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.exceptions import NotAllowed
from courses.models import KnowledgeCheckAttempt
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
RIGHT = {"q0": "1", "q1": "1"}
WRONG = {"q0": "0", "q1": "2"}


@pytest.fixture
def checked_lesson():
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1, checks=True)
    cycle = CycleFactory(programme=programme, capacity=5, seminar_requirement="none")
    learner = LearnerFactory()
    services.apply(learner=learner, cycle=cycle)
    lesson = programme.modules().first().lessons().first()
    block_id = next(iter(services.knowledge_checks(lesson)))
    return learner, lesson, block_id


def submit(learner, lesson, block_id, answers, now=None):
    return services.submit_knowledge_check(
        learner=learner, lesson=lesson, block_id=block_id, answers=answers, now=now
    )


def test_attempts_are_limited(checked_lesson, settings):
    settings.KNOWLEDGE_CHECK_MAX_ATTEMPTS = 3
    learner, lesson, block_id = checked_lesson
    for _ in range(3):
        assert not submit(learner, lesson, block_id, WRONG).passed
    with pytest.raises(NotAllowed, match="used all 3 attempts"):
        submit(learner, lesson, block_id, RIGHT)
    assert KnowledgeCheckAttempt.objects.count() == 3


def test_a_failed_attempt_starts_a_cool_down(checked_lesson, settings):
    settings.KNOWLEDGE_CHECK_COOLDOWN_SECONDS = 60
    learner, lesson, block_id = checked_lesson
    start = timezone.now()
    submit(learner, lesson, block_id, WRONG, now=start)
    with pytest.raises(NotAllowed, match="try again at"):
        submit(learner, lesson, block_id, RIGHT, now=start + timedelta(seconds=30))
    assert submit(learner, lesson, block_id, RIGHT, now=start + timedelta(seconds=61)).passed


def test_a_passed_check_is_not_taken_again(checked_lesson):
    learner, lesson, block_id = checked_lesson
    submit(learner, lesson, block_id, RIGHT)
    with pytest.raises(NotAllowed):
        submit(learner, lesson, block_id, WRONG)


def test_feedback_says_pass_or_fail_never_the_score(client, checked_lesson):
    learner, lesson, block_id = checked_lesson
    client.force_login(learner)
    response = client.post(
        reverse("courses:knowledge_check", args=[lesson.pk]),
        {"block_id": block_id, **WRONG},
        follow=True,
    )
    html = response.content.decode()
    assert "Not passed yet" in html
    assert "You scored" not in html and not re.search(r"(?<![0-9])0%", html)


def _choice_order(html):
    """(value, text) of the first question's answers, in the order shown."""
    return re.findall(r'name="q0" value="(\d)" required> ([^<]+)</label>', html)


def test_answers_show_in_another_order_on_each_attempt(client, checked_lesson):
    learner, lesson, block_id = checked_lesson
    client.force_login(learner)
    orders = []
    for _ in range(6):
        html = client.get(lesson.url).content.decode()
        order = _choice_order(html)
        assert sorted(order) == [("0", "No"), ("1", "Yes"), ("2", "Maybe")]
        orders.append(tuple(order))
        submit(learner, lesson, block_id, WRONG)
    assert len(set(orders)) > 1
