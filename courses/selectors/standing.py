"""Why a waitlisted learner stands where they stand: how many are ahead of them, and for
which of the waitlist's reasons (an administrator's boost, the cycle's policy, an earlier
application). Read from the same ordered query as the position (`waitlist.py`), so the
explanation can never disagree with the number."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from ..models import Enrollment
from .waitlist import _ranked_sql


@dataclass(frozen=True)
class WaitlistStanding:
    position: int
    policy: str
    boosted: bool  # an administrator moved this learner to the head of the waitlist
    first_group: bool  # the policy serves this learner's group first
    boosted_ahead: int  # ahead because an administrator moved them up
    group_ahead: int  # ahead because the policy serves their group first
    earlier_ahead: int  # ahead because they applied earlier, with the same priority


def waitlist_standing(*, enrollment: Enrollment) -> WaitlistStanding | None:
    """The learner's place on the waitlist and what puts the others ahead (one query);
    None when the enrollment is not waitlisted."""
    if enrollment.status != Enrollment.Status.WAITLISTED:
        return None
    sql, params = _ranked_sql(enrollment.cycle)
    query = (
        f"WITH w AS ({sql}) SELECT w.id, w.position, w.grp, w.priority_boost FROM w "  # noqa: S608
        "WHERE w.position <= (SELECT m.position FROM w m WHERE m.id = %s) ORDER BY w.position"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [*params, enrollment.pk])
        rows = cursor.fetchall()
    if not rows or rows[-1][0] != enrollment.pk:
        return None
    _id, position, group, boost = rows[-1]
    ahead = rows[:-1]
    if boost > 0:
        # Only learners moved up before this one can be ahead: they count as earlier.
        boosted_ahead, group_ahead, earlier_ahead = 0, 0, len(ahead)
    else:
        boosted_ahead = sum(1 for row in ahead if row[3] > 0)
        group_ahead = sum(1 for row in ahead if row[3] <= 0 and row[2] < group)
        earlier_ahead = len(ahead) - boosted_ahead - group_ahead
    return WaitlistStanding(
        position=position,
        policy=enrollment.cycle.policy,
        boosted=boost > 0,
        first_group=group == 0,
        boosted_ahead=boosted_ahead,
        group_ahead=group_ahead,
        earlier_ahead=earlier_ahead,
    )
