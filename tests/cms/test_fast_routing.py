"""Curriculum URLs are routed by url_path (cms/routing.py): the same page as Wagtail's own
walk down the tree, in one query per level, and the same 404s."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from cms.builders import build_translation
from cms.models import HomePage, LessonPage
from cms.routing import route_curriculum
from courses import services
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def components(page) -> list[str]:
    return [slug for slug in page.url.split("/") if slug]


def wagtails_own_route(home, page):
    request = RequestFactory().get(page.url)
    return Page.route(home, request, components(page)).page


def test_every_curriculum_url_routes_to_the_page_wagtail_would_find(home_page):
    programme = ProgrammeFactory(modules=2, seminar=True, lessons=2)
    home = HomePage.objects.get(pk=home_page.pk)
    pages = [programme, *programme.modules(), *LessonPage.objects.descendant_of(programme)]
    assert len(pages) == 1 + 3 + 6
    for page in pages:
        found = route_curriculum(home, components(page)).page
        assert found.pk == wagtails_own_route(home, page).pk == page.pk
        assert type(found) is type(page.specific)


def test_a_lesson_is_found_in_one_query_per_level_with_its_parents_attached(home_page):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    lesson = LessonPage.objects.descendant_of(programme).get()
    home = HomePage.objects.get(pk=home_page.pk)
    path = components(lesson)
    with CaptureQueriesContext(connection) as queries:
        found = route_curriculum(home, path).page
        module = found.get_parent()
        assert module.specific.get_parent().pk == programme.pk
        assert module.specific.label() == "Module 1"
    assert len(queries.captured_queries) == 3  # lesson, module, programme
    # Then from the shared cache, until a page changes.
    with CaptureQueriesContext(connection) as queries:
        again = route_curriculum(home, path).page
    assert len(queries.captured_queries) == 0
    assert again.get_parent().specific.get_parent().pk == programme.pk
    lesson.title = "Renamed"
    lesson.save_revision().publish()
    assert route_curriculum(home, path).page.title == "Renamed"


def test_unknown_and_unpublished_pages_are_404_as_before(client, home_page):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=2)
    first, second = LessonPage.objects.descendant_of(programme).order_by("path")
    learner = LearnerFactory()
    services.apply(learner=learner, cycle=CycleFactory(programme=programme, capacity=5))
    client.force_login(learner)
    assert client.get(second.url).status_code == 200
    second.unpublish()
    assert client.get(second.url).status_code == 404
    assert client.get(first.url.replace("lesson-1", "no-such-lesson")).status_code == 404
    assert client.get(first.url + "one-level-too-deep/").status_code == 404
    assert client.get(first.url).status_code == 200


def test_a_moved_lesson_answers_at_its_new_address_only(client, home_page):
    programme = ProgrammeFactory(modules=2, seminar=False, lessons=1)
    one, two = programme.modules()
    lesson = one.lessons().get()
    old_url = lesson.url
    lesson.slug = "moved-lesson"  # module 2 has a lesson-1 of its own
    lesson.save()
    lesson.move(two, pos="last-child")
    lesson.refresh_from_db()
    assert lesson.url != old_url
    assert "/module-2/moved-lesson/" in lesson.url
    # Anonymous: the lesson's content is gated (403), its address is what is tested.
    assert client.get(old_url).status_code == 404
    assert client.get(lesson.url).status_code == 403


def test_the_breadcrumbs_are_in_the_readers_language(client, home_page):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=2)
    build_translation(
        programme,
        "fr",
        {
            "title": "Programme (essai)",
            "modules": [{"slug": "module-1", "title": "Premier module", "lessons": []}],
        },
    )
    cycle = CycleFactory(programme=programme, capacity=5)
    learner = LearnerFactory(preferred_language="fr")
    services.apply(learner=learner, cycle=cycle)
    client.force_login(learner)
    lesson = programme.modules().first().lessons().first()
    html = client.get(lesson.url).content.decode()
    trail = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert "Premier module" in trail and "Programme (essai)" in trail
    # The lesson itself has no French version: the reader gets its English title.
    assert f'<li aria-current="page">{lesson.title}</li>' in trail
