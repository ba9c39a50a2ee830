"""A history at an institute's scale for benchmarks: many programmes, four cycles a year going
back in time, full and waitlisted cycles, completions and issued certificates.

Written through bulk inserts (the services would take hours at 100,000 learners), so every
rule the services keep is kept here by construction and checked at the end (`check_rules`):
seats never exceed the capacity; a waitlist only behind a full cycle; one unfinished
enrollment per learner and programme (each programme takes its applicants from its own
rotating pointer over the learners, so nobody applies twice to a programme); enrollments
carry the programme and the rank and Member State frozen from the learner; one
EnrollmentEvent per status reached.

Re-runnable: users are matched by e-mail and cycles by code (`SCALE-<programme>-<year>-<q>`);
a cycle that exists is left as it is, so a second run adds nothing.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock

from django.db import connection, transaction
from django.utils import timezone

from accounts.models import SENIOR_RANKS, User
from certificates.models import Certificate, new_verification_code
from certificates.wording import seminar_label
from courses.models import (
    Cycle,
    CycleEvent,
    Enrollment,
    EnrollmentEvent,
    LessonCompletion,
    SeminarAttendance,
)
from courses.services import live_curriculum

from .scale_people import BATCH, get_veteran, seed_learners
from .scale_programmes import programme_from, seed_programmes
from .scale_rules import check_rules

S = Enrollment.Status
A = EnrollmentEvent.Action
VETERAN_CYCLES = 10
CYCLES_PER_PROGRAMME = 40
POLICIES = [p for p, _label in Cycle.Policy.choices]


@dataclass
class Summary:
    programmes: int = 0
    learners_created: int = 0
    cycles_created: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


def default_programmes(cycles: int) -> int:
    """One programme per 40 cycles, at least 2; and 10 when there are cycles enough, so that
    the veteran can have completed 10 cycles (a programme is completed once, ever)."""
    return max(2, cycles // CYCLES_PER_PROGRAMME, min(VETERAN_CYCLES, cycles // 4))


def _quarter_start(year: int, q: int) -> date:
    return date(year, 3 * (q - 1) + 1, 1)


def _quarters_back(today: date, count: int) -> list[tuple[int, int]]:
    """`count` quarters ending with the next one (open for applications), oldest first."""
    year, q = today.year, (today.month - 1) // 3 + 1
    q += 1  # the next quarter's cycle is the future one
    if q == 5:
        year, q = year + 1, 1
    out = []
    for _ in range(count):
        out.append((year, q))
        q -= 1
        if q == 0:
            year, q = year - 1, 4
    return out[::-1]


def _at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock(hour)))


def seed_scale(
    *,
    learners: int,
    cycles: int,
    programmes: int | None = None,
    now: datetime | None = None,
    log=None,
) -> Summary:
    now = now or timezone.now()
    summary = Summary()
    programmes = programmes or default_programmes(cycles)
    summary.programmes = programmes
    with transaction.atomic():
        started = time.perf_counter()
        pages = seed_programmes(programmes)
        summary.timings["programmes"] = time.perf_counter() - started

        started = time.perf_counter()
        people, summary.learners_created = seed_learners(learners)
        veteran = get_veteran()
        summary.timings["learners"] = time.perf_counter() - started

        started = time.perf_counter()
        summary.cycles_created, summary.rows = _history(
            pages, people, veteran, cycles=cycles, now=now
        )
        summary.timings["history"] = time.perf_counter() - started

        started = time.perf_counter()
        check_rules()
        summary.timings["checks"] = time.perf_counter() - started
    return summary


@dataclass
class _Rows:
    enrollments: list[Enrollment] = field(default_factory=list)
    # Per enrollment (same order): [(action, from, to, when)], and the certificate when due.
    events: list[list[tuple[str, str, str, datetime]]] = field(default_factory=list)
    attended: list[bool] = field(default_factory=list)


def _history(pages, people, veteran, *, cycles: int, now: datetime):
    today = timezone.localdate(now)
    per_programme = [
        cycles // len(pages) + (1 if i < cycles % len(pages) else 0) for i in range(len(pages))
    ]
    existing = set(Cycle.objects.filter(code__startswith="SCALE-").values_list("code", flat=True))
    rows = _Rows()
    new_cycles: list[tuple[Cycle, int, int]] = []  # cycle, first row index, row count
    curricula: dict[int, dict] = {}
    for index, (programme, count) in enumerate(zip(pages, per_programme, strict=True)):
        # Each programme walks the learners from its own starting point, once: nobody
        # applies twice to a programme (and nobody who completed it applies again).
        pointer = index * len(people) // len(pages)
        remaining = len(people)
        veteran_due = index < VETERAN_CYCLES
        for year, q in _quarters_back(today, count):
            rng = random.Random(f"{programme.slug}-{year}-{q}")
            code = f"SCALE-{programme.slug.split('-')[1]}-{year}-{q}"
            capacity = rng.randint(20, 60)
            wanted = capacity + rng.randint(-capacity // 4, capacity)
            cycle = _cycle(programme, code, year, q, capacity, policy=POLICIES[(year + q) % 3])
            over = cycle.ends_on < today
            applicants = []
            if over and veteran_due:
                applicants.append(veteran)
                veteran_due = False
            take = min(wanted - len(applicants), remaining)
            applicants += [people[(pointer + i) % len(people)] for i in range(take)]
            pointer, remaining = pointer + take, remaining - take
            if code in existing:
                continue
            if cycle.starts_on <= today:
                if programme.pk not in curricula:
                    curricula[programme.pk] = live_curriculum(programme)
                cycle.curriculum = curricula[programme.pk]
                cycle.curriculum_pinned_at = _at(cycle.starts_on, 6)
            first = len(rows.enrollments)
            _applications(cycle, applicants, rows, now=now, over=over)
            new_cycles.append((cycle, first, len(rows.enrollments) - first))
    return len(new_cycles), _write(new_cycles, rows, curricula)


def _cycle(programme, code, year, q, capacity, *, policy) -> Cycle:
    start = _quarter_start(year, q)
    return Cycle(
        programme=programme,
        code=code,
        title=f"{programme.short_title} {year} Q{q}",
        starts_on=start,
        ends_on=start + timedelta(weeks=12),
        applications_open_at=_at(start - timedelta(weeks=16)),
        applications_close_at=_at(start - timedelta(days=3), 17),
        late_join_on=start + timedelta(weeks=2),
        capacity=capacity,
        offer_hours=48,
        policy=policy,
        seminar_requirement=Cycle.SeminarRequirement.SENIOR,
    )


def _applications(cycle: Cycle, applicants: list[User], rows: _Rows, *, now, over: bool):
    """First come, first seated: the first `capacity` applicants are seated, the rest wait.
    A finished cycle's seated learners completed it; its waitlist withdrew."""
    opened, closes = cycle.applications_open_at, min(cycle.applications_close_at, now)
    if closes <= opened:
        return  # applications not open yet
    step = (closes - opened) / (len(applicants) + 1)
    completed_at = _at(cycle.ends_on - timedelta(weeks=1), 15)
    for i, learner in enumerate(applicants):
        applied = opened + step * (i + 1)
        seated = i < cycle.capacity
        trail = [(A.APPLIED, "", S.ENROLLED if seated else S.WAITLISTED, applied)]
        enrollment = Enrollment(
            cycle=cycle,
            learner=learner,
            applied_at=applied,
            rank=learner.rank,
            member_state=learner.member_state,
            status=S.ENROLLED if seated else S.WAITLISTED,
            seated_at=applied if seated else None,
        )
        if over and seated:
            enrollment.status, enrollment.completed_at = S.COMPLETED, completed_at
            trail.append((A.COMPLETED, S.ENROLLED, S.COMPLETED, completed_at))
        elif over:
            enrollment.status, enrollment.ended_at = S.WITHDRAWN, _at(cycle.starts_on, 12)
            trail.append((A.WITHDRAWN, S.WAITLISTED, S.WITHDRAWN, enrollment.ended_at))
        rows.enrollments.append(enrollment)
        rows.events.append(trail)
        rows.attended.append(over and seated and learner.rank in SENIOR_RANKS)


