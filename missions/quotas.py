"""The per-mission quota, checked by `courses.services.apply` under the cycle lock."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.member_states import NAMES
from courses.exceptions import EnrollmentError
from courses.models import Enrollment

from .models import MissionQuota


class QuotaReached(EnrollmentError):
    pass


def used(*, cycle, member_state: str) -> int:
    return Enrollment.objects.filter(
        cycle=cycle, member_state=member_state, status__in=Enrollment.LIVE
    ).count()


def quota_refusal(*, cycle, member_state: str) -> QuotaReached | None:
    """The refusal when `member_state` has used its quota in `cycle`, else None (also what
    the mission page shows instead of its Nominate link)."""
    quota = (
        MissionQuota.objects.filter(cycle=cycle, member_state=member_state)
        .values_list("quota", flat=True)
        .first()
    )
    if quota is not None and used(cycle=cycle, member_state=member_state) >= quota:
        return QuotaReached(
            _(
                "%(mission)s has reached its quota of %(quota)s in %(code)s; ask UNITAR to "
                "raise it or withdraw another application first."
            )
            % {
                "mission": NAMES.get(member_state, member_state),
                "quota": quota,
                "code": cycle.code,
            }
        )
    return None


def check_mission_quota(*, cycle, learner, now) -> None:
    """Refuse an application that would take the learner's mission past its quota. The
    caller holds the cycle lock, so concurrent nominations are counted one after another."""
    if not learner.member_state:
        return
    refusal = quota_refusal(cycle=cycle, member_state=learner.member_state)
    if refusal is not None:
        raise refusal
