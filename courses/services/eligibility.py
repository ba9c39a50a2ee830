"""Who may apply to a cycle now, asked by the pages before they offer a button and by
`apply` before it writes: one answer, so that no page offers a button the service refuses
(decision 0009)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from ..exceptions import AlreadyApplied, ApplicationsClosed, EnrollmentError, NotAllowed
from ..models import Cycle, Enrollment

S = Enrollment.Status

# Extra rules another app adds to `apply` (e.g. missions' per-mission quotas), run under
# the cycle lock after the built-in checks: `check(cycle=, learner=, now=)` raises an
# EnrollmentError to refuse. Registered from the app's AppConfig.ready(), so that courses
# does not import the apps that build on it.
APPLICATION_CHECKS: list = []


def _refusal(learner, cycle: Cycle):
    """Why the learner may not apply to this cycle now, or None: a live enrollment in it,
    or (rule 8) an unfinished or completed one in another cycle of the programme. One
    query: the learner's few enrollments in the programme."""
    mine = list(
        Enrollment.objects.filter(
            learner=learner,
            programme_id=cycle.programme_id,
            status__in=Enrollment.LIVE,  # unfinished or completed
        )
        .select_related("cycle")
        .order_by("pk")
    )
    here = [e for e in mine if e.cycle_id == cycle.pk]
    others = [e for e in mine if e.cycle_id != cycle.pk]
    existing = next((e for e in here if e.status in Enrollment.LIVE), None)
    if existing is not None:
        return AlreadyApplied.for_enrollment(existing)
    unfinished = next((e for e in others if e.status in Enrollment.UNFINISHED), None)
    if unfinished is not None:
        return AlreadyApplied(
            _(
                "You already have an enrollment in %(other)s (%(status)s) of this programme. "
                "Withdraw from it first to apply to %(code)s."
            )
            % {
                "other": unfinished.cycle.code,
                "status": unfinished.get_status_display().lower(),
                "code": cycle.code,
            }
        )
    completed = next((e for e in others if e.status == S.COMPLETED), None)
    if completed is not None:
        return NotAllowed(
            _(
                "You completed this programme in %(other)s; seats go to diplomats who have not "
                "taken it yet. An administrator may admit you again with a reason."
            )
            % {"other": completed.cycle.code}
        )
    return None


def check_can_apply(
    *, learner, cycle: Cycle, now=None, registered_checks: bool = True
) -> EnrollmentError | None:
    """The refusal `apply` would raise for this learner and cycle, or None when it would
    accept: applications not open (cancelled, not yet, closed, over), a live enrollment in
    the cycle, an unfinished one in another cycle of the programme, the programme completed
    before, then the registered APPLICATION_CHECKS (priority window, mission quota).

    Read without the cycle lock: a page's answer may be overtaken by another application
    (a quota filled a moment later), which `apply` then refuses under the lock. `apply`
    itself passes `registered_checks=False` and runs those checks under the lock."""
    now = now or timezone.now()
    if not cycle.is_open_for_applications(now):
        return ApplicationsClosed.for_cycle(cycle, now)
    refusal = _refusal(learner, cycle)
    if refusal is not None or not registered_checks:
        return refusal
    for check in APPLICATION_CHECKS:
        try:
            check(cycle=cycle, learner=learner, now=now)
        except EnrollmentError as error:
            return error
    return None
