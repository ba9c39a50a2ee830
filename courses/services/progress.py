"""Progress rules: lesson completion, knowledge checks, seminar attendance, and cycle
completion the moment the last requirement is met (docs/architecture.md, rules 3, 4, 7).

What counts is the cycle's pinned curriculum (see `curriculum.py`), pinned before the first
progress write of a started cycle."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import LessonPage
from cms.translation import canonical

from ..exceptions import InvalidInput, NotAllowed
from ..models import (
    Enrollment,
    EnrollmentEvent,
    KnowledgeCheckAttempt,
    LessonCompletion,
    SeminarAttendance,
)
from ..selectors import (
    attempt_allowance,
    counted_check_id,
    knowledge_checks,
    passed_checks,
    progress_for,
    required_checks,
    study_enrollment,
)
from ..signals import enrollment_completed
from .curriculum import ensure_pinned
from .locks import lock_enrollment
from .permissions import can_teach
from .transitions import transition

S = Enrollment.Status
# An answer is a choice's index as the form posts it; a block id is a UUID.
ANSWER = re.compile(r"[0-9]{1,3}")
MAX_BLOCK_ID_LENGTH = 64


def _programme_id(lesson: LessonPage) -> int:
    return lesson.get_parent().get_parent().pk


def _seated_enrollment(learner, lesson: LessonPage, now) -> Enrollment:
    enrollment = study_enrollment(
        learner=learner, programme_id=_programme_id(lesson), today=timezone.localdate(now)
    )
    if enrollment is None or enrollment.status != S.ENROLLED:
        raise NotAllowed(
            _("Lessons count only for learners enrolled in a running cycle of this programme.")
        )
    ensure_pinned(enrollment.cycle, now=now)
    # Serialise this learner's progress writes, so that the last two lessons finished at
    # once still complete the cycle exactly once.
    return lock_enrollment(enrollment.pk)


def _require_open(progress, lesson: LessonPage):
    part = progress.part_of(lesson.pk)
    if part is None:
        raise NotAllowed(_("This lesson is not part of the cycle's curriculum."))
    if not part.is_open:
        blocker = progress.blocking_module(part)
        raise NotAllowed(
            _("%(part)s opens when you complete %(blocker)s.")
            % {
                "part": part.label,
                "blocker": blocker.label if blocker else _("the previous module"),
            }
        )


def complete_cycle_if_done(enrollment: Enrollment, *, now=None, by=None) -> bool:
    """Complete the enrollment now if it meets the cycle's completion rule. The caller
    holds the enrollment's row lock. Listeners (certificates) act in this transaction."""
    if enrollment.status != S.ENROLLED or not progress_for(enrollment=enrollment).requirements_met:
        return False
    now = now or timezone.now()
    transition(
        enrollment,
        S.COMPLETED,
        action=EnrollmentEvent.Action.COMPLETED,
        actor=by,
        now=now,
        completed_at=now,
    )
    enrollment_completed.send(sender=Enrollment, enrollment=enrollment)
    return True


def _pending_checks(enrollment: Enrollment, lesson: LessonPage, progress=None) -> set[str]:
    """The lesson's required knowledge checks this enrollment has not passed yet."""
    progress = progress or progress_for(enrollment=enrollment)
    return required_checks(progress, lesson) - passed_checks(
        enrollment=enrollment, lesson_id=lesson.pk
    )


def _record_completion(enrollment: Enrollment, lesson: LessonPage, *, now) -> LessonCompletion:
    """Record the lesson as done (once) and complete the cycle if it was the last step."""
    completion, created = LessonCompletion.objects.get_or_create(
        enrollment=enrollment, lesson_id=lesson.pk, defaults={"completed_at": now}
    )
    if created:
        complete_cycle_if_done(enrollment, now=now)
    return completion


@transaction.atomic
def complete_lesson(*, learner, lesson: LessonPage, now=None) -> LessonCompletion:
    """Mark a lesson done for the learner's seated enrollment in a running cycle of its
    programme. Refused for a locked module or an unpassed knowledge check; revisiting a
    completed lesson keeps its completion. Completes the cycle when this was the last
    requirement. A translation counts as its canonical (English) lesson: one requirement
    whichever language it was read in."""
    now = now or timezone.now()
    lesson = canonical(lesson)
    enrollment = _seated_enrollment(learner, lesson, now)
    progress = progress_for(enrollment=enrollment)
    _require_open(progress, lesson)
    if _pending_checks(enrollment, lesson, progress):
        raise NotAllowed(_("Pass this lesson's knowledge check to complete it."))
    return _record_completion(enrollment, lesson, now=now)


