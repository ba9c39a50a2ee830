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

from accounts.auth_backends import PERMISSIONS, user_key
from certificates.models import Certificate
from cms.models import ProgrammePage
from cms.translation import in_default_locale
from core.permissions import ADMINISTER_CYCLES, has_permission
from courses.models import Cycle, Enrollment
from courses.selectors import (
    cycles_for,
    progress_columns,
    progress_of_rows,
    progress_summaries,
    with_seat_counts,
)
from courses.selectors.enrollment import teaches_any_cycle
from courses.selectors.waitlist import positions_in_cycles
from missions.models import FocalPoint
from missions.selectors import diplomats_of

from .rows import instance


@dataclass(frozen=True)
class Scope:
    user: object
    everything: bool
    teaches: bool
    focal_point: FocalPoint | None  # a focal point's appointment (holding missions.nominate)

    @property
    def member_state(self) -> str | None:
        return self.focal_point.member_state if self.focal_point else None

    def enrollments(self) -> QuerySet[Enrollment]:
        if self.everything:
            return Enrollment.objects.all()
        rule = Q(learner=self.user)
        if self.teaches:
            rule |= Q(cycle__in=cycles_for(user=self.user).values("pk"))
        if self.focal_point is not None:
            rule |= Q(learner__in=diplomats_of(focal=self.focal_point).values("pk"))
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
        if self.focal_point is not None:
            rule |= Q(pk__in=diplomats_of(focal=self.focal_point).values("pk"))
        return users.filter(rule)


def _scope_key(user) -> str:
    return f"{user_key(user)}:api-scope"


def scope_keys(user) -> list[str]:
    """The cache keys `scope_of` reads, for the caller to read them with others."""
    return PERMISSIONS.keys_of(_scope_key(user)) if user.is_active else []


def scope_of(user, *, focal_point: FocalPoint | None, found: dict | None = None) -> Scope:
    """What `user` reads, by the pages' rules: `focal_point` is the user's appointment as
    read with the token (api/tokens.py), never from a cache. What the user's permissions
    decide (administrator, focal point, instructor of some cycle) is one value cached with
    the permissions (`accounts.auth_backends.PERMISSIONS`: a change to a group, a permission or
    an instructor's assignment renews it). `found`: the cache's answer for `scope_keys`,
    when the caller read it (api/auth.py), else one round trip here."""
    if not user.is_active:
        return Scope(user=user, everything=False, teaches=False, focal_point=None)

    def compute():
        everything = has_permission(user, ADMINISTER_CYCLES)
        return (
            everything,
            has_permission(user, "missions.nominate"),
            not everything and teaches_any_cycle(user=user),
        )

    key = _scope_key(user)
    if found is None:
        facts = PERMISSIONS.cached(key, compute)
    else:
        facts = PERMISSIONS.cached_from(found, key, compute)
    everything, nominates, teaches = facts
    return Scope(
        user=user,
        everything=everything,
        teaches=teaches,
        # `missions.services.focal_point_of`'s rule: the appointment and the permission.
        focal_point=focal_point if nominates and not everything else None,
    )


# --- Lists, in a fixed number of queries whatever their length ----------------------------


def programmes():
    return ProgrammePage.objects.live().filter(**in_default_locale()).order_by("pk")


def cycles(scope: Scope, *, programme: int | None = None):
    queryset = scope.cycles()
    if programme is not None:
        queryset = queryset.filter(programme_id=programme)
    return with_seat_counts(queryset).order_by("-starts_on", "code")


# What an enrollment row shows, and what its waitlist position and progress summary read
# (the cycle's policy, pinned curriculum and seminar rule; the rank it applied with). Read
# as plain values, not three model instances a row: a page of 50 built 150.
ENROLLMENT_FIELDS = ("id", "cycle_id", "status", "rank")
CYCLE_FIELDS = (
    *("id", "code", "programme_id", "policy"),
    *("curriculum", "curriculum_pinned_at", "seminar_requirement"),
)
LEARNER_FIELDS = ("email", "first_name", "last_name", "member_state", "rank")
ENROLLMENT_COLUMNS = (
    *ENROLLMENT_FIELDS,
    *("learner_id", "applied_at", "seated_at", "completed_at", "offer_expires_at"),
    *(f"learner__{name}" for name in LEARNER_FIELDS),
    *(f"cycle__{name}" for name in CYCLE_FIELDS),
)


@dataclass(frozen=True)
class CertificateFacts:
    serial: str
    code: str
    status: str


def enrollments(scope: Scope, *, cycle: str | None = None, status: str | None = None):
    """Rows as dicts of `ENROLLMENT_COLUMNS`, with each row's newest certificate (serial,
    code, status) read in the same query as one JSON object (one subquery, not three), and
    what its progress summary reads (`courses.selectors.progress_columns`)."""
    newest = Certificate.objects.filter(enrollment=OuterRef("pk")).order_by("-pk")
    queryset = scope.enrollments()
    if cycle is not None:
        queryset = queryset.filter(cycle__code=cycle)
    if status is not None:
        queryset = queryset.filter(status=status)
    return queryset.order_by("pk").values(
        *ENROLLMENT_COLUMNS,
        certificate=Subquery(
            newest.values(facts=JSONObject(serial="serial", code="code", status="status"))[:1]
        ),
        # The lessons done and the seminar attendance too: no query of their own.
        **progress_columns(),
    )


def with_details(rows: list[dict]) -> list[dict]:
    """What each enrollment row of the API shows beyond its columns: its waitlist position
    (one query, when the page has a waitlisted row) and progress summary (none: the
    completions and the certificate came with the rows, see `enrollments`)."""
    db = Enrollment.objects.db
    cycles: dict[int, Cycle] = {}
    enrollments = []
    for row in rows:
        # One Cycle for all the rows of a cycle; the enrollments carry only what the
        # progress and waitlist rules read (any other field would be read when used).
        cycle = cycles.get(row["cycle_id"])
        if cycle is None:
            values = {name: row[f"cycle__{name}"] for name in CYCLE_FIELDS}
            cycle = cycles[row["cycle_id"]] = instance(Cycle, db, values)
        enrollment = instance(Enrollment, db, {name: row[name] for name in ENROLLMENT_FIELDS})
        enrollment.cycle = cycle
        enrollments.append(enrollment)
    waiting = [e for e in enrollments if e.status == Enrollment.Status.WAITLISTED]
    positions = positions_in_cycles(
        cycles={e.cycle_id: e.cycle for e in waiting}.values(),
        enrollment_ids=[e.pk for e in waiting],
    )
    summaries = progress_summaries(enrollments=enrollments, read=progress_of_rows(rows))
    return [
        {
            "row": row,
            "waitlist_position": positions.get(row["id"]),
            "summary": summaries.get(row["id"]),
            # `certificate` is the JSON object annotated by the query above.
            "certificate": CertificateFacts(**row["certificate"]) if row["certificate"] else None,
        }
        for row in rows
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
