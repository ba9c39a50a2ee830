"""Cycles of a programme and the learners' enrollments in them, split by topic; import from
`courses.models`.

The seat rule is kept by the services, which lock the cycle row before they count seats;
the database keeps one live enrollment per learner and cycle, and one unfinished enrollment
per learner and programme.
"""

from .cycles import MAX_OFFER_HOURS, Cycle, CycleEvent  # noqa: F401
from .enrollment import Enrollment, EnrollmentEvent  # noqa: F401
from .progress import (  # noqa: F401
    KnowledgeCheckAttempt,
    LessonCompletion,
    Reminder,
    SeminarAttendance,
)
