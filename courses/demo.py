"""Demo cycles for `manage.py seed_demo`, built through the services (safe to re-run).

Three PATIT cycles around today: one finished, one running, and one open for applications
that is oversubscribed (a waitlist, and an open offer after a withdrawal).
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from cms.models import ProgrammePage

from . import selectors, services
from .models import Cycle, Enrollment


def _at(day, hour=9):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _cycle(programme, code, title, *, start, capacity, policy="fifo", offer_hours=48):
    """A cycle of 10 weeks whose applications open 8 weeks before it starts."""
    cycle, _ = Cycle.objects.get_or_create(
        code=code,
        defaults={
            "programme": programme,
            "title": title,
            "starts_on": start,
            "ends_on": start + timedelta(weeks=10),
            "applications_open_at": _at(start - timedelta(weeks=8)),
            "applications_close_at": _at(start - timedelta(days=3), 17),
            "late_join_on": start + timedelta(weeks=2),
            "capacity": capacity,
            "offer_hours": offer_hours,
            "policy": policy,
        },
    )
    return cycle


def _apply_all(cycle, learners, *, first_at):
    """Apply in order, a few hours apart, as at the time of the application window."""
    for i, learner in enumerate(learners):
        if not cycle.enrollments.filter(learner=learner).exists():
            services.apply(learner=learner, cycle=cycle, now=first_at + timedelta(hours=3 * i))


def _correct_answers(check) -> dict:
    return {
        f"q{q}": str(next(i for i, c in enumerate(question["choices"]) if c["correct"]))
        for q, question in enumerate(check["questions"])
    }


def _study(enrollment, *, lessons, now):
    """Work through the first `lessons` lessons of the modules in order (None: all),
    answering knowledge checks correctly, as a diligent learner would."""
    from cms.models import LessonPage

    progress = selectors.progress_for(enrollment=enrollment)
    ordered = [lesson for module in progress.modules for lesson in module.lessons]
    for item in ordered if lessons is None else ordered[:lessons]:
        if item.done:
            continue
        lesson = LessonPage.objects.get(pk=item.id)
        checks = services.knowledge_checks(lesson)
        learner = enrollment.learner
        if checks:
            for block_id, check in checks.items():
                services.submit_knowledge_check(learner=learner, lesson=lesson, block_id=block_id,
                                                answers=_correct_answers(check), now=now)
        else:
            services.complete_lesson(learner=learner, lesson=lesson, now=now)


@transaction.atomic
def seed_cycles(*, learners, instructors) -> list[Cycle]:
    programme = ProgrammePage.objects.get(slug="patit")
    today = timezone.localdate()
    past = _cycle(programme, "PATIT-2026-3", "PATIT cycle 3, 2026",
                  start=today - timedelta(weeks=16), capacity=12)
    running = _cycle(programme, "PATIT-2026-4", "PATIT cycle 4, 2026",
                     start=today - timedelta(weeks=2), capacity=10, policy="seniority")
    upcoming = _cycle(programme, "PATIT-2027-1", "PATIT cycle 1, 2027",
                      start=today + timedelta(weeks=6), capacity=6, policy="mission_balance")

    # A learner holds one unfinished enrollment per programme and takes it once, so each
    # cycle has its own people: the first five named learners finished the past cycle, the
    # next three study in the running one, the observer waits for the next.
    named, others = learners[:9], learners[9:]
    _apply_all(past, named[:5] + others[:7],
               first_at=past.applications_open_at + timedelta(days=1))
    _apply_all(running, named[5:8] + others[7:14],
               first_at=running.applications_open_at + timedelta(days=1))

    # Oversubscribed: more applicants than seats. One seated learner withdraws, which
    # offers the seat to the head of the waitlist (an open offer with a deadline).
    _apply_all(upcoming, named[8:] + others[14:22], first_at=timezone.now() - timedelta(days=5))
    if not upcoming.enrollments.filter(status=Enrollment.Status.OFFERED).exists():
        leaving = upcoming.enrollments.filter(status=Enrollment.Status.ENROLLED).last()
        if leaving is not None:
            services.withdraw(enrollment=leaving, reason="Posted back to the capital.")

    first, second = instructors[0], instructors[-1]
    services.assign_instructor(cycle=running, instructor=first)
    services.assign_instructor(cycle=upcoming, instructor=first)
    services.assign_instructor(cycle=past, instructor=second)

    # Progress: the past cycle's learners all finished (the ambassadors attended the
    # seminar); the running cycle's learners are at different points.
    during_past = _at(past.starts_on + timedelta(weeks=5))
    for enrollment in past.enrollments.filter(status=Enrollment.Status.ENROLLED):
        _study(enrollment, lessons=None, now=during_past)
        if enrollment.cycle.seminar_required_for(enrollment):
            services.record_attendance(enrollment=enrollment, attended=True,
                                       by=instructors[-1], now=during_past)
    seated = running.enrollments.filter(status=Enrollment.Status.ENROLLED).order_by("pk")
    for i, enrollment in enumerate(seated):
        _study(enrollment, lessons=i * 4 // 3, now=timezone.now())

    return [past, running, upcoming]
