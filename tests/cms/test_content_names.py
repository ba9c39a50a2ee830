"""Content names in the reader's language (decision 0016): every learner URL, read in each
language of `settings.LANGUAGES` with translations published for the programme, its module
and lesson, the cycle's title and the seminar session's title and venue, shows no English
name; where none is published, English is shown; lists stay at a flat number of queries."""

import io

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from certificates import services as certificate_services
from cms import content_names
from cms.builders import build_translation, translate_name
from cms.models import ContentTranslation
from core import languages
from courses import services
from seminars import calendars
from seminars import services as seminar_services
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory
from tests.seminars.helpers import make_session
from tests.test_access_matrix import EXPECTED, project_urls, url_for, world  # noqa: F401

pytestmark = pytest.mark.django_db

# The languages with their date format and wording (a language lacking one fails the
# completeness test, not every page here).
OTHER_LANGUAGES = [code for code in languages.complete() if code != settings.LANGUAGE_CODE]
# A certificate is written once, in the language of the day it was issued (tested below),
# and its verification page states what that certificate prints.
ISSUED_DOCUMENTS = {"certificates:download", "certificates:verify_code"}


def translate_row(obj, field, language, text):
    return translate_name(obj, field, language, text)


def translated(language: str) -> dict:
    # No English name is a part of its translation: finding one means it leaked.
    return {
        "programme": f"«{language}» Cursus",
        "module": f"«{language}» Partie",
        "lesson": f"«{language}» Leçon",
        "cycle": f"«{language}» Promotion",
        "session": f"«{language}» Ouverture",
        "venue": f"«{language}» Lieu",
    }


def publish_translations(programme, cycle, session, language):
    names = translated(language)
    module = programme.modules().first()
    lesson = module.lessons().first()
    build_translation(
        programme,
        language,
        {
            "title": names["programme"],
            "modules": [
                {
                    "slug": module.slug,
                    "title": names["module"],
                    "lessons": [
                        {
                            "slug": lesson.slug,
                            "title": names["lesson"],
                            "body": [{"type": "rich_text", "value": f"<p>{names['lesson']}</p>"}],
                        }
                    ],
                }
            ],
        },
    )
    translate_row(cycle, "title", language, names["cycle"])
    translate_row(session, "title", language, names["session"])
    translate_row(session, "venue", language, names["venue"])


def english_names(programme, cycle, session) -> dict:
    module = programme.modules().first()
    return {
        "programme": programme.title,
        "module": module.title,
        "lesson": module.lessons().first().title,
        "cycle": cycle.title,
        "session": session.title,
        "venue": session.venue,
    }


