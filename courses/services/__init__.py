"""Business rules (the only writers). Split by topic; import from `courses.services`."""

from .enrollment import (  # noqa: F401
    TRANSITIONS,
    admit,
    apply,
    assign_instructor,
    confirm_offer,
    decline_offer,
    expire_offers,
    move_to_head_of_waitlist,
    remove,
    set_capacity,
    unassign_instructor,
    withdraw,
)
from .progress import (  # noqa: F401
    can_record_attendance,
    complete_cycle_if_done,
    complete_lesson,
    knowledge_checks,
    record_attendance,
    submit_knowledge_check,
)