def _bulk(model, objects: list) -> None:
    for start in range(0, len(objects), BATCH):
        model.objects.bulk_create(objects[start : start + BATCH])


def _insert_rows(model, fields: list[str], rows: Iterable[tuple]) -> None:
    """Rows of plain values (ids for foreign keys) into `model`'s table, for the largest
    tables (lesson completions: half a million rows at full size). On PostgreSQL through
    COPY, which skips building a model instance and preparing each value (the bulk of
    bulk_create's time); elsewhere through bulk_create."""
    meta = model._meta
    columns = [meta.get_field(name).column for name in fields]
    if connection.vendor != "postgresql":
        attnames = [meta.get_field(name).attname for name in fields]
        objects = [model(**dict(zip(attnames, row, strict=True))) for row in rows]
        _bulk(model, objects)
        return
    quote = connection.ops.quote_name
    statement = f"COPY {quote(meta.db_table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _write(new_cycles, rows: _Rows, curricula) -> dict[str, int]:
    _bulk(Cycle, [cycle for cycle, _first, _n in new_cycles])
    _bulk(
        CycleEvent,
        [
            CycleEvent(
                cycle=cycle,
                action=CycleEvent.Action.CURRICULUM_PINNED,
                created_at=cycle.curriculum_pinned_at,
                detail={
                    "modules": len(cycle.curriculum["modules"]),
                    "lessons": sum(len(m["lessons"]) for m in cycle.curriculum["modules"]),
                },
            )
            for cycle, _first, _n in new_cycles
            if cycle.curriculum is not None
        ],
    )
    for cycle, first, n in new_cycles:
        for enrollment in rows.enrollments[first : first + n]:
            enrollment.cycle = cycle  # now with its id
            enrollment.programme_id = cycle.programme_id
    _bulk(Enrollment, rows.enrollments)
    events = [
        EnrollmentEvent(
            enrollment=e,
            action=action,
            from_status=before,
            to_status=after,
            actor=e.learner,
            created_at=when,
        )
        for e, trail in zip(rows.enrollments, rows.events, strict=True)
        for action, before, after, when in trail
    ]
    _bulk(EnrollmentEvent, events)
    completed = [e for e in rows.enrollments if e.status == S.COMPLETED]
    attended = {e.pk for e, flag in zip(rows.enrollments, rows.attended, strict=True) if flag}
    _bulk(
        SeminarAttendance,
        [
            SeminarAttendance(enrollment=e, attended=True, recorded_at=e.completed_at)
            for e in completed
            if e.pk in attended
        ],
    )
    _insert_rows(
        LessonCompletion,
        ["enrollment", "lesson", "completed_at"],
        (
            (e.pk, lesson["id"], e.completed_at)
            for e in completed
            for part in e.cycle.curriculum["modules"]
            for lesson in part["lessons"]
        ),
    )
    _bulk(Certificate, _certificates(completed, attended))
    return {
        "cycles": len(new_cycles),
        "enrollments": len(rows.enrollments),
        "events": len(events),
        "completed": len(completed),
    }


