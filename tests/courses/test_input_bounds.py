"""Values that feed a calendar, a timer, an e-mail or an import are refused when typed, with
a message, not when used (issue 19, defect 5): a line break in a title broke the public
calendar for everyone, a huge inactivity delay broke every run of the due work."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from courses.models import Cycle
from tests.factories import AdministratorFactory, CycleFactory, LearnerFactory, ProgrammeFactory
from tests.seminars.helpers import make_session

pytestmark = pytest.mark.django_db

ONE_LINE = "Use one line: line breaks and control characters are not allowed."


@pytest.fixture
def cycle():
    return CycleFactory(programme=ProgrammeFactory(modules=1, seminar=False, lessons=1))


def _post_edit(client, cycle, **changes):
    url = reverse("cycles:edit", args=[cycle.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="w-editor-form").copy()
    for field, value in changes.items():
        data[field] = value
    return client.post(url, data)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "Cycle one\r\nX-INJECTED:yes", ONE_LINE),
        ("title", "Cycle\u2028one", ONE_LINE),
        ("remind_inactive_days", "99999999999", "less than or equal to 365"),
        ("remind_offer_hours", "99999999999", "less than or equal to 720"),
        ("capacity", "2147483648", "less than or equal to 100000"),
    ],
)
def test_a_cycle_value_that_would_break_later_is_refused_in_the_admin(
    client, cycle, field, value, message
):
    client.force_login(AdministratorFactory())
    before = Cycle.objects.values().get(pk=cycle.pk)
    response = _post_edit(client, cycle, **{field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Cycle.objects.values().get(pk=cycle.pk) == before


def test_the_calendar_and_the_due_work_still_run_with_the_largest_values_allowed(client, cycle):
    from django.core.management import call_command

    client.force_login(AdministratorFactory())
    response = _post_edit(
        client,
        cycle,
        title="Cycle — one line",
        remind_inactive_days="365",
        remind_offer_hours="720",
        capacity="100000",
    )
    assert response.status_code == 302
    assert client.get(reverse("seminars:cycle_calendar", args=[cycle.code])).status_code == 200
    call_command("run_due_work")


def test_the_bounds_are_on_the_models(cycle):
    from seminars.models import SeminarSession

    cycle.title = "two\nlines"
    cycle.remind_inactive_days = 99999999999
    with pytest.raises(ValidationError) as error:
        cycle.full_clean()
    assert {"title", "remind_inactive_days"} <= set(error.value.message_dict)
    session = make_session(cycle)
    for field in ("title", "venue", "room"):
        setattr(session, field, "Palais\x00des Nations")
        with pytest.raises(ValidationError) as error:
            session.full_clean()
        assert field in error.value.message_dict
        setattr(session, field, "")
    session.capacity = 2147483648
    with pytest.raises(ValidationError):
        session.full_clean()
    assert SeminarSession._meta.get_field("title").validators


def test_a_name_with_a_line_break_is_refused_on_the_profile(client):
    learner = LearnerFactory(first_name="Amina")
    client.force_login(learner)
    response = client.post(
        reverse("profile"),
        {"first_name": "Amina\nBcc: all@example.org", "last_name": "Diallo"},
    )
    assert ONE_LINE in response.content.decode()
    learner.refresh_from_db()
    assert learner.first_name == "Amina"


@pytest.mark.parametrize("value", ["²", "١٢", "99999999999999999999999", "-1", "1e3"])
def test_a_roster_cycle_that_is_not_an_ascii_number_is_not_a_500(client, cycle, value):
    client.force_login(AdministratorFactory())
    response = client.get(reverse("roster:index"), {"cycle": value})
    assert response.status_code < 500


@pytest.mark.parametrize(
    ("url", "param"),
    [("cycles:index", "year"), ("roster:index", "cycle"), ("certificates_admin:index", "cycle")],
)
@pytest.mark.parametrize("value", ["²", "99999", "1e400", "-0", "NaN"])
def test_a_number_filter_of_the_admin_lists_is_never_a_500(client, cycle, url, param, value):
    client.force_login(AdministratorFactory())
    assert client.get(reverse(url), {param: value}).status_code < 500


def test_a_title_stored_before_the_bound_still_gives_a_calendar(client, cycle):
    Cycle.objects.filter(pk=cycle.pk).update(title="Cycle one\r\nX-INJECTED:yes")
    response = client.get(reverse("seminars:cycle_calendar", args=[cycle.code]))
    assert response.status_code == 200
    assert b"\r\nX-INJECTED" not in response.content
