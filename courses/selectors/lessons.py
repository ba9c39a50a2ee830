"""What a visitor may do on a lesson page: read it, complete it, answer its checks.

The cms app renders `request.lesson_state` (set by a `before_serve_page` hook in
`courses.wagtail_hooks`) without knowing about enrollments.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from cms.translation import canonical

from ..models import Enrollment, KnowledgeCheckAttempt
from .knowledge_checks import (
    attempt_allowance,
    counted_check_id,
    knowledge_checks,
    required_checks,
)
from .progress import not_enrolled_reason, progress_for, study_enrollment


@dataclass
class LessonState:
    can_view: bool
    reason: str = ""
    missing_url: str = ""  # where to go to open this lesson (sign in, apply, earlier module)
    missing_label: str = ""
    preview: bool = False  # staff reading without an enrollment
    enrollment: Enrollment | None = None
    completed: bool = False
    can_complete: bool = False
    can_attempt: bool = False
    pending_checks: bool = False
    complete_url: str = ""
    check_url: str = ""
    next_url: str = ""
    attempts: list | None = None
    # Per knowledge check (block id): attempts left and the cool-down after a failure.
    allowances: dict | None = None
    # Changes with every attempt, so the answers show in another order each time.
    shuffle_seed: str = ""


def lesson_state(*, user, lesson) -> LessonState:
    """`lesson` is the version being read (a translation or the English page); progress,
    gating and attempts are those of its canonical lesson, one requirement in any language.
    The form URLs point at the version read, so a check is graded against what was shown."""
    read, lesson = lesson, canonical(lesson)
    programme_id = lesson.get_parent().get_parent().pk
    if user.is_authenticated and user.has_perm("wagtailadmin.access_admin"):
        return LessonState(can_view=True, preview=True)
    enrollment = study_enrollment(learner=user, programme_id=programme_id)
    if enrollment is None:
        if not user.is_authenticated:
            return LessonState(
                can_view=False,
                reason=not_enrolled_reason(learner=user, programme_id=programme_id),
                missing_url=reverse("login") + f"?next={lesson.url}",
                missing_label=_("Sign in"),
            )
        return LessonState(
            can_view=False,
            reason=not_enrolled_reason(learner=user, programme_id=programme_id),
            missing_url=reverse("courses:my_learning"),
            missing_label=_("My learning"),
        )
    progress = progress_for(enrollment=enrollment)
    part = progress.part_of(lesson.pk)
    if enrollment.status == Enrollment.Status.COMPLETED:
        return LessonState(can_view=True, enrollment=enrollment, completed=True)
    if part is None:
        # Published after the cycle's curriculum was pinned: readable, not required.
        return LessonState(
            can_view=True,
            enrollment=enrollment,
            reason=_(
                "This lesson was added after your cycle started; it is not required "
                "for your certificate."
            ),
        )
    if not part.is_open:
        blocker = progress.blocking_module(part)
        target = blocker.next_lesson if blocker else None
        return LessonState(
            can_view=False,
            reason=_("%(part)s opens when you complete %(blocker)s.")
            % {"part": part.label, "blocker": blocker.label if blocker else ""},
            missing_url=target.url if target else (blocker.url if blocker else ""),
            missing_label=_("Continue %(module)s") % {"module": blocker.label if blocker else ""},
            enrollment=enrollment,
        )
    checks = knowledge_checks(read)
    required = required_checks(progress, lesson)
    attempts = (
        list(
            KnowledgeCheckAttempt.objects.filter(
                enrollment=enrollment, lesson_id=lesson.pk
            ).order_by("-created_at", "-pk")
        )
        if checks
        else []
    )
    passed = {a.block_id for a in attempts if a.passed}
    # Keyed by the block ids on the page read; counted against the canonical lesson's.
    allowances = {
        block_id: attempt_allowance(
            enrollment=enrollment,
            lesson_id=lesson.pk,
            block_id=counted_check_id(read, lesson, block_id),
            attempts=attempts,
        )
        for block_id in checks
    }
    done = any(lesson.pk == item.id and item.done for item in part.lessons)
    pending = bool(required - passed)
    following = next_lesson_after(progress, lesson.pk)
    return LessonState(
        can_view=True,
        enrollment=enrollment,
        completed=done,
        can_complete=not done and not pending,
        can_attempt=bool(checks) and not done,
        pending_checks=pending and not done,
        complete_url=reverse("courses:complete_lesson", args=[read.pk]),
        check_url=reverse("courses:knowledge_check", args=[read.pk]),
        next_url=following.url if following else reverse("courses:my_learning"),
        attempts=attempts,
        allowances=allowances,
        shuffle_seed=f"{enrollment.pk}:{lesson.pk}:{len(attempts)}",
    )


def next_lesson_after(progress, lesson_id):
    lessons = [lesson for part in progress.all_parts for lesson in part.lessons]
    ids = [lesson.id for lesson in lessons]
    if lesson_id not in ids:
        return None
    position = ids.index(lesson_id)
    return lessons[position + 1] if position + 1 < len(lessons) else None
