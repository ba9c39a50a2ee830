"""Wagtail documents follow the access rule of the pages that use them: a lesson's handout
is for those who may read the lesson; anonymous visitors are sent to sign in; a document
no live page uses is for editors only; the file is never served from /media/."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import ReferenceIndex

from courses import services as courses_services
from tests.factories import (
    AdministratorFactory,
    CycleFactory,
    InstructorFactory,
    LearnerFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def _document(title):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"handout text", name=f"{title}.txt")
    )


@pytest.fixture
def lesson_with_handout(media_root):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    lesson = programme.modules().first().lessons().first().specific
    handout = _document("handout")
    lesson.body.append(("document", {"document": handout, "description": "Read this"}))
    lesson.save_revision().publish()
    ReferenceIndex.create_or_update_for_object(lesson)  # Wagtail does this after commit
    return programme, lesson, handout


def test_a_lesson_handout_is_for_those_who_may_read_the_lesson(client, lesson_with_handout):
    programme, lesson, handout = lesson_with_handout
    url = handout.url
    assert url.startswith("/documents/")  # served by Wagtail's view, which asks the hook

    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(LearnerFactory())  # not seated in any cycle of the programme
    assert client.get(url).status_code == 403

    learner = LearnerFactory()
    courses_services.apply(learner=learner, cycle=CycleFactory(programme=programme))
    client.force_login(learner)
    assert client.get(lesson.url).status_code == 200
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"handout text"

    client.force_login(InstructorFactory())  # editors preview every lesson
    assert client.get(url).status_code == 200


def test_a_document_no_page_uses_is_for_editors_only(client, media_root):
    orphan = _document("orphan")
    client.force_login(LearnerFactory())
    assert client.get(orphan.url).status_code == 403
    client.force_login(AdministratorFactory())
    assert client.get(orphan.url).status_code == 200


def test_document_files_are_not_served_from_media(client, lesson_with_handout):
    _programme, _lesson, handout = lesson_with_handout
    client.force_login(AdministratorFactory())
    assert client.get(f"/media/{handout.file.name}").status_code == 404
