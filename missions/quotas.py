"""The per-mission quota, checked by `courses.services.apply` under the cycle lock."""

from django.utils.translation import gettext as _

from courses.exceptions import EnrollmentError
from courses.models import Enrollment
from lms.member_states import NAMES

from .models import MissionQuota


class QuotaReached(EnrollmentError):
    pass


def used(*, cycle, member_state: str) -> int:
    return Enrollment.objects.filter(
        cycle=cycle, member_state=member_state, status__in=Enrollment.LIVE
    ).count()


def check_mission_quota(*, cycle, learner, now) -> None:
    """Refuse an application that would take the learner's mission past its quota. The
    caller holds the cycle lock, so concurrent nominations are counted one after another."""
    if not learner.member_state:
        return
    quota = (
        MissionQuota.objects.filter(cycle=cycle, member_state=learner.member_state)
        .values_list("quota", flat=True)
        .first()
    )
    if quota is not None and used(cycle=cycle, member_state=learner.member_state) >= quota:
        raise QuotaReached(
            _(
                "%(mission)s has reached its quota of %(quota)s in %(code)s; ask UNITAR to "
                "raise it or withdraw another application first."
            )
            % {
                "mission": NAMES.get(learner.member_state, learner.member_state),
                "quota": quota,
                "code": cycle.code,
            }
        )
