"""Progress through a cycle's curriculum, computed from lesson completions and seminar
attendance (never stored): per module done/total, which modules are open, what is next.

`progress_for_many` reads a fixed number of queries whatever the number of enrollments,
modules or lessons: programmes, modules, lessons, completions, passed checks, attendance.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from cms.models import LessonPage, ModulePage, ProgrammePage

from ..models import Enrollment, KnowledgeCheckAttempt, LessonCompletion, SeminarAttendance


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
        # A completed enrollment stays complete, whatever the curriculum became since.
        if self.is_completed:
            return 100
        total = self.lessons_total + (1 if self.seminar_required else 0)
        done = self.lessons_done + (1 if self.seminar_required and self.seminar_attended else 0)
        return 100 if total == 0 else done * 100 // total

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


def _url(page_url_path: str, site_roots: list[tuple[str, str]]) -> str:
    for root_path, root_url in site_roots:
        if page_url_path.startswith(root_path):
            return root_url + page_url_path[len(root_path) :]
    return page_url_path


def _site_roots() -> list[tuple[str, str]]:
    from wagtail.models import Site

    # (root page url_path, public prefix), longest first; one cached query per process.
    roots = sorted(Site.get_site_root_paths(), key=lambda r: -len(r.root_path))
    return [(r.root_path, "/") for r in roots]


def curriculum(programme_ids) -> dict[int, list[ModulePage]]:
    """Live modules of the programmes, each with `.outline` (its live lessons), in order."""
    programmes = {
        p.pk: p
        for p in ProgrammePage.objects.filter(pk__in=set(programme_ids)).only("id", "path", "depth")
    }
    if not programmes:
        return {}
    under_any, modules_of_any = Q(), Q()
    for programme in programmes.values():
        under_any |= Q(path__startswith=programme.path)
        modules_of_any |= Q(path__startswith=programme.path, depth=programme.depth + 1)
    modules = list(
        ModulePage.objects.live()
        .filter(modules_of_any)
        .only("id", "path", "title", "number", "kind", "url_path")
        .order_by("number")
    )
    lessons = list(
        LessonPage.objects.live()
        .filter(under_any)
        .only("id", "path", "title", "url_path")
        .order_by("path")
    )
    by_module = defaultdict(list)
    for lesson in lessons:
        by_module[lesson.path[: -LessonPage.steplen]].append(lesson)
    result: dict[int, list[ModulePage]] = {pk: [] for pk in programmes}
    for module in modules:
        module.outline = by_module.get(module.path, [])
        for pk, programme in programmes.items():
            if module.path.startswith(programme.path):
                result[pk].append(module)
    return result


def _pinned(cycles) -> dict[int, list[ModulePage]]:
    """The pinned curricula of cycles, in the shape `curriculum()` returns: the pages that
    count, with today's titles and URLs (content edits show; requirements do not change).
    A pinned page that was since deleted or unpublished cannot be studied and drops out."""
    cycles = [c for c in cycles if c.curriculum]
    if not cycles:
        return {}
    module_ids: set[int] = set()
    lesson_ids: set[int] = set()
    for cycle in cycles:
        for part in cycle.curriculum["modules"]:
            module_ids.add(part["id"])
            lesson_ids.update(lesson["id"] for lesson in part["lessons"])
    modules = {
        m.pk: m
        for m in ModulePage.objects.live()
        .filter(pk__in=module_ids)
        .only("id", "path", "title", "number", "kind", "url_path")
    }
    lessons = {
        lesson.pk: lesson
        for lesson in LessonPage.objects.live()
        .filter(pk__in=lesson_ids)
        .only("id", "path", "title", "url_path")
    }
    result: dict[int, list[ModulePage]] = {}
    for cycle in cycles:
        parts = []
        for part in cycle.curriculum["modules"]:
            page = modules.get(part["id"])
            if page is None:
                continue
            # A copy per cycle: two cycles may pin different lessons of the same module.
            module = copy.copy(page)
            module.number, module.kind = part["number"], part["kind"]
            module.outline = []
            for item in part["lessons"]:
                lesson = lessons.get(item["id"])
                if lesson is not None:
                    lesson = copy.copy(lesson)
                    lesson.pinned_checks = tuple(item.get("checks", ()))
                    module.outline.append(lesson)
            parts.append(module)
        result[cycle.pk] = parts
    return result


def parts_of_cycles(cycles) -> dict[int, list[ModulePage]]:
    """Cycle id → the modules (with `.outline`) whose lessons count for that cycle: its
    pinned curriculum once it has started, the programme's live curriculum before."""
    cycles = list(cycles)
    result = _pinned(cycles)
    unpinned = [c for c in cycles if c.pk not in result]
    live = curriculum(c.programme_id for c in unpinned)
    for cycle in unpinned:
        result[cycle.pk] = live.get(cycle.programme_id, [])
    return result


