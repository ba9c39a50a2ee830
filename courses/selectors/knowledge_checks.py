"""Knowledge checks at the end of a lesson: which count, which a learner must pass, which
they passed, and whether they may try again now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cms.models import LessonPage

from ..models import Enrollment, KnowledgeCheckAttempt
from .progress import CycleProgress


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
