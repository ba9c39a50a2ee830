"""Every rule the services keep, checked over the whole scale data set at the end of a
seed (see `scale.py`): the bulk inserts keep them by construction, this proves it."""

from __future__ import annotations

from django.db.models import Count, F, Q

from certificates.models import Certificate
from courses.models import (
    Cycle,
    Enrollment,
    EnrollmentEvent,
)

S = Enrollment.Status
A = EnrollmentEvent.Action


class RuleBroken(AssertionError):
    pass


def check_rules() -> None:
    """Every rule the services keep, checked over the whole scale data in a few queries."""
    enrollments = Enrollment.objects.filter(cycle__code__startswith="SCALE-")
    cycles = Cycle.objects.filter(code__startswith="SCALE-").annotate(
        seated=Count("enrollments", filter=Q(enrollments__status__in=Enrollment.SEATED)),
        waiting=Count("enrollments", filter=Q(enrollments__status=S.WAITLISTED)),
    )
    _none(cycles.filter(seated__gt=F("capacity")), "cycles with more seated than seats")
    _none(
        cycles.filter(waiting__gt=0, seated__lt=F("capacity")),
        "cycles with a waitlist and a free seat",
    )
    _none(
        enrollments.filter(status__in=Enrollment.UNFINISHED)
        .values("learner", "programme")
        .annotate(n=Count("pk"))
        .filter(n__gt=1),
        "learners with two unfinished enrollments in one programme",
    )
    _none(
        enrollments.exclude(programme=F("cycle__programme")),
        "enrollments of another programme than their cycle's",
    )
    _none(
        enrollments.exclude(rank=F("learner__rank"), member_state=F("learner__member_state")),
        "enrollments whose frozen rank or Member State is not the learner's",
    )
    for status, action in [
        (None, A.APPLIED),
        (S.COMPLETED, A.COMPLETED),
        (S.WITHDRAWN, A.WITHDRAWN),
    ]:
        scope = enrollments if status is None else enrollments.filter(status=status)
        _none(scope.exclude(events__action=action), f"enrollments without a {action} event")
    completed = enrollments.filter(status=S.COMPLETED)
    _none(
        completed.exclude(certificates__status=Certificate.Status.ISSUED),
        "completed enrollments without an issued certificate",
    )
    _none(
        completed.annotate(n=Count("lesson_completions")).exclude(n=15),
        "completed enrollments without every lesson done",
    )


def _none(queryset, what: str) -> None:
    found = queryset.count()
    if found:
        raise RuleBroken(f"{found} {what}")
