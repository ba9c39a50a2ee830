"""Read queries (nothing here writes). Split by topic; import from `courses.selectors`."""

from .documents import may_download_document  # noqa: F401
from .enrollment import (  # noqa: F401
    MyEnrollment,
    cycles_for,
    enrollments_for,
    instructors_of,
    open_cycles,
    order_waitlist,
    represented_missions,
    seated_count,
    waitlist,
    waitlist_position,
    waitlist_positions,
    with_seat_counts,
)
from .lessons import LessonState, lesson_state, next_lesson_after  # noqa: F401
from .progress import (  # noqa: F401
    AttemptAllowance,
    CycleProgress,
    LessonProgress,
    ModuleProgress,
    attempt_allowance,
    counted_check_id,
    curriculum,
    knowledge_checks,
    not_enrolled_reason,
    parts_of_cycle,
    parts_of_cycles,
    passed_checks,
    progress_for,
    progress_for_many,
    required_checks,
    study_enrollment,
)
