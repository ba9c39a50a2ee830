"""Pinned curricula: what counts for a cycle is fixed when it starts.

A cycle's requirements (its modules, their lessons and the knowledge checks in them) are
copied onto the cycle as page ids the first time anything happens in it after it started:
a learner studies, attendance is recorded, a learner joins, an administrator edits it, or
the periodic `pin_started_curricula`. From then on, publishing a new lesson or check changes
what learners read but not what they must do; an administrator may apply the current
curriculum to a cycle explicitly (`apply_current_curriculum`), with a reason, audited.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import LessonPage, ModulePage
from cms.translation import canonical
from core.permissions import ADMINISTER_CYCLES

from ..exceptions import NotAllowed
from ..models import Cycle, CycleEvent, Enrollment
from .locks import lock_cycle, lock_enrollment
from .permissions import require_permission
from .transitions import require_reason

A = CycleEvent.Action


def live_curriculum(programme) -> dict:
    """The programme's live modules, lessons and knowledge checks, as ids (JSON-ready).
    Only default-locale pages count: a translation is read in place of its page, never as
    a requirement of its own."""
    programme = canonical(programme)
    modules = ModulePage.objects.live().child_of(programme).order_by("number")
    parts = []
    for module in modules.only("id", "path", "title", "number", "kind"):
        lessons = LessonPage.objects.live().child_of(module).order_by("path")
        parts.append(
            {
                "id": module.pk,
                "number": module.number,
                "kind": module.kind,
                "title": module.title,
                "lessons": [
                    {
                        "id": lesson.pk,
                        "title": lesson.title,
                        "checks": [b.id for b in lesson.body if b.block_type == "knowledge_check"],
                    }
                    for lesson in lessons.only("id", "path", "title", "body")
                ],
            }
        )
    return {"modules": parts}


def _pin(cycle: Cycle, *, now, action, by=None, reason: str = "") -> Cycle:
    cycle.curriculum = live_curriculum(cycle.programme)
    cycle.curriculum_pinned_at = now
    cycle.save(update_fields=["curriculum", "curriculum_pinned_at"])
    lessons = sum(len(part["lessons"]) for part in cycle.curriculum["modules"])
    CycleEvent.objects.create(
        cycle=cycle,
        action=action,
        actor=by,
        reason=reason,
        created_at=now,
        detail={"modules": len(cycle.curriculum["modules"]), "lessons": lessons},
    )
    return cycle


def ensure_pinned(cycle: Cycle, *, now=None) -> Cycle:
    """Pin the cycle's curriculum if it has started and is not pinned yet. Idempotent; a
    conditional UPDATE makes two concurrent callers pin once."""
    now = now or timezone.now()
    if cycle.curriculum is not None or timezone.localdate(now) < cycle.starts_on:
        return cycle
    with transaction.atomic():
        fresh = lock_cycle(cycle.pk)
        if fresh.curriculum is None:
            _pin(fresh, now=now, action=A.CURRICULUM_PINNED)
    cycle.curriculum, cycle.curriculum_pinned_at = fresh.curriculum, fresh.curriculum_pinned_at
    return cycle


def pin_started_curricula(*, now=None) -> int:
    """Pin every started cycle that is not pinned yet (Celery beat); returns how many."""
    now = now or timezone.now()
    pending = Cycle.objects.filter(curriculum__isnull=True, starts_on__lte=timezone.localdate(now))
    count = 0
    for cycle in pending:
        ensure_pinned(cycle, now=now)
        count += 1
    return count


@transaction.atomic
def apply_current_curriculum(*, cycle: Cycle, by, reason: str, now=None) -> list[Enrollment]:
    """An administrator makes the programme's current curriculum count for a cycle that
    already started (for example after correcting a lesson that was missing), with a reason
    (audited). Completions already recorded are kept and completed enrollments stay
    completed; enrolled learners who now meet every requirement complete at once.
    Returns the enrollments completed by this change."""
    from .progress import complete_cycle_if_done

    require_permission(by, ADMINISTER_CYCLES)
    reason = require_reason(reason)
    now = now or timezone.now()
    cycle = lock_cycle(cycle.pk)
    if timezone.localdate(now) < cycle.starts_on:
        raise NotAllowed(
            _("%(code)s has not started: its curriculum is still the programme's current one.")
            % {"code": cycle.code}
        )
    _pin(cycle, now=now, action=A.CURRICULUM_APPLIED, by=by, reason=reason)
    completed = []
    enrolled = Enrollment.objects.filter(cycle=cycle, status=Enrollment.Status.ENROLLED)
    # Each row locked as a learner's own progress locks it (in id order, so never crossed);
    # one who left in between is no longer enrolled and is skipped by the rule.
    for pk in enrolled.order_by("pk").values_list("pk", flat=True):
        enrollment = lock_enrollment(pk)
        if complete_cycle_if_done(enrollment, now=now):
            completed.append(enrollment)
    return completed
