"""Demo cycles from `content/cycles.yaml`, built through the services (safe to re-run).

Each cycle tells one `story`: `finished` (everyone seated studied everything and holds a
certificate), `running` (the seated learners are at different points) or `oversubscribed`
(open for applications: a waitlist, and an open offer after a withdrawal).
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from cms.builders import translate_name
from cms.models import LessonPage, ProgrammePage
from cms.translation import in_default_locale
from courses import selectors, services
from courses.models import Cycle, Enrollment

from . import loader

S = Enrollment.Status


def seed_cycles() -> list[Cycle]:
    """The cycles of cycles.yaml, with their applicants, offers, progress and attendance.

    The steps run in the order a real year would: every cycle's applications first, then
    the withdrawal that opens an offer, then studying, so that each service sees the data
    it would see in production.
    """
    rows = loader.read("cycles.yaml")["cycles"]
    cycles = [_cycle(row) for row in rows]
    for row, cycle in zip(rows, cycles, strict=True):
        if row["story"] == "oversubscribed":
            first_at = timezone.now() - timedelta(days=5)
        else:
            first_at = cycle.applications_open_at + timedelta(days=1)
        _apply_all(cycle, row["applicants"], first_at=first_at)
        if row["story"] == "oversubscribed":
            _withdraw_one(cycle, reason=row["withdrawal_reason"])
    for row, cycle in zip(rows, cycles, strict=True):
        instructor = User.objects.get(email=row["instructor"])
        services.assign_instructor(cycle=cycle, instructor=instructor)
    for row, cycle in zip(rows, cycles, strict=True):
        if row["story"] == "finished":
            _finish(cycle, instructor=User.objects.get(email=row["instructor"]))
        elif row["story"] == "running":
            seated = cycle.enrollments.filter(status=S.ENROLLED).order_by("pk")
            for i, enrollment in enumerate(seated):
                _study(enrollment, lessons=i * 4 // 3, now=timezone.now())
    return cycles


def _at(day, hour=9):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _cycle(row: dict) -> Cycle:
    """A cycle of 10 weeks whose applications open 8 weeks before it starts."""
    start = timezone.localdate() + timedelta(weeks=row["starts_in_weeks"])
    cycle, _ = Cycle.objects.get_or_create(
        code=row["code"],
        defaults={
            "programme": ProgrammePage.objects.get(slug=row["programme"], **in_default_locale()),
            "title": row["title"],
            "starts_on": start,
            "ends_on": start + timedelta(weeks=10),
            "applications_open_at": _at(start - timedelta(weeks=8)),
            "applications_close_at": _at(start - timedelta(days=3), 17),
            "late_join_on": start + timedelta(weeks=2),
            "capacity": row["capacity"],
            "offer_hours": row.get("offer_hours", 48),
            "policy": row["policy"],
        },
    )
    languages = {code for code, _name in settings.LANGUAGES}
    for language, title in row.get("titles", {}).items():
        if language in languages and language != settings.LANGUAGE_CODE:
            translate_name(cycle, "title", language, title)
    return cycle


def _apply_all(cycle: Cycle, emails: list[str], *, first_at) -> None:
    """Apply in order, a few hours apart, as at the time of the application window."""
    for i, email in enumerate(emails):
        learner = User.objects.get(email=email)
        if not cycle.enrollments.filter(learner=learner).exists():
            services.apply(learner=learner, cycle=cycle, now=first_at + timedelta(hours=3 * i))


def _withdraw_one(cycle: Cycle, *, reason: str) -> None:
    """One seated learner leaves, which offers the seat to the head of the waitlist."""
    if cycle.enrollments.filter(status=S.OFFERED).exists():
        return  # seeded before
    leaving = cycle.enrollments.filter(status=S.ENROLLED).last()
    if leaving is not None:
        services.withdraw(enrollment=leaving, reason=reason)


def _finish(cycle: Cycle, *, instructor: User) -> None:
    """Every seated learner studies everything mid-cycle; where the cycle requires the
    seminar for them (the ambassadors), the instructor records their attendance."""
    during = _at(cycle.starts_on + timedelta(weeks=5))
    for enrollment in cycle.enrollments.filter(status=S.ENROLLED):
        _study(enrollment, lessons=None, now=during)
        if enrollment.cycle.seminar_required_for(enrollment):
            services.record_attendance(
                enrollment=enrollment, attended=True, by=instructor, now=during
            )


def _correct_answers(check: dict) -> dict:
    return {
        f"q{q}": str(next(i for i, c in enumerate(question["choices"]) if c["correct"]))
        for q, question in enumerate(check["questions"])
    }


def _study(enrollment: Enrollment, *, lessons: int | None, now) -> None:
    """Work through the first `lessons` lessons of the modules in order (None: all),
    answering knowledge checks correctly, as a diligent learner would."""
    progress = selectors.progress_for(enrollment=enrollment)
    ordered = [lesson for module in progress.modules for lesson in module.lessons]
    learner = enrollment.learner
    for item in ordered if lessons is None else ordered[:lessons]:
        if item.done:
            continue
        lesson = LessonPage.objects.get(pk=item.id)
        checks = services.knowledge_checks(lesson)
        if checks:
            for block_id, check in checks.items():
                services.submit_knowledge_check(
                    learner=learner,
                    lesson=lesson,
                    block_id=block_id,
                    answers=_correct_answers(check),
                    now=now,
                )
        else:
            services.complete_lesson(learner=learner, lesson=lesson, now=now)
