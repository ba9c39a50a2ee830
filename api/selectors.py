"""What a token may read: the same rules as the pages, decided once per request.

- an administrator (who may change every cycle) reads everything;
- an instructor reads the cycles assigned to them and those cycles' enrollments
  (`courses.selectors.cycles_for`, the progress matrix's rule);
- a mission's focal point reads their Member State's diplomats and their enrollments
  (`missions.selectors.diplomats_of`, the mission pages' rule);
- a learner reads their own enrollments and certificates.
The rules add up (an instructor who is also a learner reads both); nothing else is read.
Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import JSONObject
from django.urls import reverse

from certificates.models import Certificate
from cms.models import ProgrammePage
from cms.translation import in_default_locale
from core.permissions import ADMINISTER_CYCLES, has_permission
from courses.models import Cycle, Enrollment
from courses.selectors import cycles_for, progress_summaries, with_seat_counts
from courses.selectors.enrollment import teaches_any_cycle
from courses.selectors.waitlist import positions_in_cycles
from missions.models import FocalPoint
from missions.selectors import diplomats_of


@dataclass(frozen=True)
class Scope:
    user: object
    everything: bool
    teaches: bool
    member_state: str | None  # the focal point's mission

    def enrollments(self) -> QuerySet[Enrollment]:
        if self.everything:
            return Enrollment.objects.all()
        rule = Q(learner=self.user)
        if self.teaches:
            rule |= Q(cycle__in=cycles_for(user=self.user).values("pk"))
        if self.member_state is not None:
            focal = self.user.focal_point  # type: ignore[attr-defined]
            rule |= Q(learner__in=diplomats_of(focal=focal).values("pk"))
        return Enrollment.objects.filter(rule)

    def cycles(self) -> QuerySet[Cycle]:
        if self.everything:
            return Cycle.objects.all()
        rule = Q(pk__in=self.enrollments().values("cycle_id"))
        if self.teaches:
            rule |= Q(pk__in=cycles_for(user=self.user).values("pk"))
        return Cycle.objects.filter(rule)

    def certificates(self) -> QuerySet[Certificate]:
        if self.everything:
            return Certificate.objects.all()
        return Certificate.objects.filter(enrollment__in=self.enrollments().values("pk"))

    def learners(self):
        users = get_user_model().objects
        if self.everything:
            return users.filter(pk__in=Enrollment.objects.values("learner_id"))
        rule = Q(pk__in=self.enrollments().values("learner_id"))
        if self.member_state is not None:
            focal = self.user.focal_point  # type: ignore[attr-defined]
            rule |= Q(pk__in=diplomats_of(focal=focal).values("pk"))
        return users.filter(rule)


def _focal_point(user) -> FocalPoint | None:
    """`missions.services.focal_point_of`'s rule, with the row the token's query read."""
    if not user.is_active:
        return None
    try:
        focal = user.focal_point
    except FocalPoint.DoesNotExist:
        return None
    return focal if has_permission(user, "missions.nominate") else None


def scope_of(user) -> Scope:
    everything = has_permission(user, ADMINISTER_CYCLES)
    focal = None if everything else _focal_point(user)
    return Scope(
        user=user,
        everything=everything,
        teaches=not everything and teaches_any_cycle(user=user),
        member_state=focal.member_state if focal else None,
    )


# --- Lists, in a fixed number of queries whatever their length ----------------------------


def programmes():
    return ProgrammePage.objects.live().filter(**in_default_locale()).order_by("pk")


def cycles(scope: Scope, *, programme: int | None = None):
    queryset = scope.cycles()
    if programme is not None:
        queryset = queryset.filter(programme_id=programme)
    return with_seat_counts(queryset).order_by("-starts_on", "code")


# What an enrollment row shows and what its waitlist position and progress summary read
# (the cycle's policy, pinned curriculum and seminar rule; the rank it applied with).
ENROLLMENT_COLUMNS = (
    *("id", "cycle_id", "learner_id", "status", "rank"),
    *("applied_at", "seated_at", "completed_at", "offer_expires_at"),
    *("learner__id", "learner__email", "learner__first_name", "learner__last_name"),
    *("learner__member_state", "learner__rank"),
    *("cycle__id", "cycle__code", "cycle__programme_id", "cycle__policy"),
    *("cycle__curriculum", "cycle__curriculum_pinned_at", "cycle__seminar_requirement"),
)


@dataclass(frozen=True)
class CertificateFacts:
    serial: str
    code: str
    status: str


def enrollments(scope: Scope, *, cycle: str | None = None, status: str | None = None):
    """With each row's newest certificate (serial, code, status) read in the same query,
    as one JSON object (one subquery, not three)."""
    newest = Certificate.objects.filter(enrollment=OuterRef("pk")).order_by("-pk")
    queryset = (
        scope.enrollments()
        .select_related("learner", "cycle")
        .only(*ENROLLMENT_COLUMNS)
        .annotate(
            certificate=Subquery(
                newest.values(facts=JSONObject(serial="serial", code="code", status="status"))[:1]
            )
        )
    )
    if cycle is not None:
        queryset = queryset.filter(cycle__code=cycle)
    if status is not None:
        queryset = queryset.filter(status=status)
    return queryset.order_by("pk")


def with_details(rows: list[Enrollment]) -> list[dict]:
    """What each enrollment row of the API shows beyond its columns: its waitlist position,
    progress summary and outcome (two queries for any number of rows; the certificate came
    with the rows, see `enrollments`)."""
    waiting = {e.cycle_id: e.cycle for e in rows if e.status == Enrollment.Status.WAITLISTED}
    positions = positions_in_cycles(
        cycles=waiting.values(),
        enrollment_ids=[e.pk for e in rows if e.status == Enrollment.Status.WAITLISTED],
    )
    summaries = progress_summaries(enrollments=rows)
    return [
        {
            "enrollment": e,
            "waitlist_position": positions.get(e.pk),
            "summary": summaries.get(e.pk),
            # `certificate` is the JSON object annotated by the query above.
            "certificate": (
                CertificateFacts(**e.certificate)  # type: ignore[attr-defined]
                if e.certificate  # type: ignore[attr-defined]
                else None
            ),
        }
        for e in rows
    ]


def certificates(scope: Scope, *, cycle: str | None = None):
    queryset = scope.certificates().select_related("enrollment__cycle", "enrollment__learner")
    if cycle is not None:
        queryset = queryset.filter(enrollment__cycle__code=cycle)
    return queryset.order_by("pk")


def learners(scope: Scope):
    """Each visible learner with every visible cycle of theirs (an instructor reads only
    their own cycles' part of a record) and its certificates."""
    rows = (
        scope.enrollments()
        .select_related("cycle")
        .prefetch_related(Prefetch("certificates", queryset=Certificate.objects.order_by("pk")))
        .order_by("cycle__starts_on", "pk")
    )
    return (
        scope.learners()
        .prefetch_related(Prefetch("enrollments", queryset=rows, to_attr="visible_enrollments"))
        .order_by("pk")
    )


def verify_url(certificate: Certificate) -> str:
    path = reverse("certificates:verify_code", args=[certificate.code])
    return settings.PUBLIC_BASE_URL.rstrip("/") + path
