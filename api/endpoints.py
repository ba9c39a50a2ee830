"""The read API at /api/v1/ (docs/api.md): lists with stable order and a fixed number of
queries per page, each read through `api.selectors`, which apply the pages' rules."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count, Window
from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Query
from ninja.openapi.docs import Swagger
from pydantic import BaseModel, Field

from courses.models import Enrollment as EnrollmentModel

from . import schemas, selectors
from .auth import BearerToken, RateLimited

MAX_LIMIT = 1000

api = NinjaAPI(
    title="PATIT LMS read API",
    version="1",
    description=(
        "Read-only access to programmes, cycles, enrollments, certificates and learner "
        "records. Every request carries `Authorization: Bearer <token>`; a token reads what "
        "its user may read on the site, nothing more."
    ),
    urls_namespace="api",
    auth=BearerToken(),
    # Swagger UI from the files django-ninja ships (no CDN): the page works offline and
    # under the site's own CSP, unchanged (tests/browser/test_api_docs.py).
    docs=Swagger(),
)


@api.exception_handler(RateLimited)
def rate_limited(request, exc: RateLimited):
    response = api.create_response(request, {"detail": str(exc)}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


class Paging(BaseModel):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description=f"At most {MAX_LIMIT}.")
    offset: int = Field(0, ge=0)


def _page(request: HttpRequest, queryset, paging: Paging, filters: dict | None = None, *, item):
    """One page of the list, each row written by `item`: one slice, ordered by the caller
    with a unique last key so that pages never overlap or skip, and the whole list's count
    read with it (COUNT(*) OVER (): one round trip, not two)."""
    window = queryset.annotate(rows_in_list=Window(Count("pk")))
    rows = list(window[paging.offset : paging.offset + paging.limit])
    if rows:
        first = rows[0]
        count = first["rows_in_list"] if isinstance(first, dict) else first.rows_in_list
    else:  # past the end there is no row to carry the count: ask for it
        count = queryset.count() if paging.offset else 0
    following = None
    if paging.offset + paging.limit < count:
        params = {k: v for k, v in (filters or {}).items() if v is not None}
        params.update(limit=paging.limit, offset=paging.offset + paging.limit)
        following = request.build_absolute_uri(request.path) + "?" + urlencode(params)
    meta = {"count": count, "limit": paging.limit, "offset": paging.offset, "next": following}
    return {**meta, "items": item(rows)}


def _fields(obj, names) -> dict:
    """The attributes `names` of `obj`, under their own names (most fields of the API's
    items are the model's, as they are)."""
    return {name: getattr(obj, name) for name in names}


def _outcome(status: str) -> str | None:
    return None if status in EnrollmentModel.UNFINISHED else status


PERSON_FIELDS = ("email", "first_name", "last_name", "member_state", "rank")


def _person(user) -> dict:
    return {"id": user.pk, **_fields(user, PERSON_FIELDS)}


def _certificate_ref(certificate) -> dict | None:
    if certificate is None:
        return None
    return {
        **_fields(certificate, ("serial", "code", "status")),
        "verify_url": selectors.verify_url(certificate),
    }


def _progress(summary) -> dict | None:
    if summary is None:
        return None
    modules = [(done, total) for kind, done, total in summary.parts.values() if kind == "module"]
    return {
        "percent": summary.percent,
        "lessons_done": sum(done for done, _ in modules),
        "lessons_total": sum(total for _, total in modules),
        "seminar_attended": summary.seminar_attended,
    }


ERRORS = {401: schemas.Error, 429: schemas.Error}


@api.get(
    "/programmes/",
    response={200: schemas.Page[schemas.Programme], **ERRORS},
    url_name="programmes",
    summary="Programmes (the public curriculum)",
)
def programmes(request, paging: Query[Paging]):
    def item(rows):
        return [
            {
                "id": p.pk,
                **_fields(p, ("title", "short_title", "intro")),
                "languages": p.languages or [],
                "url": p.get_full_url(request) or "",
            }
            for p in rows
        ]

    return _page(request, selectors.programmes(), paging, item=item)


class CycleFilters(BaseModel):
    programme: int | None = Field(None, description="A programme's id.")


@api.get(
    "/cycles/",
    response={200: schemas.Page[schemas.Cycle], **ERRORS},
    url_name="cycles",
    summary="Cycles, with seats taken, capacity and waitlist length",
)
def cycles(request, paging: Query[Paging], filters: Query[CycleFilters]):
    scope: selectors.Scope = request.auth
    queryset = selectors.cycles(scope, programme=filters.programme)
    return _page(request, queryset, paging, filters.model_dump(), item=_cycles)


CYCLE_FIELDS = (
    "code",
    "title",
    "programme_id",
    "starts_on",
    "ends_on",
    "applications_open_at",
    "applications_close_at",
    "policy",
    "capacity",
    "seats_taken",
    "waitlist_length",
)


def _cycles(rows) -> list[dict]:
    return [
        {
            "id": c.pk,
            **_fields(c, CYCLE_FIELDS),
            "cancelled": c.cancelled_at is not None,
            "closed": c.closed_at is not None,
        }
        for c in rows
    ]


class EnrollmentFilters(BaseModel):
    cycle: str | None = Field(None, description="A cycle's code, e.g. PATIT-2027-1.")
    status: EnrollmentModel.Status | None = None


@api.get(
    "/enrollments/",
    response={200: schemas.Page[schemas.Enrollment], **ERRORS},
    url_name="enrollments",
    summary="Enrollments: status, waitlist position, progress and outcome",
)
def enrollments(request, paging: Query[Paging], filters: Query[EnrollmentFilters]):
    scope: selectors.Scope = request.auth
    status = filters.status.value if filters.status else None
    queryset = selectors.enrollments(scope, cycle=filters.cycle, status=status)
    filtered = {"cycle": filters.cycle, "status": status}
    return _page(request, queryset, paging, filtered, item=_enrollments)


ENROLLMENT_FIELDS = ("status", "applied_at", "seated_at", "completed_at", "offer_expires_at")


def _enrollments(rows) -> list[dict]:
    return [
        {
            "id": e["id"],
            "cycle": e["cycle__code"],
            "learner": {
                "id": e["learner_id"],
                **{field: e[f"learner__{field}"] for field in PERSON_FIELDS},
            },
            **{field: e[field] for field in ENROLLMENT_FIELDS},
            "outcome": _outcome(e["status"]),
            "waitlist_position": details["waitlist_position"],
            "progress": _progress(details["summary"]),
            "certificate": _certificate_ref(details["certificate"]),
        }
        for details in selectors.with_details(rows)
        for e in [details["row"]]
    ]


class CertificateFilters(BaseModel):
    cycle: str | None = Field(None, description="A cycle's code.")


@api.get(
    "/certificates/",
    response={200: schemas.Page[schemas.Certificate], **ERRORS},
    url_name="certificates",
    summary="Certificates: code, status and verification URL",
)
def certificates(request, paging: Query[Paging], filters: Query[CertificateFilters]):
    scope: selectors.Scope = request.auth
    queryset = selectors.certificates(scope, cycle=filters.cycle)
    return _page(request, queryset, paging, filters.model_dump(), item=_certificates)


CERTIFICATE_FIELDS = ("language", "issued_at", "revoked_at", "printed_name")


def _certificates(rows) -> list[dict]:
    return [
        {
            "id": c.pk,
            **_certificate_ref(c),
            **_fields(c, CERTIFICATE_FIELDS),
            "cycle": c.enrollment.cycle.code,
            "learner_id": c.enrollment.learner_id,
        }
        for c in rows
    ]


def _record(user) -> dict:
    return {
        **_person(user),
        "cycles": [
            {
                "cycle": e.cycle.code,
                "cycle_title": e.cycle.title,
                **_fields(e.cycle, ("starts_on", "ends_on")),
                **_fields(e, ("status", "applied_at", "completed_at")),
                "outcome": _outcome(e.status),
                "certificates": [_certificate_ref(c) for c in e.certificates.all()],
            }
            for e in user.visible_enrollments
        ],
    }


@api.get(
    "/learners/",
    response={200: schemas.Page[schemas.LearnerRecord], **ERRORS},
    url_name="learners",
    summary="Learner records: every cycle of each learner, with its outcome",
)
def learners(request, paging: Query[Paging]):
    scope: selectors.Scope = request.auth
    return _page(
        request,
        selectors.learners(scope),
        paging,
        item=lambda rows: [_record(user) for user in rows],
    )


@api.get(
    "/learners/{learner_id}/",
    response={200: schemas.LearnerRecord, 404: schemas.Error, **ERRORS},
    url_name="learner",
    summary="One learner's record",
)
def learner(request, learner_id: int):
    scope: selectors.Scope = request.auth
    user = selectors.learners(scope).filter(pk=learner_id).first()
    if user is None:
        raise Http404("No such learner, or not yours to read.")
    return _record(user)