def _certificates(completed: list[Enrollment], attended: set[int]) -> list[Certificate]:
    """Issued certificates with the facts `certificates.services.snapshot` prints; serials
    in completion order per cycle, as the services number them; no PDF (benches only)."""
    out, serial = [], {}
    for e in completed:
        cycle, learner, language = e.cycle, e.learner, e.learner.preferred_language
        serial[cycle.pk] = serial.get(cycle.pk, 0) + 1
        name, main = learner.name_for_certificate(language), learner.name_for_certificate("en")
        items = [m["title"] for m in cycle.curriculum["modules"] if m["kind"] == "module"]
        if e.pk in attended:
            seminar = next(m for m in cycle.curriculum["modules"] if m["kind"] == "seminar")
            items.append(seminar_label(language, seminar["title"]))
        out.append(
            Certificate(
                enrollment=e,
                serial=f"{cycle.code}-{serial[cycle.pk]:04d}",
                code=new_verification_code(),
                status=Certificate.Status.ISSUED,
                language=language,
                issued_at=e.completed_at + timedelta(hours=1),
                printed_name=name,
                printed_name_latin="" if main == name else main,
                programme_title=cycle.programme.title,
                cycle_title=cycle.title,
                cycle_code=cycle.code,
                starts_on=cycle.starts_on,
                ends_on=cycle.ends_on,
                completed_items=items,
            )
        )
    return out


LARGE_CYCLE = "SCALE-0-LARGE"


def seed_large_cycle(*, learners: int, now: datetime | None = None) -> Cycle:
    """A running cycle of `learners` seated learners (programme `scale-0`), at different
    points of the curriculum, for the progress-matrix bench. Needs that many scale learners
    (`seed_scale` first); nobody else applies to programme `scale-0`. Re-runnable."""
    now = now or timezone.now()
    existing = Cycle.objects.filter(code=LARGE_CYCLE).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        programme = programme_from(0)
        today = timezone.localdate(now)
        cycle = Cycle(
            programme=programme,
            code=LARGE_CYCLE,
            title=f"{programme.short_title} large",
            starts_on=today - timedelta(days=7),
            ends_on=today + timedelta(days=60),
            applications_open_at=now - timedelta(days=30),
            applications_close_at=now - timedelta(days=8),
            capacity=learners,
            policy=Cycle.Policy.FIFO,
            seminar_requirement=Cycle.SeminarRequirement.SENIOR,
            curriculum=live_curriculum(programme),
            curriculum_pinned_at=now - timedelta(days=6),
        )
        people = list(
            User.objects.filter(email__regex=r"^scale\.[0-9]+@")
            .order_by("pk")
            .only("id", "rank", "member_state")[:learners]
        )
        rows = _Rows()
        _applications(cycle, people, rows, now=now, over=False)
        _write([(cycle, 0, len(rows.enrollments))], rows, {})
        lessons = [
            lesson["id"] for part in cycle.curriculum["modules"] for lesson in part["lessons"]
        ]
        _insert_rows(
            LessonCompletion,
            ["enrollment", "lesson", "completed_at"],
            (
                (e.pk, lesson, now)
                for i, e in enumerate(rows.enrollments)
                for lesson in lessons[: i % 12]
            ),
        )
        check_rules()
    return cycle
