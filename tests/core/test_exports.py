"""CSV exports neutralise formula cells (OWASP "CSV injection"): a learner who names
themselves =HYPERLINK(...) does not get a live formula into an administrator's spreadsheet."""

import csv
import io

import pytest
from django.urls import reverse

from certificates import services as certificate_services
from core.exports import neutralise_formula
from courses import services
from tests.factories import AdministratorFactory, CycleFactory, LearnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
EVIL = '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (EVIL, "'" + EVIL),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Ghana", "Ghana"),
        ("", ""),
        (42, 42),
        (-5, -5),
        (None, None),
        ("a=b", "a=b"),
    ],
)
def test_neutralise_formula(value, expected):
    assert neutralise_formula(value) == expected


def _rows(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(content)))


@pytest.fixture
def evil_learner_completed():
    programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    cycle = CycleFactory(programme=programme, capacity=5, seminar_requirement="none")
    learner = LearnerFactory(first_name=EVIL, last_name="@Mensah")
    services.apply(learner=learner, cycle=cycle)
    lesson = programme.modules().first().lessons().first()
    services.complete_lesson(learner=learner, lesson=lesson)
    certificate = learner.enrollments.get().certificates.get()
    certificate_services.render_certificate(certificate_id=certificate.pk)
    return cycle, learner


def test_the_roster_export(client, evil_learner_completed):
    cycle, learner = evil_learner_completed
    client.force_login(AdministratorFactory())
    rows = _rows(client.get(reverse("roster:index") + f"?cycle={cycle.pk}&export=csv"))
    assert rows[0]["Name"] == f"'{EVIL} @Mensah"


def test_the_progress_export(client, evil_learner_completed):
    cycle, learner = evil_learner_completed
    client.force_login(AdministratorFactory())
    rows = _rows(client.get(reverse("reports:progress", args=[cycle.pk]) + "?export=csv"))
    assert rows[0]["Learner"].startswith("'=HYPERLINK(")


def test_the_certificate_export(client, evil_learner_completed):
    cycle, learner = evil_learner_completed
    client.force_login(AdministratorFactory())
    rows = _rows(client.get(reverse("certificates_admin:index") + "?export=csv"))
    assert rows[0]["Name"] == f"'{EVIL} @Mensah"


def test_the_cycle_export(client):
    CycleFactory(title="=1+1 cycle")
    client.force_login(AdministratorFactory())
    rows = _rows(client.get(reverse("cycles:index") + "?export=csv"))
    assert rows[0]["Title"] == "'=1+1 cycle"


def _views(patterns):
    from django.urls import URLPattern, URLResolver

    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class is not None:
                yield pattern, view_class


def test_every_export_of_ours_uses_the_safe_mixin():
    """A new admin list with an export, in any app of the layer table, cannot forget the
    helper."""
    from django.urls import get_resolver
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    from core.exports import SafeSpreadsheetExportMixin
    from tests.layers import unit_of

    exporting = {
        view_class
        for _pattern, view_class in _views(get_resolver().url_patterns)
        if issubclass(view_class, SpreadsheetExportMixin)
        and unit_of(view_class.__module__) is not None
    }
    assert len(exporting) >= 5
    unsafe = [v.__qualname__ for v in exporting if not issubclass(v, SafeSpreadsheetExportMixin)]
    assert unsafe == []
