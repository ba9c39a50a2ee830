"""Instructors translate with Wagtail's simple translation: a programme with its modules
and lessons (knowledge checks included) becomes draft copies in the target locale, with
the same translation keys and block ids, that learners read once they are published."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page

from cms.models import LessonPage, ModulePage
from courses import services
from tests.factories import CycleFactory, InstructorFactory, LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_an_instructor_translates_a_programme_and_its_subtree(client):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=2, checks=True)
    arabic = Locale.objects.get(language_code="ar")
    instructor = InstructorFactory()
    # Instructors translate the programmes they teach (courses/services/page_rights.py).
    cycle = CycleFactory(programme=programme, seminar_requirement="none")
    services.assign_instructor(cycle=cycle, instructor=instructor)
    client.force_login(instructor)
    url = reverse("simple_translation:submit_page_translation", args=[programme.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [arabic.pk], "include_subtree": "on"})
    assert response.status_code == 302
    copies = Page.objects.filter(locale=arabic).descendant_of(
        programme.get_translation(arabic), inclusive=True
    )
    assert copies.count() == 1 + 1 + 2  # programme, module, lessons
    assert not copies.live().exists()  # drafts until approved and published
    last = ModulePage.objects.child_of(programme).get().lessons().last()
    copy = LessonPage.objects.get(locale=arabic, translation_key=last.translation_key)
    assert list(services.knowledge_checks(copy)) == list(services.knowledge_checks(last))
    # The copies are the programme's pages too: its instructors edit them.
    edit = reverse("wagtailadmin_pages:edit", args=[copy.pk])
    assert client.get(edit).status_code == 200


def test_learners_cannot_translate(client):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    client.force_login(LearnerFactory())
    url = reverse("simple_translation:submit_page_translation", args=[programme.pk])
    assert client.get(url).status_code == 302  # to the admin login
