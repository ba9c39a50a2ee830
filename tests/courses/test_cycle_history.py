"""The history of a cycle (issue 19, defect 9): an instructor's site history shows only
their own cycles; the cycle-level and seminar events recorded by the services (capacity,
closing, cancelling, copying, curriculum applied, sessions chosen and changed) are shown on
the cycle's history page; a GET on the admin's sign-out URL signs nobody out."""

import pytest
from django.urls import reverse
from wagtail.log_actions import log

from courses import services
from seminars import services as seminar_services
from tests.factories import AdministratorFactory, InstructorFactory
from tests.seminars.helpers import make_session, seated_learner, seminar_cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cycles():
    admin = AdministratorFactory()
    _programme, mine = seminar_cycle(code="PATIT-2026-71", title="Mine cycle")
    _programme, theirs = seminar_cycle(code="PATIT-2026-72", title="Theirs cycle")
    instructor = InstructorFactory()
    services.assign_instructor(cycle=mine, instructor=instructor)
    return admin, instructor, mine, theirs


def test_an_instructor_sees_only_their_cycles_in_the_site_history(client, two_cycles):
    admin, instructor, mine, theirs = two_cycles
    log(mine, "wagtail.edit", user=admin)
    log(theirs, "wagtail.edit", user=admin)
    url = reverse("wagtailadmin_reports:site_history")
    client.force_login(instructor)
    html = client.get(url).content.decode()
    assert "PATIT-2026-71" in html and "PATIT-2026-72" not in html
    export = client.get(url + "?export=csv")
    text = b"".join(export.streaming_content).decode()
    assert "PATIT-2026-71" in text and "PATIT-2026-72" not in text
    client.force_login(admin)
    html = client.get(url).content.decode()
    assert "PATIT-2026-71" in html and "PATIT-2026-72" in html


def test_the_cycle_history_page_shows_the_cycle_and_seminar_events(client, two_cycles):
    admin, instructor, mine, theirs = two_cycles
    learner, enrollment = seated_learner(mine, first_name="Nadia", last_name="Quill")
    first, second = make_session(mine, days=10), make_session(mine, days=12)
    seminar_services.choose_session(learner=learner, session=first)
    seminar_services.choose_session(learner=learner, session=second)
    services.set_capacity(cycle=mine, capacity=77, by=admin)
    services.apply_current_curriculum(cycle=mine, by=admin, reason="Module 2 rewritten")
    services.copy_to_next_cycle(cycle=mine, by=admin)
    services.cancel_cycle(cycle=mine, by=admin, reason="Venue closed for works")
    url = reverse("cycles:events", args=[mine.pk])
    for viewer in (instructor, admin):
        client.force_login(viewer)
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        for words in (
            "Capacity changed",
            "77",
            "Current curriculum applied",
            "Module 2 rewritten",
            "Copied to the next cycle",
            "Cycle cancelled",
            "Venue closed for works",
            "Chose a session",
            "Changed session",
            "Nadia",
            str(admin),
        ):
            assert words in html, words
    # The page is linked from the cycle's menu, and refused to an instructor of another cycle.
    client.force_login(instructor)
    assert url in client.get(reverse("cycles:index")).content.decode()
    client.force_login(InstructorFactory())
    assert client.get(url).status_code == 302


def test_closing_is_in_the_cycle_history(client, two_cycles):
    from datetime import timedelta

    from django.utils import timezone

    admin, _instructor, mine, _theirs = two_cycles
    mine.starts_on = timezone.localdate() - timedelta(days=90)
    mine.ends_on = timezone.localdate() - timedelta(days=1)
    mine.save()
    services.close_cycle(cycle=mine, by=admin)
    client.force_login(admin)
    html = client.get(reverse("cycles:events", args=[mine.pk])).content.decode()
    assert "Cycle closed" in html


def test_a_get_on_the_admin_sign_out_signs_nobody_out(client):
    admin = AdministratorFactory()
    client.force_login(admin)
    response = client.get(reverse("wagtailadmin_logout"))
    assert response.status_code == 405
    assert "_auth_user_id" in client.session
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    response = client.post(reverse("wagtailadmin_logout"))
    assert response.status_code == 302 and "_auth_user_id" not in client.session
