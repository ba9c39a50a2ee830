"""One date formatter per language (issue 10): a date reads the same in a page, an e-mail and
a certificate, in each language."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates import rendering
from certificates.rendering import CertificateContent
from core.dates import format_date, format_datetime
from courses import services
from tests.factories import CycleFactory, LearnerFactory


def test_united_nations_style_in_each_language():
    day = datetime.date(2026, 3, 1)
    assert format_date(day, "en") == "1 March 2026"
    assert format_date(day, "fr") == "1er mars 2026"
    assert format_date(datetime.date(2026, 3, 2), "fr") == "2 mars 2026"
    assert format_date(day, "ar") == "1 آذار/مارس 2026"
    assert format_date(day, "de") == "1 March 2026"  # a language without a table: English


def test_a_datetime_is_shown_in_the_time_zone_asked_for():
    moment = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)
    geneva = datetime.timezone(datetime.timedelta(hours=1))
    assert format_datetime(moment, "en", tz=datetime.UTC) == "1 March 2026, 23:30"
    assert format_datetime(moment, "fr", tz=geneva) == "2 mars 2026 à 00:30"
    assert format_datetime(moment, "ar", tz=geneva) == "2 آذار/مارس 2026، 00:30"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_same_date_reads_the_same_in_page_email_and_certificate(
    language, client, mailoutbox, django_capture_on_commit_callbacks
):
    first = timezone.localdate().replace(day=1)  # "1er" in French
    expected = format_date(first, language)
    cycle = CycleFactory(starts_on=first)
    learner = LearnerFactory(preferred_language=language)

    with django_capture_on_commit_callbacks(execute=True):
        services.apply(learner=learner, cycle=cycle)
    [email] = mailoutbox
    assert expected in email.body  # "the cycle starts on …"

    client.force_login(learner)
    page = client.get(
        reverse("courses:cycle_detail", args=[cycle.code]), HTTP_ACCEPT_LANGUAGE=language
    )
    assert page.status_code == 200
    assert expected in page.content.decode()

    content = CertificateContent(
        language=language,
        learner_name="Amina Haddad",
        programme_title=cycle.programme.title,
        cycle_title=cycle.title,
        cycle_code=cycle.code,
        starts_on=first,
        ends_on=cycle.ends_on,
        completed_items=["Module 1"],
        serial="X-0001",
        verification_code="0000-0000-0000-0000-0000",
        verify_url="https://example.org/verify/",
        issued_on=first,
        title="Certificate",
        body="",
    )
    context = rendering._context(content, inline_css=False)
    assert expected in context["dates"]
    assert context["issued_on"] == expected
