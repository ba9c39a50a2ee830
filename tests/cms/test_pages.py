"""The curriculum pages render for anyone, with the programme's structure."""

import pytest
from wagtail.models import Site

from cms.models import LessonPage, ModulePage, ProgrammePage
from tests.factories import InstructorFactory, LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_programme_factory_builds_four_modules_a_seminar_and_lessons():
    programme = ProgrammeFactory()
    modules = list(programme.modules())
    assert [m.number for m in modules] == [1, 2, 3, 4, 5]
    assert [m.kind for m in modules] == ["module"] * 4 + ["seminar"]
    assert all(m.lessons().count() == 3 for m in modules)
    assert programme.live


def test_factory_counts_can_change():
    programme = ProgrammeFactory(modules=2, seminar=False, lessons=1)
    assert programme.modules().count() == 2
    assert LessonPage.objects.descendant_of(programme).count() == 2


def test_every_page_of_a_programme_renders(client):
    programme = ProgrammeFactory()
    # Lesson content is for seated learners; an instructor previews every lesson.
    client.force_login(InstructorFactory())
    assert Site.objects.get(is_default_site=True).root_page_id == programme.get_parent().pk
    home = client.get("/")
    assert home.status_code == 200
    assert programme.title in home.content.decode()
    response = client.get(programme.url)
    assert response.status_code == 200
    html = response.content.decode()
    for module in programme.modules():
        assert module.title in html
        module_response = client.get(module.url)
        assert module_response.status_code == 200
        for lesson in module.lessons():
            assert lesson.title in module_response.content.decode()
            lesson_response = client.get(lesson.url)
            assert lesson_response.status_code == 200
            assert f"Lesson {lesson.slug[-1]} of" in lesson_response.content.decode()


def test_lesson_page_links_to_the_previous_and_next_lesson(client):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=3)
    client.force_login(InstructorFactory())
    first, second, third = programme.modules().first().lessons()
    html = client.get(second.url).content.decode()
    assert f'rel="prev" href="{first.url}"' in html
    assert f'rel="next" href="{third.url}"' in html


def test_programme_page_query_count_does_not_grow_with_lessons(
    client, django_assert_max_num_queries
):
    small = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    large = ProgrammeFactory(modules=4, seminar=True, lessons=6)
    client.get(small.url)  # warm caches (site root, locales)
    with django_assert_max_num_queries(12) as small_queries:
        client.get(small.url)
    # Counted now: the next request resets the connection's query log this count reads.
    small_count = len(small_queries.captured_queries)
    client.get(large.url)  # warm: its route is cached until a page changes, as small's is
    with django_assert_max_num_queries(small_count):
        client.get(large.url)


def test_page_types_are_strict():
    assert ProgrammePage.parent_page_types == ["cms.HomePage"]
    assert ModulePage.parent_page_types == ["cms.ProgrammePage"]
    assert LessonPage.subpage_types == []


def test_pages_need_no_javascript(client):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    lesson = LessonPage.objects.descendant_of(programme).first()
    client.force_login(LearnerFactory())
    for url in ("/", programme.url, lesson.url, "/cycles/", "/my/"):
        assert b"<script" not in client.get(url).content


def test_ensure_home_page_replaces_wagtails_welcome_page_once():
    """From the tree `migrate` leaves (Wagtail's Welcome page as the default site's root;
    the test databases start one step further, tests/site_home.py): the home page, the
    default site pointing at it, its alias in each other locale, the Welcome page gone."""
    from wagtail.models import Locale, Page

    from cms.builders import ensure_home_page
    from cms.models import HomePage

    for page in Page.objects.filter(depth=2):
        page.delete()  # the home, its aliases and (cascading) the default site
    assert not Site.objects.exists()
    root = Page.get_first_root_node()
    welcome = root.add_child(instance=Page(title="Welcome to your new Wagtail site!", slug="home"))
    Site.objects.create(hostname="localhost", port=80, root_page=welcome, is_default_site=True)

    home = ensure_home_page()
    assert isinstance(home, HomePage) and home.depth == 2
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert not Page.objects.filter(pk=welcome.pk).exists()
    others = Locale.objects.exclude(pk=home.locale_id)
    assert others.count() == 5
    for locale in others:
        alias = home.get_translation(locale)
        assert alias.alias_of_id == home.pk
    assert ensure_home_page().pk == home.pk
    assert Page.objects.filter(depth=2).count() == 6


def test_a_test_database_starts_with_the_home_page_and_its_aliases(django_assert_max_num_queries):
    """tests/site_home.py: the home page and its five aliases come with the test database,
    so a test's first programme does not make them (it made them in ~490 tests while the
    hook waited for a post_migrate that the last installed app, without models, never
    sends)."""
    from wagtail.models import Page

    from cms.builders import ensure_home_page
    from cms.models import HomePage
    from tests.site_home import enabled

    if not enabled():
        pytest.skip("TEST_SITE_HOME=0")
    home = HomePage.objects.get(depth=2, slug="patit-home")
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert Page.objects.filter(depth=2, alias_of=home).count() == 5
    with django_assert_max_num_queries(15):  # found, not made (making them: ~290 queries)
        assert ensure_home_page().pk == home.pk
