"""A learner's record of every cycle they took: modules, seminar attendance, outcome,
certificates and their status, in the learner's language, as a tagged and signed PDF and as
the same data in JSON, with its own verification code (issue 22).

Missions ask for it when a diplomat is posted elsewhere. The learner downloads their own; a
focal point downloads those of their mission's diplomats (missions/views.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from cms import content_names
from core.stored_text import shown
from courses.models import Enrollment
from courses.selectors.progress import progress_for_many

from ..models import Certificate, LearnerRecord
from .issuing import _in_language

C = Certificate.Status


def record_language(learner) -> str:
    languages = {code for code, _name in settings.LANGUAGES}
    language = learner.preferred_language
    return language if language in languages else "en"


def record_data(*, learner, language: str) -> dict:
    """Every cycle of `learner`, oldest first, with labels in `language`."""
    enrollments = list(
        Enrollment.objects.filter(learner=learner)
        .select_related("cycle__programme")
        .prefetch_related("certificates")
        .order_by("cycle__starts_on", "pk")
    )
    progress = progress_for_many(enrollments=enrollments)
    cycles = []
    content_names.prime_cycles([e.cycle for e in enrollments], language)
    with translation.override(language):
        for enrollment in enrollments:
            cycle = enrollment.cycle
            parts = progress[enrollment.pk]
            titles = [m.title for m in _in_language(parts.modules, language)]
            certificates = sorted(enrollment.certificates.all(), key=lambda c: c.pk)
            cycles.append(
                {
                    "programme": content_names.programme_title(cycle.programme, language),
                    "cycle": content_names.cycle_title(cycle, language),
                    "cycle_code": cycle.code,
                    "starts_on": cycle.starts_on.isoformat(),
                    "ends_on": cycle.ends_on.isoformat(),
                    "outcome": enrollment.status,
                    "outcome_label": str(Enrollment.Status(enrollment.status).label),
                    "modules": [
                        {
                            "title": title,
                            "lessons_done": module.done,
                            "lessons_total": module.total,
                            "completed": module.total > 0 and module.done == module.total,
                        }
                        for title, module in zip(titles, parts.modules, strict=True)
                    ],
                    "seminar": (
                        None
                        if parts.seminar is None
                        else {
                            "required": parts.seminar_required,
                            "attended": parts.seminar_attended,
                        }
                    ),
                    "certificates": [
                        {
                            "serial": c.serial,
                            "status": c.status,
                            "status_label": str(Certificate.Status(c.status).label),
                            "verification_code": c.code,
                            "issued_on": c.issued_at.date().isoformat() if c.issued_at else None,
                            "revoked_reason": (
                                shown(c.revoked_reason) if c.status == C.REVOKED else ""
                            ),
                        }
                        for c in certificates
                    ],
                }
            )
    return {
        "learner": learner.name_for_certificate(language),
        "member_state": learner.member_state,
        "language": language,
        "cycles": cycles,
    }


@transaction.atomic
def learner_record(*, learner, language: str | None = None) -> LearnerRecord:
    """The learner's record now: the latest one when nothing changed since it was made
    (same code, so a record handed out twice verifies as one), else a new one."""
    language = language or record_language(learner)
    data = record_data(learner=learner, language=language)
    latest = (
        LearnerRecord.objects.select_for_update()
        .filter(learner=learner, language=language)
        .order_by("-pk")
        .first()
    )
    if latest is not None and latest.data == data:
        return latest
    return LearnerRecord.objects.create(learner=learner, language=language, data=data)


def record_verify_url(record: LearnerRecord) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + reverse(
        "certificates:verify_code", args=[record.code]
    )


def record_json(record: LearnerRecord) -> dict:
    return {
        "type": "PATIT learner record",
        "issuer": "United Nations Institute for Training and Research (UNITAR)",
        "verification_code": record.code,
        "verify_url": record_verify_url(record),
        "made_at": record.created_at.isoformat(),
        **record.data,
    }


def record_pdf(record: LearnerRecord) -> bytes:
    """The record as a tagged PDF/A-3a + PDF/UA-1 file, signed like a certificate."""
    from ..module_pdf import render_record_pdf
    from ..signing import maybe_sign

    with translation.override(record.language):
        pdf = render_record_pdf(
            {
                "record": record,
                "data": record.data,
                "verify_url": record_verify_url(record),
                "made_on": timezone.localdate(record.created_at),
            },
            language=record.language,
        )
    return maybe_sign(pdf, reason=f"UNITAR learner record, code {record.code}")
