"""Shared builders for the seminar tests."""

from datetime import datetime, timedelta

from django.utils import timezone

from courses import services
from seminars.models import SeminarSession
from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory

GENEVA = "Europe/Zurich"  # IANA has no Geneva zone; Geneva keeps Zurich time


def seminar_cycle(**kwargs):
    programme = ProgrammeFactory(modules=1, seminar=True, lessons=1)
    kwargs.setdefault("seminar_requirement", "all")
    kwargs.setdefault("capacity", 50)
    return programme, CycleFactory(programme=programme, **kwargs)


def make_session(cycle, *, capacity=10, online=False, tz=GENEVA, days=10, **kwargs):
    import zoneinfo

    start = datetime.combine(
        timezone.localdate() + timedelta(days=days),
        datetime.min.time().replace(hour=9),
        tzinfo=zoneinfo.ZoneInfo(tz),
    )
    fields = dict(
        cycle=cycle,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        time_zone=tz,
        format="online" if online else "in_person",
        venue="" if online else "Palais des Nations",
        room="" if online else "Room XVII",
        meeting_url="https://meet.example.org/patit-seminar" if online else "",
        language="en",
        capacity=capacity,
        choose_until=start - timedelta(days=2),
    )
    fields.update(kwargs)
    return SeminarSession.objects.create(**fields)


def seated_learner(cycle, **kwargs):
    learner = LearnerFactory(**kwargs)
    enrollment = services.apply(learner=learner, cycle=cycle)
    return learner, enrollment
