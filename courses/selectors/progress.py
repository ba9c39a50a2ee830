"""Progress through a cycle's curriculum, computed from lesson completions and seminar
attendance (never stored): per module done/total, which modules are open, what is next.

`progress_for_many` reads a fixed number of queries whatever the number of enrollments,
modules or lessons: programmes, modules, lessons, completions, passed checks, attendance.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Aggregate, OuterRef, Subquery, TextField
from django.utils.translation import gettext as _

from cms.models import ModulePage, module_label

from ..models import Enrollment, LessonCompletion, SeminarAttendance
from .curriculum import PartOutline, outlines_of_cycles, page_url, site_roots


@dataclass
class LessonProgress:
    id: int
    title: str
    url: str
    done: bool
    # The knowledge checks that count (block ids) when the cycle's curriculum is pinned;
    # None: not pinned yet, every check in the lesson counts.
    checks: tuple[str, ...] | None = None


@dataclass
class ModuleProgress:
    id: int
    number: int
    kind: str
    title: str
    url: str
    label: str
    lessons: list[LessonProgress] = field(default_factory=list)
    is_open: bool = False

    @property
    def done(self) -> int:
        return sum(lesson.done for lesson in self.lessons)

    @property
    def total(self) -> int:
        return len(self.lessons)

    @property
    def is_complete(self) -> bool:
        return self.done == self.total

    @property
    def next_lesson(self) -> LessonProgress | None:
        return next((lesson for lesson in self.lessons if not lesson.done), None)


def _percent(*, completed, lessons_done, lessons_total, seminar_required, seminar_attended):
    # A completed enrollment stays complete, whatever the curriculum became since.
    if completed:
        return 100
    total = lessons_total + (1 if seminar_required else 0)
    done = lessons_done + (1 if seminar_required and seminar_attended else 0)
    return 100 if total == 0 else done * 100 // total


@dataclass
class CycleProgress:
    enrollment: Enrollment
    modules: list[ModuleProgress]
    seminar: ModuleProgress | None
    seminar_required: bool
    seminar_attended: bool | None  # None: not recorded yet

    @property
    def lessons_done(self) -> int:
        return sum(m.done for m in self.modules)

    @property
    def lessons_total(self) -> int:
        return sum(m.total for m in self.modules)

    @property
    def is_completed(self) -> bool:
        return self.enrollment.status == Enrollment.Status.COMPLETED

    @property
    def percent(self) -> int:
        return _percent(
            completed=self.is_completed,
            lessons_done=self.lessons_done,
            lessons_total=self.lessons_total,
            seminar_required=self.seminar_required,
            seminar_attended=self.seminar_attended,
        )

    @property
    def modules_complete(self) -> bool:
        return all(m.is_complete for m in self.modules)

    @property
    def requirements_met(self) -> bool:
        """The cycle's completion rule: every module, and the seminar where required."""
        return self.modules_complete and (not self.seminar_required or bool(self.seminar_attended))

    @property
    def all_parts(self) -> list[ModuleProgress]:
        return self.modules + ([self.seminar] if self.seminar else [])

    def part_of(self, lesson_id: int) -> ModuleProgress | None:
        for part in self.all_parts:
            if any(lesson.id == lesson_id for lesson in part.lessons):
                return part
        return None

    def lesson(self, lesson_id: int) -> LessonProgress | None:
        for part in self.all_parts:
            for lesson in part.lessons:
                if lesson.id == lesson_id:
                    return lesson
        return None

    @property
    def next_lesson(self) -> LessonProgress | None:
        """Where "Resume" leads: the first unfinished lesson of an open part."""
        for part in self.all_parts:
            if part.is_open and part.next_lesson:
                return part.next_lesson
        return None

    def blocking_module(self, part: ModuleProgress) -> ModuleProgress | None:
        """The earliest incomplete module that keeps `part` closed."""
        for module in self.modules:
            if module is part:
                return None
            if not module.is_complete:
                return module
        return None


