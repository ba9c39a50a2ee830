"""Read queries for pages, e-mails and admin screens. Nothing here writes."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from accounts.models import SENIOR_RANKS
from core.permissions import ADMINISTER_CYCLES

from ..models import Cycle, Enrollment
from .waitlist import position_of, ranked_ids

S = Enrollment.Status


def seated_count(*, cycle: Cycle) -> int:
    return cycle.enrollments.filter(status__in=Enrollment.SEATED).count()


def _policy_key(cycle: Cycle, enrollment: Enrollment, represented: set[str]):
    # The rank and Member State frozen on the enrollment when it applied: a profile changed
    # since moves nobody on the waitlist.
    if cycle.policy == Cycle.Policy.SENIORITY:
        group = 0 if enrollment.rank in SENIOR_RANKS else 1
    elif cycle.policy == Cycle.Policy.MISSION_BALANCE:
        mission = enrollment.member_state
        group = 0 if mission and mission not in represented else 1
    else:
        group = 0
    return (-enrollment.priority_boost, group, enrollment.applied_at, enrollment.pk)


def order_waitlist(*, cycle: Cycle, waiting: list[Enrollment], represented: set[str]):
    """The waitlisted enrollments in the order they will be promoted, one promotion at a
    time, in Python: the reference the database's order (`waitlist.py`) is tested against.

    An administrator's boost comes first, then the cycle's policy, then application time.
    For `mission_balance` the order is built one promotion at a time: once a mission gets
    a seat, its other applicants fall behind missions that have none yet.
    """
    if cycle.policy != Cycle.Policy.MISSION_BALANCE:
        return sorted(waiting, key=lambda e: _policy_key(cycle, e, represented))
    represented = set(represented)
    remaining = list(waiting)
    ordered = []
    while remaining:
        head = min(remaining, key=lambda e: _policy_key(cycle, e, represented))
        remaining.remove(head)
        ordered.append(head)
        if head.member_state:
            represented.add(head.member_state)
    return ordered


def represented_missions(*, cycle: Cycle) -> set[str]:
    return set(
        cycle.enrollments.filter(status__in=Enrollment.SEATED)
        .exclude(member_state="")
        .values_list("member_state", flat=True)
    )


def waitlist(*, cycle: Cycle, limit: int | None = None) -> list[Enrollment]:
    """The cycle's waitlist in promotion order (position 1 first), ordered by the
    database; `limit` reads only the head (what a promotion needs)."""
    ranked = ranked_ids(cycle=cycle, limit=limit)
    rows = Enrollment.objects.select_related("learner").in_bulk([pk for pk, _ in ranked])
    return [rows[pk] for pk, _ in ranked]


def waitlist_positions(*, cycle: Cycle) -> dict[int, int]:
    """Enrollment id → position on the waitlist (1-based), in one query."""
    return dict(ranked_ids(cycle=cycle))


def waitlist_position(*, enrollment: Enrollment) -> int | None:
    """One learner's place, in one query however long the waitlist."""
    return position_of(enrollment=enrollment)


def with_seat_counts(queryset: QuerySet[Cycle]) -> QuerySet[Cycle]:
    """Annotate cycles with `seats_taken` and `waitlist_length` in the same query."""
    return queryset.annotate(
        seats_taken=Count("enrollments", filter=Q(enrollments__status__in=Enrollment.SEATED)),
        waitlist_length=Count("enrollments", filter=Q(enrollments__status=S.WAITLISTED)),
    )


def open_cycles(*, now=None) -> QuerySet[Cycle]:
    """Cycles that accept applications now, with seat counts, soonest first."""
    from django.utils import timezone

    now = now or timezone.now()
    return with_seat_counts(
        Cycle.objects.filter(
            applications_open_at__lte=now, applications_close_at__gte=now, cancelled_at__isnull=True
        )
        .select_related("programme")
        .order_by("starts_on", "code")
    )


@dataclass(frozen=True)
class MyEnrollment:
    enrollment: Enrollment
    waitlist_position: int | None


def enrollments_for(*, learner) -> list[MyEnrollment]:
    """A learner's enrollments, newest cycle first, with waitlist positions.

    Each position is one query in the database (per cycle the learner waits in, usually
    one), whatever the length of the waitlist.
    """
    enrollments = list(
        learner.enrollments.select_related("cycle", "cycle__programme").order_by(
            "-cycle__starts_on", "-applied_at"
        )
    )
    return [MyEnrollment(e, position_of(enrollment=e)) for e in enrollments]


def cycles_for(*, user) -> QuerySet[Cycle]:
    """The cycles a user may manage: all for administrators, assigned ones for instructors."""
    from guardian.shortcuts import get_objects_for_user

    if user.is_authenticated and user.is_active and user.has_perm(ADMINISTER_CYCLES):
        return Cycle.objects.all()
    return get_objects_for_user(user, "courses.teach_cycle", klass=Cycle, accept_global_perms=False)


def teaches_any_cycle(*, user) -> bool:
    """Whether `user` manages at least one cycle (the admin's Reports menu asks on every
    page): cached with the user's permissions, which object permissions' changes renew."""
    from accounts.auth_backends import PERMISSIONS, user_key

    if not user.is_authenticated or not user.is_active:
        return False
    return PERMISSIONS.cached(f"{user_key(user)}:teaches", lambda: cycles_for(user=user).exists())


def instructors_of(*, cycle: Cycle):
    from guardian.shortcuts import get_users_with_perms

    return get_users_with_perms(
        cycle, only_with_perms_in=["teach_cycle"], with_superusers=False, with_group_users=False
    )
