"""Read queries (nothing here writes). Split by topic; import from `courses.selectors`."""

from .curriculum import (  # noqa: F401
    curriculum,
    outlines_of_cycles,
    parts_of_cycles,
)
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
from .knowledge_checks import (  # noqa: F401
    AttemptAllowance,
    attempt_allowance,
    counted_check_id,
    knowledge_checks,
    passed_checks,
    required_checks,
)
from .lessons import LessonState, lesson_state, next_lesson_after  # noqa: F401
from .progress import (  # noqa: F401
    CycleProgress,
    LessonProgress,
    ModuleProgress,
    ProgressSummary,
    not_enrolled_reason,
    part_label,
    progress_columns,
    progress_for,
    progress_for_many,
    progress_of_rows,
    progress_summaries,
    study_enrollment,
)