def parts_of_cycle(cycle) -> list[ModulePage]:
    return parts_of_cycles([cycle])[cycle.pk]


def progress_for_many(*, enrollments) -> dict[int, CycleProgress]:
    """CycleProgress per enrollment id, in a fixed number of queries."""
    enrollments = list(enrollments)
    if not enrollments:
        return {}
    cycles = {e.cycle_id: e.cycle for e in enrollments}
    trees = parts_of_cycles(cycles.values())
    ids = [e.pk for e in enrollments]
    done = defaultdict(set)
    for enrollment_id, lesson_id in LessonCompletion.objects.filter(
        enrollment_id__in=ids
    ).values_list("enrollment_id", "lesson_id"):
        done[enrollment_id].add(lesson_id)
    attendance = dict(
        SeminarAttendance.objects.filter(enrollment_id__in=ids).values_list(
            "enrollment_id", "attended"
        )
    )
    roots = _site_roots()
    result = {}
    for enrollment in enrollments:
        parts = []
        for module in trees.get(enrollment.cycle_id, []):
            parts.append(
                ModuleProgress(
                    id=module.pk,
                    number=module.number,
                    kind=module.kind,
                    title=module.title,
                    url=_url(module.url_path, roots),
                    label=module.label(),
                    lessons=[
                        LessonProgress(
                            lesson.pk,
                            lesson.title,
                            _url(lesson.url_path, roots),
                            lesson.pk in done[enrollment.pk],
                            getattr(lesson, "pinned_checks", None),
                        )
                        for lesson in module.outline
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


def progress_for(*, enrollment: Enrollment) -> CycleProgress:
    return progress_for_many(enrollments=[enrollment])[enrollment.pk]


def knowledge_checks(lesson: LessonPage) -> dict[str, dict]:
    """The lesson's knowledge-check blocks by block id."""
    return {block.id: block.value for block in lesson.body if block.block_type == "knowledge_check"}


def counted_check_id(read: LessonPage, lesson: LessonPage, block_id: str) -> str:
    """The canonical `lesson`'s id for a knowledge check of `read` (the lesson or one of its
    translations). Wagtail keeps block ids when it copies a page for translation; a check
    re-created in the translation is matched by its position among the lesson's checks."""
    counted = list(knowledge_checks(lesson))
    if block_id in counted or read.pk == lesson.pk:
        return block_id
    shown = list(knowledge_checks(read))
    position = shown.index(block_id) if block_id in shown else len(counted)
    return counted[position] if position < len(counted) else block_id


def required_checks(progress: CycleProgress, lesson: LessonPage) -> set[str]:
    """The lesson's knowledge checks that count for this cycle: those pinned with its
    curriculum that still exist (a check added since is offered but not required)."""
    present = set(knowledge_checks(lesson))
    item = progress.lesson(lesson.pk)
    if item is None or item.checks is None:
        return present
    return present & set(item.checks)


@dataclass(frozen=True)
class AttemptAllowance:
    """Whether a learner may submit a knowledge check now."""

    attempts: int
    max_attempts: int  # 0: no limit
    passed: bool
    retry_at: datetime | None = None  # while the cool-down after a failure runs

    @property
    def attempts_left(self) -> int | None:
        if not self.max_attempts:
            return None
        return max(self.max_attempts - self.attempts, 0)

    @property
    def can_submit(self) -> bool:
        return not self.passed and self.attempts_left != 0 and self.retry_at is None


def attempt_allowance(
    *, enrollment: Enrollment, lesson_id: int, block_id: str, now=None, attempts=None
) -> AttemptAllowance:
    """The attempt limit and cool-down of one check for one enrollment. `attempts` (newest
    first) may be passed in when the caller has them already."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    now = now or timezone.now()
    if attempts is None:
        attempts = list(
            KnowledgeCheckAttempt.objects.filter(
                enrollment=enrollment,
                lesson_id=lesson_id,
                block_id=block_id,
            ).order_by("-created_at", "-pk")
        )
    mine = [a for a in attempts if a.block_id == block_id]
    cooldown = timedelta(seconds=settings.KNOWLEDGE_CHECK_COOLDOWN_SECONDS)
    retry_at = None
    if mine and not mine[0].passed and mine[0].created_at + cooldown > now:
        retry_at = mine[0].created_at + cooldown
    return AttemptAllowance(
        attempts=len(mine),
        max_attempts=settings.KNOWLEDGE_CHECK_MAX_ATTEMPTS,
        passed=any(a.passed for a in mine),
        retry_at=retry_at,
    )


def passed_checks(*, enrollment: Enrollment, lesson_id: int) -> set[str]:
    return set(
        KnowledgeCheckAttempt.objects.filter(
            enrollment=enrollment, lesson_id=lesson_id, passed=True
        ).values_list("block_id", flat=True)
    )


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
        .select_related("cycle", "learner")
        .order_by("-cycle__starts_on")
    )
    completed = None
    for enrollment in candidates:
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
