"""The .ics feeds, parsed back with icalendar: the right events, in the right time zones;
a private feed behind a token that stops working when it is replaced."""

import zoneinfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from seminars import services
from seminars.models import CalendarToken

from .helpers import GENEVA, make_session, seated_learner, seminar_cycle

pytestmark = pytest.mark.django_db


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return calendar, {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_the_public_cycle_feed_has_its_dates_and_sessions_without_links(client):
    _programme, cycle = seminar_cycle()
    online = make_session(cycle, online=True, tz="Asia/Tokyo")
    in_person = make_session(cycle, days=12)
    calendar, found = events(client.get(reverse("seminars:cycle_calendar", args=[cycle.code])))
    assert set(found) == {
        f"cycle-{cycle.pk}-starts@patit-lms",
        f"cycle-{cycle.pk}-ends@patit-lms",
        f"cycle-{cycle.pk}-applications-close@patit-lms",
        f"seminar-session-{online.pk}@patit-lms",
        f"seminar-session-{in_person.pk}@patit-lms",
    }
    assert found[f"cycle-{cycle.pk}-starts@patit-lms"].decoded("dtstart") == cycle.starts_on
    tokyo = found[f"seminar-session-{online.pk}@patit-lms"]
    assert tokyo["dtstart"].params["TZID"] == "Asia/Tokyo"
    assert tokyo.decoded("dtstart") == online.starts_at
    assert tokyo.decoded("dtstart").utcoffset() == zoneinfo.ZoneInfo("Asia/Tokyo").utcoffset(
        online.starts_at.replace(tzinfo=None)
    )
    geneva = found[f"seminar-session-{in_person.pk}@patit-lms"]
    assert geneva["dtstart"].params["TZID"] == GENEVA
    assert str(geneva["location"]) == "Palais des Nations, Room XVII"
    assert {str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")} >= {"Asia/Tokyo", GENEVA}
    assert b"meet.example.org" not in calendar.to_ical()
    assert client.get(reverse("seminars:cycle_calendar", args=["NO-SUCH"])).status_code == 404


def test_a_learners_feed_has_their_cycles_offer_deadline_and_session(client):
    _programme, cycle = seminar_cycle(capacity=1)
    session = make_session(cycle, online=True)
    learner, enrollment = seated_learner(cycle)
    services.choose_session(learner=learner, session=session)
    waiting, waiting_enrollment = seated_learner(cycle)
    _other_programme, other_cycle = seminar_cycle()
    client.force_login(learner)
    assert client.get(reverse("seminars:my_calendar")).status_code == 200
    token = CalendarToken.objects.get(user=learner, revoked_at=None)
    client.logout()  # the feed is read by calendar applications, without a session
    _calendar, found = events(client.get(reverse("seminars:feed", args=[token.token])))
    assert set(found) == {
        f"cycle-{cycle.pk}-starts@patit-lms",
        f"cycle-{cycle.pk}-ends@patit-lms",
        f"seminar-session-{session.pk}@patit-lms",
    }
    assert "meet.example.org" in str(
        found[f"seminar-session-{session.pk}@patit-lms"]["description"]
    )
    # Someone else's calendar shows their own deadlines: the waitlisted learner, promoted
    # to an offer when the seat is freed, gets the offer's deadline.
    from courses import services as course_services

    course_services.withdraw(enrollment=enrollment, by=learner)
    waiting_enrollment.refresh_from_db()
    assert waiting_enrollment.status == "offered"
    waiting_token = services.calendar_token(user=waiting)
    _calendar, theirs = events(client.get(reverse("seminars:feed", args=[waiting_token.token])))
    offer = theirs[f"enrollment-{waiting_enrollment.pk}-offer@patit-lms"]
    assert offer.decoded("dtstart") == waiting_enrollment.offer_expires_at.replace(microsecond=0)
    assert offer["dtstart"].params["TZID"] == "America/New_York"
    assert f"seminar-session-{session.pk}@patit-lms" not in theirs
    assert not any(uid.startswith(f"cycle-{other_cycle.pk}-") for uid in theirs)


def test_a_revoked_token_is_refused(client):
    learner, _enrollment = seated_learner(seminar_cycle()[1])
    old = services.calendar_token(user=learner)
    client.force_login(learner)
    assert client.post(reverse("seminars:my_calendar")).status_code == 302
    new = CalendarToken.objects.get(user=learner, revoked_at=None)
    assert new.token != old.token
    assert client.get(reverse("seminars:feed", args=[old.token])).status_code == 404
    assert client.get(reverse("seminars:feed", args=[new.token])).status_code == 200
    assert client.get(reverse("seminars:feed", args=["not-a-token"])).status_code == 404


def test_add_to_calendar_links_are_on_the_cycle_page_and_the_dashboard(client):
    _programme, cycle = seminar_cycle()
    learner, _enrollment = seated_learner(cycle)
    page = client.get(reverse("courses:cycle_detail", args=[cycle.code])).content.decode()
    assert reverse("seminars:cycle_calendar", args=[cycle.code]) in page
    client.force_login(learner)
    dashboard = client.get(reverse("courses:my_learning")).content.decode()
    assert reverse("seminars:my_calendar") in dashboard
    assert "Choose a seminar session" in dashboard
