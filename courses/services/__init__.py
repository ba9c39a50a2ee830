"""Business rules (the only writers). Split by topic; import from `courses.services`."""

from .curriculum import (  # noqa: F401
    apply_current_curriculum,
    ensure_pinned,
    live_curriculum,
    pin_started_curricula,
)
from .cycles import (  # noqa: F401
    close_cycle,
    close_due_cycles,
    copy_to_next_cycle,
    extend_deadline,
    next_code,
)
from .eligibility import check_can_apply  # noqa: F401
from .enrollment import (  # noqa: F401
    APPLICATION_CHECKS,
    apply,
    confirm_offer,
    decline_offer,
    expire_offers,
    withdraw,
)
from .permissions import can_teach, has_permission, require_permission  # noqa: F401
from .priority import (  # noqa: F401
    MAX_PRIORITY_DAYS,
    check_priority_window,
    open_priority_window,
)
from .progress import (  # noqa: F401
    can_record_attendance,
    complete_cycle_if_done,
    complete_lesson,
    knowledge_checks,
    record_attendance,
    required_checks,
    submit_knowledge_check,
)
from .reminders import send_reminders  # noqa: F401
from .roster import (  # noqa: F401
    MAX_CAPACITY,
    admit,
    assign_instructor,
    cancel_cycle,
    enrol,
    move_to_head_of_waitlist,
    remove,
    set_capacity,
    unassign_instructor,
)
from .transitions import TRANSITIONS  # noqa: F401