def _completions_and_attendance(ids) -> tuple[dict[int, set[int]], dict[int, bool]]:
    """Lessons done and seminar attendance of the enrollments, in one round trip (UNION
    ALL): a row with a lesson is a completion, a row without one is the attendance. Plain
    SQL: the ORM's union of two querysets cost a millisecond to compile, three times the
    query (the read API runs this on every page of enrollments)."""
    done: dict[int, set[int]] = defaultdict(set)
    attendance: dict[int, bool] = {}
    ids = list(ids)
    if not ids:
        return done, attendance
    qn = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(ids))
    # Table names from the models, values as parameters.
    sql = (
        f"SELECT enrollment_id, lesson_id, NULL FROM {qn(LessonCompletion._meta.db_table)} "  # noqa: S608
        f"WHERE enrollment_id IN ({marks}) UNION ALL "
        f"SELECT enrollment_id, NULL, attended FROM {qn(SeminarAttendance._meta.db_table)} "
        f"WHERE enrollment_id IN ({marks})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids, *ids])
        for enrollment_id, lesson_id, was_there in cursor.fetchall():
            if lesson_id is None:
                attendance[enrollment_id] = bool(was_there)  # SQLite answers 0 or 1
            else:
                done[enrollment_id].add(lesson_id)
    return done, attendance


def progress_for_many(*, enrollments) -> dict[int, CycleProgress]:
    """CycleProgress per enrollment id, in a fixed number of queries."""
    enrollments = list(enrollments)
    if not enrollments:
        return {}
    cycles = {e.cycle_id: e.cycle for e in enrollments}
    trees = outlines_of_cycles(cycles.values())
    ids = [e.pk for e in enrollments]
    done, attendance = _completions_and_attendance(ids)
    roots = site_roots()
    # What every row of a cycle shares, worked out once (URLs, labels): a page of 100 rows
    # would otherwise build 1,500 lesson URLs and 500 translated labels. By cycle, since two
    # cycles may have pinned different lessons of the same module.
    shared = {
        (cycle_id, part.id): (
            page_url(part.url_path, roots),
            part_label(part),
            [
                (lesson.id, lesson.title, page_url(lesson.url_path, roots), lesson.checks)
                for lesson in part.lessons
            ],
        )
        for cycle_id, tree in trees.items()
        for part in tree
    }
    result = {}
    for enrollment in enrollments:
        parts = []
        completed = done[enrollment.pk]
        for module in trees.get(enrollment.cycle_id, ()):
            url, label, outline = shared[enrollment.cycle_id, module.id]
            parts.append(
                ModuleProgress(
                    id=module.id,
                    number=module.number,
                    kind=module.kind,
                    title=module.title,
                    url=url,
                    label=label,
                    lessons=[
                        LessonProgress(pk, title, lesson_url, pk in completed, checks)
                        for pk, title, lesson_url, checks in outline
                    ],
                )
            )
        modules = [p for p in parts if p.kind == ModulePage.Kind.MODULE]
        seminar = next((p for p in parts if p.kind == ModulePage.Kind.SEMINAR), None)
        # Rule 3: module N+1 opens when module N is complete; the seminar's material opens
        # with the cycle (attendance is what counts for it). A completed enrollment keeps
        # everything open, whatever was published since.
        finished = enrollment.status == Enrollment.Status.COMPLETED
        previous_complete = True
        for part in modules:
            part.is_open = previous_complete or finished
            previous_complete = previous_complete and part.is_complete
        if seminar:
            seminar.is_open = True
        result[enrollment.pk] = CycleProgress(
            enrollment=enrollment,
            modules=modules,
            seminar=seminar,
            seminar_required=seminar is not None
            and enrollment.cycle.seminar_required_for(enrollment),
            seminar_attended=attendance.get(enrollment.pk),
        )
    return result


def part_label(part: PartOutline) -> str:
    # ModulePage.label() for an outline, without building a page instance for it.
    return module_label(kind=part.kind, number=part.number)


@dataclass
class ProgressSummary:
    """What a row of the progress matrix shows: per part (module or seminar, by id) the
    lessons done and their number, the seminar attendance, the percentage."""

    parts: dict[int, tuple[str, int, int]]  # part id -> (kind, done, total)
    seminar_attended: bool | None
    percent: int


class _JoinedIds(Aggregate):
    """The ids of a group joined by commas (PostgreSQL's STRING_AGG, SQLite's GROUP_CONCAT)."""

    function = "STRING_AGG"
    template = "%(function)s(CAST(%(expressions)s AS TEXT), ',')"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, function="GROUP_CONCAT", template="%(function)s(%(expressions)s)"
        )


def progress_columns() -> dict:
    """Annotations of an Enrollment query that read, in that query, what
    `progress_summaries` would read with one more (`progress_of_rows` turns them back):
    the completed lessons' ids joined by commas, and the seminar attendance."""
    completed = LessonCompletion.objects.filter(enrollment=OuterRef("pk")).order_by()
    return {
        "progress_lessons_done": Subquery(
            completed.values("enrollment_id").annotate(ids=_JoinedIds("lesson_id")).values("ids")
        ),
        "progress_seminar_attended": Subquery(
            SeminarAttendance.objects.filter(enrollment=OuterRef("pk")).values("attended")[:1]
        ),
    }


