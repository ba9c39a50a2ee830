"""Cycle outlines are read from the shared cache (courses/selectors/curriculum.py) and are
never stale: any page saved, published, unpublished, moved or deleted makes them computed
again (cms/generation.py). The dashboard shows past cycles one line each."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.models import LessonPage
from courses import selectors, services
from courses.models import Enrollment
from courses.selectors.curriculum import outlines_of_cycles
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
S = Enrollment.Status


def titles(cycle) -> list[str]:
    (outline,) = outlines_of_cycles([cycle]).values()
    return [lesson.title for part in outline for lesson in part.lessons]


def page_queries(run) -> int:
    with CaptureQueriesContext(connection) as queries:
        run()
    return sum("wagtailcore_page" in q["sql"] for q in queries.captured_queries)


@pytest.fixture
def programme():
    return ProgrammeFactory(modules=2, seminar=False, lessons=2)


def test_the_second_read_costs_no_page_query(programme):
    cycle = CycleFactory(programme=programme)
    assert page_queries(lambda: titles(cycle)) > 0
    assert page_queries(lambda: titles(cycle)) == 0


def test_a_published_title_shows_at_once(programme):
    cycle = CycleFactory(programme=programme)
    lesson = programme.modules().first().lessons().first()
    assert lesson.title in titles(cycle)
    lesson.title = "Diplomatic protocol, revised"
    lesson.save_revision().publish()
    assert "Diplomatic protocol, revised" in titles(cycle)


def test_an_unpublished_lesson_leaves_a_started_cycle_and_a_new_one_appears_in_the_next(
    programme,
):
    started = CycleFactory(programme=programme)
    services.pin_started_curricula()
    started.refresh_from_db()
    upcoming = CycleFactory(
        programme=programme,
        starts_on=timezone.localdate() + timedelta(days=30),
        ends_on=timezone.localdate() + timedelta(days=90),
    )
    before = titles(started)
    assert titles(upcoming) == before
    lesson = programme.modules().first().lessons().first()
    lesson.unpublish()
    assert lesson.title not in titles(started)
    assert lesson.title not in titles(upcoming)
    module = programme.modules().first()
    module.add_child(instance=LessonPage(title="A lesson added later", slug="later", body=[]))
    assert "A lesson added later" in titles(upcoming)
    assert "A lesson added later" not in titles(started)  # pinned: requirements stay


def test_a_deleted_lesson_leaves_the_outline(programme):
    cycle = CycleFactory(programme=programme)
    lesson = programme.modules().first().lessons().first()
    assert lesson.title in titles(cycle)
    lesson.delete()
    assert lesson.title not in titles(cycle)


def test_two_cycles_pinned_with_different_lessons_of_one_module_keep_their_own(programme):
    first = CycleFactory(programme=programme)
    services.pin_started_curricula()
    module = programme.modules().first()
    module.add_child(instance=LessonPage(title="Only in the second", slug="second", body=[]))
    second = CycleFactory(programme=programme, code="PATIT-LATER")
    services.pin_started_curricula()
    learner = LearnerFactory()
    one = services.apply(learner=learner, cycle=first)
    other = LearnerFactory()
    two = services.apply(learner=other, cycle=second)
    progress = selectors.progress_for_many(enrollments=[one, two])
    assert len(progress[one.pk].modules[0].lessons) == 2
    assert len(progress[two.pk].modules[0].lessons) == 3


@pytest.mark.redis
def test_a_change_made_by_another_process_is_seen(settings, redis_url, programme):
    """Gunicorn workers share only Redis: the generation a page change bumps is read from
    there, so an outline cached by any process is recomputed."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
    caches["default"].clear()
    cycle = CycleFactory(programme=programme)
    lesson = programme.modules().first().lessons().first()
    titles(cycle)
    assert page_queries(lambda: titles(cycle)) == 0
    lesson.title = "Retitled"
    lesson.save_revision().publish()
    assert "Retitled" in titles(cycle)
    caches["default"].clear()


def test_past_cycles_are_one_line_each_and_the_current_one_in_full(client, programme):
    learner = LearnerFactory()
    past = CycleFactory(
        programme=programme,
        code="PATIT-2025-1",
        starts_on=timezone.localdate() - timedelta(days=200),
        ends_on=timezone.localdate() - timedelta(days=120),
    )
    done = Enrollment.objects.create(
        cycle=past, programme_id=programme.pk, learner=learner, status=S.COMPLETED
    )
    stranger = LearnerFactory()
    theirs = Enrollment.objects.create(
        cycle=past, programme_id=programme.pk, learner=stranger, status=S.COMPLETED
    )
    current = CycleFactory(programme=ProgrammeFactory(modules=1, seminar=False, lessons=1))
    services.apply(learner=learner, cycle=current)
    client.force_login(learner)
    html = client.get("/my/").content.decode()
    current_card, past_part = html.split("Completed cycles")
    assert current.code in current_card and "0% complete" in current_card
    assert f'id="enrollment-{done.pk}"' in past_part
    assert "PATIT-2025-1" in past_part and "Your certificate" in past_part
    assert "Revisit the lessons" in past_part and "% complete" not in past_part
    # Another learner's completed cycle is theirs alone.
    assert f'id="enrollment-{theirs.pk}"' not in html