def text_of(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("application/pdf"):
        pages = PdfReader(io.BytesIO(body)).pages
        return " ".join(" ".join(page.extract_text().split()) for page in pages)
    # An .ics folds long lines (RFC 5545): unfold before searching.
    return body.decode().replace("\r\n ", "")


def learner_urls(args, pks, certificate):
    urls = []
    for name, _route, params in project_urls():
        if EXPECTED[name]["learner"] == 200 and name not in ISSUED_DOCUMENTS:
            urls.append((name, url_for(name, params, args, pks, certificate)))
    return urls


@pytest.mark.slow  # every learner URL in every language, PDFs included
def test_every_learner_url_shows_the_published_names_in_each_language(client, world):  # noqa: F811
    args, pks, actors, certificate = world
    cycle = certificate.enrollment.cycle
    programme = cycle.programme.specific
    session = cycle.seminar_sessions.get()
    session.title = "Opening session"
    session.save()
    # A module's English title that no interface word ("Module 1") spells as well.
    module = programme.modules().first()
    module.title = "Hardware essentials"
    module.save_revision().publish()
    english = english_names(programme, cycle, session)
    for language in OTHER_LANGUAGES:
        publish_translations(programme, cycle, session, language)
    learner = actors["learner"]
    lesson_url = programme.modules().first().lessons().first().url
    leaks = []
    for language in OTHER_LANGUAGES:
        learner.preferred_language = language
        learner.save(update_fields=["preferred_language"])
        client.force_login(learner)
        pages = [*learner_urls(args, pks, certificate), ("lesson", lesson_url)]
        pages.append(("programme", programme.url))
        for name, url in pages:
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 200, (language, name, response.status_code)
            text = text_of(response)
            leaks += [(language, name, what) for what, value in english.items() if value in text]
    assert leaks == [], "\n".join(map(str, leaks))
    # The names were on the pages at all: the check above could fail.
    response = client.get(reverse("courses:cycle_list"))
    assert translated(OTHER_LANGUAGES[-1])["cycle"] in response.content.decode()


def test_english_where_no_translation_is_published(client):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    cycle = CycleFactory(programme=programme, capacity=5, seminar_requirement="none")
    session = make_session(cycle, title="Opening session")
    language = OTHER_LANGUAGES[0]
    build_translation(programme, language, {"title": translated(language)["programme"]})
    # Another language's translations do not stand in for the reader's.
    for other in OTHER_LANGUAGES[1:]:
        translate_row(cycle, "title", other, translated(other)["cycle"])
        translate_row(session, "venue", other, translated(other)["venue"])
    learner = LearnerFactory(preferred_language=language)
    client.force_login(learner)
    page = client.get(reverse("courses:cycle_list")).content.decode()
    assert translated(language)["programme"] in page
    assert programme.title not in page
    assert cycle.title in page
    assert content_names.session_venue(session, language) == "Palais des Nations"
    assert content_names.session_title(session, language) == "Opening session"
    assert content_names.cycle_title(cycle, settings.LANGUAGE_CODE) == cycle.title


def test_open_cycles_and_my_certificates_name_the_programme_in_the_readers_language(client):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    cycle = CycleFactory(programme=programme, capacity=5, seminar_requirement="none")
    language = OTHER_LANGUAGES[0]
    names = translated(language)
    build_translation(programme, language, {"title": names["programme"]})
    translate_row(cycle, "title", language, names["cycle"])
    learner = LearnerFactory(preferred_language=language)
    services.apply(learner=learner, cycle=cycle)
    services.complete_lesson(learner=learner, lesson=programme.modules().first().lessons().first())
    client.force_login(learner)
    for url in (reverse("courses:cycle_list"), reverse("certificates:mine")):
        page = client.get(url).content.decode()
        assert names["programme"] in page, url
        assert names["cycle"] in page, url
        assert programme.title not in page, url
        assert cycle.title not in page, url


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_the_certificate_prints_the_translated_cycle_title(language):
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    cycle = CycleFactory(programme=programme, capacity=5, seminar_requirement="none")
    translate_row(cycle, "title", language, translated(language)["cycle"])
    learner = LearnerFactory(preferred_language=language)
    enrollment = services.apply(learner=learner, cycle=cycle)
    services.complete_lesson(learner=learner, lesson=programme.modules().first().lessons().first())
    certificate = enrollment.certificates.get()
    assert certificate.cycle_title == translated(language)["cycle"]
    if language == OTHER_LANGUAGES[0]:
        certificate_services.render_certificate(certificate_id=certificate.pk)
        certificate.refresh_from_db()
        with certificate.pdf.open("rb") as handle:
            pages = PdfReader(io.BytesIO(handle.read())).pages
            text = "".join("".join(page.extract_text().split()) for page in pages)
        assert "".join(translated(language)["cycle"].split()) in text


def test_the_private_calendar_speaks_the_learners_language():
    programme = ProgrammeFactory(modules=1, seminar=True, lessons=1)
    cycle = CycleFactory(programme=programme, capacity=5, seminar_requirement="all")
    session = make_session(cycle, title="Opening session")
    language = OTHER_LANGUAGES[-1]
    names = translated(language)
    translate_row(cycle, "title", language, names["cycle"])
    translate_row(session, "title", language, names["session"])
    translate_row(session, "venue", language, names["venue"])
    learner = LearnerFactory(preferred_language=language)
    services.apply(learner=learner, cycle=cycle)
    seminar_services.choose_session(learner=learner, session=session)
    feed = calendars.cycle_feed(cycle).decode()
    assert "Palais des Nations" in feed  # the public feed: the requester's language (English)
    private = calendars.learner_feed(learner).decode().replace("\r\n ", "")
    assert names["venue"] in private and "Palais des Nations" not in private


@pytest.mark.parametrize("text", ["Two\nlines", "Null\x00byte"])
def test_a_translation_is_one_line(text):
    cycle = CycleFactory()
    row = ContentTranslation(
        content_type=ContentType.objects.get_for_model(cycle),
        object_id=cycle.pk,
        field="title",
        language=OTHER_LANGUAGES[0],
        text=text,
    )
    with pytest.raises(ValidationError):
        row.full_clean()


def test_only_listed_fields_and_the_sites_other_languages():
    cycle = CycleFactory()
    kind = ContentType.objects.get_for_model(cycle)
    for field, language in (("code", OTHER_LANGUAGES[0]), ("title", "xx"), ("title", "en")):
        row = ContentTranslation(
            content_type=kind, object_id=cycle.pk, field=field, language=language, text="T"
        )
        with pytest.raises(ValidationError):
            row.full_clean()
    assert not ContentTranslation.objects.exists()


def test_open_cycles_costs_the_same_whatever_the_number_of_cycles(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # A visitor reading in `language` (the browser's): a signed-in learner's list also asks,
    # per cycle, whether they may apply (courses.services.check_can_apply), which is not
    # what this test measures.
    language = OTHER_LANGUAGES[0]
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    cycles, queries_at = 0, {}
    for size in (2, 5):
        while cycles < size:
            programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
            build_translation(programme, language, {"title": translated(language)["programme"]})
            cycle = CycleFactory(programme=programme)
            translate_row(cycle, "title", language, translated(language)["cycle"])
            cycles += 1
        client.get(reverse("courses:cycle_list"))  # caches (locales, content types) warm
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("courses:cycle_list")).content.decode()
        assert page.count(translated(language)["cycle"]) == size
        queries_at[size] = len(queries)
    assert queries_at[2] == queries_at[5], queries_at


def test_an_administrator_writes_a_cycle_title_in_another_language(client):
    from tests.factories import AdministratorFactory

    cycle = CycleFactory()
    language = OTHER_LANGUAGES[0]
    client.force_login(AdministratorFactory())
    form = {
        "content_type": ContentType.objects.get_for_model(cycle).pk,
        "object_id": cycle.pk,
        "field": "title",
        "language": language,
    }
    refused = client.post(reverse("content_translations:add"), {**form, "text": "Deux\nlignes"})
    assert refused.status_code == 200 and not ContentTranslation.objects.exists()
    client.post(reverse("content_translations:add"), {**form, "text": "Cycle trois"})
    assert content_names.cycle_title(cycle, language) == "Cycle trois"


def test_the_evaluation_form_speaks_the_readers_language():
    from django.utils import translation

    from evaluations.models import EvaluationForm

    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    form = EvaluationForm.objects.create(
        programme=programme,
        title="Cycle evaluation",
        questions=[("rating", "How useful was the cycle?"), ("text", "What would you change?")],
    )
    form.refresh_from_db()
    first = form.question_list()[0]["id"]
    language = OTHER_LANGUAGES[0]
    translate_row(form, "title", language, "«t» Évaluation")
    translate_row(form, f"question:{first}", language, "«t» Utilité")
    with translation.override(language):
        questions = [q["text"] for q in EvaluationForm.objects.get().question_list()]
    assert questions == ["«t» Utilité", "What would you change?"]  # the second: English
    assert content_names.name(form, "title", language) == "«t» Évaluation"
    with pytest.raises(ValidationError):
        ContentTranslation(
            content_type=ContentType.objects.get_for_model(form),
            object_id=form.pk,
            field="question:",
            language=language,
            text="T",
        ).full_clean()
