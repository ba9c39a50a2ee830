"""The figures of the reports, each in a fixed number of queries whatever the number of
enrollments (aggregates in the database, then small dictionaries in Python).

Everything starts from the cycles the user may see (`courses.selectors.cycles_for`):
administrators every cycle, instructors their own."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, Max, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone

from core.member_states import MEMBER_STATES, NAMES
from core.regional_groups import GROUP_NAMES, group_of
from courses.models import (
    Cycle,
    Enrollment,
    EnrollmentEvent,
    KnowledgeCheckAttempt,
    LessonCompletion,
)

S = Enrollment.Status
A = EnrollmentEvent.Action
FUNNEL = (
    "applied",
    "waitlisted",
    "seated",
    "confirmed",
    "completed",
    "certified",
    "offers_expired",
    "declined",
    "withdrawn",
    "not_completed",
)


def _ratio(part, whole):
    return round(part / whole, 2) if whole else None


def funnel(*, cycles) -> list[dict]:
    """Per cycle: how many applied, were ever waitlisted, ever held a seat (offered or
    enrolled), confirmed (enrolled), completed, hold an issued certificate; how many offers
    expired, were declined, withdrew; seated learners left unfinished by a cycle that is
    over; and the oversubscription ratio (applications per seat). Read from the audit trail
    (EnrollmentEvent), so that a later status does not hide an earlier step."""
    from certificates.models import Certificate

    cycles = list(cycles.select_related("programme").order_by("starts_on", "code"))
    ids = [cycle.pk for cycle in cycles]
    today = timezone.localdate()

    def ever(condition):
        return Count("pk", filter=condition, distinct=True)

    counts: dict[int, Any] = {
        row["cycle_id"]: row
        for row in Enrollment.objects.filter(cycle_id__in=ids)
        .values("cycle_id")
        .annotate(
            applied=Count("pk", distinct=True),
            waitlisted=ever(Q(events__to_status=S.WAITLISTED)),
            seated=ever(Q(events__to_status__in=[S.OFFERED, S.ENROLLED])),
            confirmed=ever(Q(events__to_status=S.ENROLLED)),
            completed=ever(Q(events__action=A.COMPLETED)),
            offers_expired=ever(Q(events__action=A.EXPIRED)),
            declined=ever(Q(events__action=A.DECLINED)),
            withdrawn=ever(Q(events__action=A.WITHDRAWN)),
            not_completed=ever(Q(status=S.ENROLLED, cycle__ends_on__lt=today)),
        )
    }
    certified = dict(
        Certificate.objects.filter(enrollment__cycle_id__in=ids, status="issued")
        .values("enrollment__cycle_id")
        .annotate(n=Count("enrollment", distinct=True))
        .values_list("enrollment__cycle_id", "n")
    )
    rows = []
    for cycle in cycles:
        row = {key: counts.get(cycle.pk, {}).get(key, 0) for key in FUNNEL}
        row["certified"] = certified.get(cycle.pk, 0)
        row.update(
            cycle=cycle.code,
            programme=cycle.programme.short_title,
            year=cycle.year,
            capacity=cycle.capacity,
            oversubscription=_ratio(row["applied"], cycle.capacity),
        )
        rows.append(row)
    return rows


def member_states(*, cycles) -> tuple[list[dict], list[dict]]:
    """Participation and completion per Member State (every Member State listed, those
    that never took part with zeros) and per UN regional group. Counted with the Member
    State each enrollment applied with."""
    figures: dict[str, Any] = {
        row["member_state"]: row
        for row in Enrollment.objects.filter(cycle__in=cycles)
        .values("member_state")
        .annotate(
            applied=Count("pk", distinct=True),
            seated=Count(
                "pk", distinct=True, filter=Q(events__to_status__in=[S.OFFERED, S.ENROLLED])
            ),
            completed=Count("pk", distinct=True, filter=Q(status=S.COMPLETED)),
        )
    }
    codes = [code for code, _name in MEMBER_STATES]
    codes += sorted(code for code in figures if code not in codes)  # observers, others
    states: list[dict[str, Any]] = []
    groups: defaultdict[str, dict[str, int]] = defaultdict(
        lambda: {"applied": 0, "seated": 0, "completed": 0, "states": 0, "took_part": 0}
    )
    for code in codes:
        row = figures.get(code, {})
        item: dict[str, Any] = {
            "code": code,
            "name": str(NAMES.get(code, code)),
            "group": str(GROUP_NAMES[group_of(code)]),
        }
        item.update({key: row.get(key, 0) for key in ("applied", "seated", "completed")})
        item["completion_rate"] = _ratio(item["completed"], item["seated"])
        states.append(item)
        group = groups[item["group"]]
        for key in ("applied", "seated", "completed"):
            group[key] += item[key]
        group["states"] += 1
        group["took_part"] += 1 if item["applied"] else 0
    group_rows = [
        {"group": name, **values, "completion_rate": _ratio(values["completed"], values["seated"])}
        for name, values in groups.items()
    ]
    return states, group_rows


def certificates_per_year(*, cycles) -> list[dict]:
    from certificates.models import Certificate

    return [
        {
            "year": row["year"],
            "programme": row["enrollment__cycle__programme__short_title"],
            "certificates": row["n"],
        }
        for row in Certificate.objects.filter(enrollment__cycle__in=cycles, status="issued")
        .annotate(year=ExtractYear("issued_at"))
        .values("year", "enrollment__cycle__programme__short_title")
        .annotate(n=Count("pk"))
        .order_by("year", "enrollment__cycle__programme__short_title")
    ]


def knowledge_check_results(*, cycles) -> list[dict]:
    """Per cycle, knowledge check and question: attempts, the share of learners whose first
    attempt passed the check, and the wrong answer chosen most often (with how often)."""
    from cms.models import LessonPage
    from courses.selectors import knowledge_checks

    cycle_codes = dict(Cycle.objects.filter(pk__in=cycles.values("pk")).values_list("pk", "code"))
    attempts = list(
        KnowledgeCheckAttempt.objects.filter(enrollment__cycle_id__in=list(cycle_codes))
        .values_list(
            "enrollment__cycle_id", "enrollment_id", "lesson_id", "block_id", "answers", "passed"
        )
        .order_by("created_at", "pk")
    )
    lessons = {
        lesson.pk: lesson for lesson in LessonPage.objects.filter(pk__in={a[2] for a in attempts})
    }
    grouped = defaultdict(list)
    for cycle_id, enrollment_id, lesson_id, block_id, answers, passed in attempts:
        grouped[(cycle_id, lesson_id, block_id)].append((enrollment_id, answers, passed))
    rows = []
    for (cycle_id, lesson_id, block_id), items in sorted(grouped.items()):
        lesson = lessons.get(lesson_id)
        check = knowledge_checks(lesson).get(block_id) if lesson else None
        if lesson is None or check is None:
            continue
        first: dict[int, bool] = {}
        for enrollment_id, _answers, passed in items:
            first.setdefault(enrollment_id, passed)
        first_pass = _ratio(sum(first.values()), len(first))
        for index, question in enumerate(check["questions"]):
            chosen: defaultdict[int, int] = defaultdict(int)
            for _enrollment, answers, _passed in items:
                choice = answers.get(str(index))
                if choice is not None and not question["choices"][int(choice)]["correct"]:
                    chosen[int(choice)] += 1
            wrong, times = max(chosen.items(), key=lambda kv: (kv[1], -kv[0]), default=(None, 0))
            rows.append(
                {
                    "cycle": cycle_codes[cycle_id],
                    "lesson": lesson.title,
                    "check": block_id,
                    "question": str(question["text"]),
                    "attempts": len(items),
                    "learners": len(first),
                    "first_attempt_pass_rate": first_pass,
                    "most_chosen_wrong_answer": str(question["choices"][wrong]["text"])
                    if wrong is not None
                    else "",
                    "times_chosen": times,
                }
            )
    return rows


def module_drop_off(*, cycles) -> list[dict]:
    """Where learners stop: per cycle and module, the seated learners, how many started the
    module (a lesson done) and how many finished it (every lesson done). Modules and
    lessons are read once (the curriculum is small); completions are counted in the
    database."""
    from cms.models import LessonPage, ModulePage

    cycles = list(cycles.select_related("programme").order_by("starts_on", "code"))
    programme_paths = {cycle.programme.path for cycle in cycles}
    modules = [
        m
        for m in ModulePage.objects.live().order_by("path")
        if m.path[: -ModulePage.steplen] in programme_paths
    ]
    lessons_in = defaultdict(set)
    for pk, path in LessonPage.objects.live().values_list("pk", "path"):
        lessons_in[path[: -LessonPage.steplen]].add(pk)
    lesson_module = {pk: m.path for m in modules for pk in lessons_in.get(m.path, ())}
    # (cycle, enrollment) -> module -> lessons
    done: defaultdict[Any, defaultdict[Any, int]] = defaultdict(lambda: defaultdict(int))
    from courses.models import LessonCompletion

    for cycle_id, enrollment_id, lesson_id in LessonCompletion.objects.filter(
        enrollment__cycle__in=[c.pk for c in cycles], lesson_id__in=list(lesson_module)
    ).values_list("enrollment__cycle_id", "enrollment_id", "lesson_id"):
        done[(cycle_id, enrollment_id)][lesson_module[lesson_id]] += 1
    seated = dict(
        Enrollment.objects.filter(cycle__in=[c.pk for c in cycles])
        .filter(events__to_status__in=[S.OFFERED, S.ENROLLED])
        .values("cycle_id")
        .annotate(n=Count("pk", distinct=True))
        .values_list("cycle_id", "n")
    )
    rows = []
    for cycle in cycles:
        mine = [per for (cycle_id, _e), per in done.items() if cycle_id == cycle.pk]
        for module in modules:
            if module.path[: -ModulePage.steplen] != cycle.programme.path:
                continue
            total = len(lessons_in.get(module.path, ()))
            rows.append(
                {
                    "cycle": cycle.code,
                    "module": module.title,
                    "seated": seated.get(cycle.pk, 0),
                    "started": sum(1 for per in mine if per.get(module.path)),
                    "finished": sum(1 for per in mine if total and per.get(module.path) == total),
                }
            )
    return rows


def current_fill() -> list[dict]:
    """Seats taken and capacity of the cycles open for applications or running today."""
    from courses.selectors import with_seat_counts

    today = timezone.localdate()
    now = timezone.now()
    current = with_seat_counts(
        Cycle.objects.filter(cancelled_at__isnull=True).filter(
            Q(starts_on__lte=today, ends_on__gte=today)
            | Q(applications_open_at__lte=now, applications_close_at__gte=now)
        )
    ).order_by("starts_on", "code")
    return [
        {
            "cycle": c.code,
            "capacity": c.capacity,
            "seats_taken": c.seats_taken,  # type: ignore[attr-defined]  # annotated
            "waitlisted": c.waitlist_length,  # type: ignore[attr-defined]
        }
        for c in current
    ]


@dataclass
class LearnerActivity:
    """What the progress matrix adds to a learner's row: the best score of each knowledge
    check they tried, and when they last did something (a lesson done or a check sent)."""

    best_scores: dict[tuple[int, str], int] = field(default_factory=dict)  # (lesson, block)
    last_activity: datetime | None = None

    def _saw(self, when: datetime | None) -> None:
        if when is not None and (self.last_activity is None or when > self.last_activity):
            self.last_activity = when


def learner_activity(*, enrollment_ids) -> dict[int, LearnerActivity]:
    """LearnerActivity per enrollment id, in two queries whatever the number of rows (the
    attempts grouped by check in the database, the completions' latest time)."""
    activity: dict[int, LearnerActivity] = defaultdict(LearnerActivity)
    attempts = (
        KnowledgeCheckAttempt.objects.filter(enrollment_id__in=enrollment_ids)
        .values_list("enrollment_id", "lesson_id", "block_id")
        .annotate(best=Max("score"), last=Max("created_at"))
        .order_by()
    )
    for enrollment_id, lesson_id, block_id, best, last in attempts:
        row = activity[enrollment_id]
        row.best_scores[lesson_id, block_id] = best
        row._saw(last)
    completions = (
        LessonCompletion.objects.filter(enrollment_id__in=enrollment_ids)
        .values_list("enrollment_id")
        .annotate(last=Max("completed_at"))
        .order_by()
    )
    for enrollment_id, last in completions:
        activity[enrollment_id]._saw(last)
    return dict(activity)