@transaction.atomic
def submit_knowledge_check(
    *, learner, lesson: LessonPage, block_id: str, answers: dict, now=None
) -> KnowledgeCheckAttempt:
    """Grade a knowledge check on the server and record the attempt. `answers` maps the
    question's index to the chosen answer's index (as the form posts them: "q0" → "2").
    Every question must be answered; a passing attempt completes the lesson when no other
    check in it is pending. A check answered in a translation is graded against the
    questions the learner read and recorded against the canonical lesson and check."""
    now = now or timezone.now()
    if len(block_id) > MAX_BLOCK_ID_LENGTH:
        raise InvalidInput(_("This knowledge check does not exist; reload the lesson."))
    read, lesson = lesson, canonical(lesson)
    check = knowledge_checks(read).get(block_id)
    if check is None:
        raise NotAllowed(_("This knowledge check no longer exists; reload the lesson."))
    block_id = counted_check_id(read, lesson, block_id)
    enrollment = _seated_enrollment(learner, lesson, now)
    _require_open(progress_for(enrollment=enrollment), lesson)
    _require_attempt_allowed(enrollment, lesson, block_id, now)
    questions = list(check["questions"])
    chosen = {}
    for index, question in enumerate(questions):
        raw = answers.get(f"q{index}")
        if raw is None:
            raise NotAllowed(_("Answer every question before submitting."))
        # ASCII digits only, and few: str.isdigit() accepts "²" (int() then fails) and any
        # length (a 5,000-digit answer).
        if not ANSWER.fullmatch(str(raw)) or int(raw) >= len(question["choices"]):
            raise InvalidInput(
                _(
                    "Answer every question before submitting: the answer sent for question "
                    "%(number)s is not one of the choices. Reload the lesson and answer again."
                )
                % {"number": index + 1}
            )
        chosen[str(index)] = int(raw)
    correct = sum(
        1
        for index, question in enumerate(questions)
        if question["choices"][chosen[str(index)]]["correct"]
    )
    score = correct * 100 // len(questions)
    attempt = KnowledgeCheckAttempt.objects.create(
        enrollment=enrollment,
        lesson_id=lesson.pk,
        block_id=block_id,
        answers=chosen,
        score=score,
        passed=score >= check["pass_mark"],
        created_at=now,
    )
    if attempt.passed and not _pending_checks(enrollment, lesson):
        _record_completion(enrollment, lesson, now=now)
    return attempt


def _require_attempt_allowed(
    enrollment: Enrollment, lesson: LessonPage, block_id: str, now
) -> None:
    """Attempts are limited and spaced, so that a check cannot be solved by trying every
    combination (settings KNOWLEDGE_CHECK_MAX_ATTEMPTS, KNOWLEDGE_CHECK_COOLDOWN_SECONDS)."""
    allowance = attempt_allowance(
        enrollment=enrollment, lesson_id=lesson.pk, block_id=block_id, now=now
    )
    if allowance.passed:
        raise NotAllowed(_("You have already passed this knowledge check."))
    if allowance.attempts_left == 0:
        raise NotAllowed(
            _(
                "You have used all %(n)s attempts at this knowledge check; your instructor can "
                "help you."
            )
            % {"n": allowance.max_attempts}
        )
    if allowance.retry_at is not None:
        from django.utils import formats

        raise NotAllowed(
            _("Read the lesson again before your next attempt: you can try again at %(time)s.")
            % {"time": formats.time_format(timezone.localtime(allowance.retry_at), "TIME_FORMAT")}
        )


def can_record_attendance(user, cycle) -> bool:
    return can_teach(user, cycle)


@transaction.atomic
def record_attendance(
    *, enrollment: Enrollment, attended: bool, by, excused: bool = False, note: str = "", now=None
) -> None:
    """An instructor assigned to the cycle, or an administrator, records whether a learner
    attended the seminar (absent learners may be excused, with a note saying why); the one
    attendance record, `SeminarAttendance`. Present completes the cycle when it was the last
    requirement (rule 3); absent and excused count the same: not attended."""
    now = now or timezone.now()
    enrollment = lock_enrollment(enrollment.pk)
    if not can_record_attendance(by, enrollment.cycle):
        raise NotAllowed(_("Only the cycle's instructors and administrators record attendance."))
    if excused and attended:
        raise NotAllowed(_("Choose present, absent or excused."))
    if excused and not note.strip():
        raise NotAllowed(_("Say why the learner is excused."))
    if enrollment.status not in (S.ENROLLED, S.COMPLETED):
        raise NotAllowed(_("Attendance is recorded for enrolled learners only."))
    ensure_pinned(enrollment.cycle, now=now)
    if progress_for(enrollment=enrollment).seminar is None:
        raise NotAllowed(_("This programme has no seminar."))
    SeminarAttendance.objects.update_or_create(
        enrollment=enrollment,
        defaults={
            "attended": bool(attended),
            "excused": bool(excused),
            "note": note,
            "recorded_by": by,
            "recorded_at": now,
        },
    )
    if attended:
        complete_cycle_if_done(enrollment, now=now, by=by)