def progress_of_rows(rows) -> tuple[dict[int, set[int]], dict[int, bool]]:
    """(lessons done, attendance) by enrollment id, as `_completions_and_attendance` gives
    them, from rows (dicts with "id") annotated with `progress_columns()`."""
    done: dict[int, set[int]] = defaultdict(set)
    attendance: dict[int, bool] = {}
    for row in rows:
        if row["progress_lessons_done"]:
            done[row["id"]] = {int(i) for i in row["progress_lessons_done"].split(",")}
        if row["progress_seminar_attended"] is not None:
            attendance[row["id"]] = row["progress_seminar_attended"]
    return done, attendance


def progress_summaries(*, enrollments, trees=None, read=None) -> dict[int, ProgressSummary]:
    """ProgressSummary per enrollment id, counted as `progress_for_many` counts (same
    queries, same rule for the percentage) without building every lesson of every row.
    `trees`: each cycle's outline (`outlines_of_cycles`), when the caller has read them;
    `read`: the lessons done and attendance, when the caller read them with its rows
    (`progress_columns`, `progress_of_rows`)."""
    enrollments = list(enrollments)
    if not enrollments:
        return {}
    if trees is None:
        trees = outlines_of_cycles({e.cycle_id: e.cycle for e in enrollments}.values())
    done, attendance = read or _completions_and_attendance([e.pk for e in enrollments])
    outlines = {
        cycle_id: [(part.id, part.kind, {lesson.id for lesson in part.lessons}) for part in tree]
        for cycle_id, tree in trees.items()
    }
    result = {}
    for enrollment in enrollments:
        completed = done[enrollment.pk]
        parts, lessons_done, lessons_total, has_seminar = {}, 0, 0, False
        for part_id, kind, lesson_ids in outlines.get(enrollment.cycle_id, []):
            count = len(lesson_ids & completed)
            if kind == ModulePage.Kind.MODULE:
                lessons_done, lessons_total = lessons_done + count, lessons_total + len(lesson_ids)
            elif kind == ModulePage.Kind.SEMINAR and not has_seminar:
                has_seminar = True  # its lessons are material: attendance is what counts
            else:
                continue  # as CycleProgress.all_parts: the modules and one seminar
            parts[part_id] = (kind, count, len(lesson_ids))
        attended = attendance.get(enrollment.pk)
        result[enrollment.pk] = ProgressSummary(
            parts=parts,
            seminar_attended=attended,
            percent=_percent(
                completed=enrollment.status == Enrollment.Status.COMPLETED,
                lessons_done=lessons_done,
                lessons_total=lessons_total,
                seminar_required=has_seminar and enrollment.cycle.seminar_required_for(enrollment),
                seminar_attended=attended,
            ),
        )
    return result


def progress_for(*, enrollment: Enrollment) -> CycleProgress:
    return progress_for_many(enrollments=[enrollment])[enrollment.pk]


def study_enrollment(*, learner, programme_id: int, today=None):
    """The enrollment through which a learner studies a programme now: seated (enrolled)
    in a running cycle, else a completed one (to revisit lessons). None if neither."""
    from django.utils import timezone

    if not learner.is_authenticated:
        return None
    today = today or timezone.localdate()
    candidates = (
        Enrollment.objects.filter(
            learner=learner,
            cycle__programme_id=programme_id,
            status__in=[Enrollment.Status.ENROLLED, Enrollment.Status.COMPLETED],
        )
        .select_related("cycle")
        .order_by("-cycle__starts_on")
    )
    completed = None
    for enrollment in candidates:
        enrollment.learner = learner  # the caller's user: no join for it
        if enrollment.can_study(today):  # within the cycle or an extension
            return enrollment
        if enrollment.status == Enrollment.Status.COMPLETED and completed is None:
            completed = enrollment
    return completed


def not_enrolled_reason(*, learner, programme_id: int) -> str:
    if not learner.is_authenticated:
        return _("Sign in and enrol in a cycle of this programme to study its lessons.")
    waiting = (
        Enrollment.objects.filter(
            learner=learner,
            cycle__programme_id=programme_id,
            status__in=[Enrollment.Status.WAITLISTED, Enrollment.Status.OFFERED],
        )
        .select_related("cycle")
        .first()
    )
    if waiting and waiting.status == Enrollment.Status.OFFERED:
        return _("Confirm your seat in %(code)s to open the lessons.") % {
            "code": waiting.cycle.code
        }
    if waiting:
        from .enrollment import waitlist_position

        return _(
            "You are number %(position)s on the waitlist for %(code)s; the lessons open "
            "when you have a seat."
        ) % {"position": waitlist_position(enrollment=waiting), "code": waiting.cycle.code}
    return _("Lessons are for learners enrolled in a running cycle of this programme.")
