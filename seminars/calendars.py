"""iCalendar feeds (RFC 5545, through the `icalendar` library): a cycle's public dates, and a
learner's private feed of their own cycles, deadlines and seminar session.

Times keep their zone: a session's start carries its own TZID (with its VTIMEZONE), the
cycle's deadlines the programme's; the cycle's first and last days are all-day events."""

from __future__ import annotations

import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from cms import content_names
from courses.models import Cycle, Enrollment

from .models import SeminarSession, SessionSeat

PRODID = "-//UNITAR//PATIT LMS//EN"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # One line: icalendar refuses a line break in a property name's value (a title stored
    # before titles were bounded to one line would make the feed a 500).
    calendar.add("x-wr-calname", " ".join(name.split()))
    return calendar


def _event(
    uid: str, summary: str, *, start, end=None, description="", location="", url=""
) -> Event:
    event = Event()
    event.add("uid", f"{uid}@patit-lms")
    event.add("dtstamp", timezone.now())
    event.add("summary", summary)
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    return event


def _local(moment):
    """A deadline in the programme's time zone (so that it carries a TZID)."""
    return timezone.localtime(moment, zoneinfo.ZoneInfo(settings.TIME_ZONE))


def _cycle_events(cycle: Cycle, *, applications=True) -> list[Event]:
    events = [
        _event(
            f"cycle-{cycle.pk}-starts",
            _("%(code)s starts") % {"code": cycle.code},
            start=cycle.starts_on,
            end=cycle.starts_on + timedelta(days=1),
        ),
        _event(
            f"cycle-{cycle.pk}-ends",
            _("%(code)s ends") % {"code": cycle.code},
            start=cycle.ends_on,
            end=cycle.ends_on + timedelta(days=1),
        ),
    ]
    if applications:
        events.append(
            _event(
                f"cycle-{cycle.pk}-applications-close",
                _("Applications to %(code)s close") % {"code": cycle.code},
                start=_local(cycle.applications_close_at),
            )
        )
    return events


def _session_event(session: SeminarSession, *, with_link: bool) -> Event:
    description = content_names.session_title(session)
    if with_link and session.meeting_url:
        description = f"{description}\n{session.meeting_url}".strip()
    return _event(
        f"seminar-session-{session.pk}",
        _("Seminar of %(code)s") % {"code": session.cycle.code},
        start=session.local_start,
        end=session.local_end,
        description=description,
        location=session.meeting_url
        if with_link and session.format == "online"
        else session.place
        if session.format == "in_person"
        else "",
    )


def _finish(calendar: Calendar) -> bytes:
    calendar.add_missing_timezones()
    return calendar.to_ical()


def cycle_feed(cycle: Cycle) -> bytes:
    """The cycle's public dates and its seminar sessions (never a meeting link)."""
    calendar = _calendar(content_names.cycle_title(cycle))
    for event in _cycle_events(cycle):
        calendar.add_component(event)
    sessions = list(cycle.seminar_sessions.select_related("cycle"))
    content_names.prime(sessions)
    for session in sessions:
        calendar.add_component(_session_event(session, with_link=False))
    return _finish(calendar)


def learner_feed(user) -> bytes:
    """The learner's live and completed cycles, the deadlines that concern them (the
    application close while waitlisted, an offer's deadline) and their seminar session, in
    the learner's language (a calendar client fetches it with no session to say which)."""
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        return _learner_feed(user)


def _learner_feed(user) -> bytes:
    S = Enrollment.Status
    calendar = _calendar(_("PATIT: my learning"))
    enrollments = Enrollment.objects.filter(
        learner=user, status__in=Enrollment.LIVE
    ).select_related("cycle")
    for enrollment in enrollments:
        cycle = enrollment.cycle
        for event in _cycle_events(cycle, applications=enrollment.status == S.WAITLISTED):
            calendar.add_component(event)
        if enrollment.status == S.OFFERED and enrollment.offer_expires_at:
            calendar.add_component(
                _event(
                    f"enrollment-{enrollment.pk}-offer",
                    _("Confirm your seat in %(code)s") % {"code": cycle.code},
                    start=_local(enrollment.offer_expires_at),
                )
            )
    seats = SessionSeat.objects.filter(
        enrollment__learner=user, enrollment__status__in=Enrollment.SEATED
    ).select_related("session", "session__cycle")
    seats = list(seats)
    content_names.prime([seat.session for seat in seats])
    for seat in seats:
        calendar.add_component(_session_event(seat.session, with_link=True))
    return _finish(calendar)
