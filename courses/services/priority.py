"""The priority window of a copied cycle: the previous cycle's waitlist is invited to apply
first. Opened by `copy_to_next_cycle` when an administrator asks for it; enforced by
`check_priority_window`, one of `apply`'s APPLICATION_CHECKS (so that a nomination, an
import and a learner's own application meet the same rule)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from core import dates

from ..exceptions import NotAllowed, PriorityWindowOpen
from ..models import Cycle, PriorityInvitee, PriorityWindow
from ..selectors.priority import left_on_the_waitlist, priority_standing

MAX_PRIORITY_DAYS = 30


def open_priority_window(*, cycle: Cycle, source: Cycle, days: int, by, now=None) -> PriorityWindow:
    """Invite the learners left on `source`'s waitlist to apply to `cycle` first: for
    `days` days from when its applications open (from now if they are open already),
    nobody else may apply. Each invitee gets an e-mail in their language (through the
    outbox, after commit). The caller holds a transaction and has checked `by`'s right
    (`copy_to_next_cycle`). Refused when the window would outlast the applications."""
    now = now or timezone.now()
    if not 1 <= days <= MAX_PRIORITY_DAYS:
        raise NotAllowed(
            _("A priority window lasts from 1 to %(max)s days.") % {"max": MAX_PRIORITY_DAYS}
        )
    until = max(now, cycle.applications_open_at) + timedelta(days=days)
    if until >= cycle.applications_close_at:
        raise NotAllowed(
            _(
                "A priority window of %(days)s days would last until applications to %(code)s "
                "close (%(date)s); choose fewer days or later dates."
            )
            % {
                "days": days,
                "code": cycle.code,
                "date": dates.format_datetime(cycle.applications_close_at),
            }
        )
    window = PriorityWindow.objects.create(
        cycle=cycle, source=source, until=until, created_by=by, created_at=now
    )
    invitees = PriorityInvitee.objects.bulk_create(
        PriorityInvitee(window=window, learner_id=learner_id)
        for learner_id in left_on_the_waitlist(cycle=source)
    )
    from outbox.services import enqueue

    from ..emails import PRIORITY_EMAIL

    for invitee in invitees:
        enqueue(
            kind=PRIORITY_EMAIL,
            payload={"window_id": window.pk, "learner_id": invitee.learner_id},
            dedup_key=f"priority-invitation:{window.pk}:{invitee.learner_id}",
        )
    return window


def check_priority_window(*, cycle: Cycle, learner, now) -> None:
    """Refuse an application during the cycle's priority window from anyone but an invited
    learner or an administrator. Registered in `apply`'s APPLICATION_CHECKS."""
    standing = priority_standing(cycle=cycle, user=learner, now=now)
    if standing is None or standing.may_apply:
        return
    raise PriorityWindowOpen(
        _(
            "Until %(date)s, applications to %(code)s are open only to the learners invited "
            "from the waitlist of %(source)s, who did not get a seat there. You can apply "
            "from %(date)s."
        )
        % {
            "date": dates.format_datetime(standing.until),
            "code": cycle.code,
            "source": standing.source_code,
        }
    )
