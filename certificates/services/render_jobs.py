"""Rendering certificates exactly once, even when workers crash or tasks run twice
(docs/architecture.md, rule 4; docs/decisions/0002-exactly-once-certificates.md).

`render_certificate` claims the row with a conditional UPDATE (a lease), renders outside any
transaction, and marks it `issued` with a second conditional UPDATE that only the claimant
can make, writing the "ready" e-mail to the outbox in that same transaction. A crashed
render leaves the row `pending`; the sweeper queues it again.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from core.dates import format_date

from ..models import Certificate, CertificateTemplate
from ..templating import fill_placeholders
from ..wording import default_wording

log = logging.getLogger(__name__)
C = Certificate.Status
MAX_ATTEMPTS = 8


def _lease() -> timedelta:
    # A render claimed longer ago than this is taken over. It must exceed the task's hard
    # time limit, so that a live render always finishes within its lease.
    return timedelta(seconds=settings.CERTIFICATE_RENDER_LEASE_SECONDS)


def queue_render(certificate_id: int) -> None:
    """Hand a render to a worker (in-process when tasks run eagerly). Never raises: the
    certificate row is already committed `pending`, and the sweeper queues it again, so a
    broker outage (or, in-process, a failed render) must not fail the request."""
    from outbox.broker import hand_over

    from ..tasks import render_certificate_task

    hand_over(render_certificate_task, certificate_id)


def verify_url(certificate: Certificate) -> str:
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    return base + reverse("certificates:verify_code", args=[certificate.code])


def content_for(certificate: Certificate):
    """What the PDF says, in the certificate's language: the facts stored on the
    certificate when it was created (name, titles, dates, modules), never today's."""
    from ..rendering import CertificateContent

    language = certificate.language
    programme = certificate.enrollment.cycle.programme
    template = CertificateTemplate.objects.filter(programme=programme, language=language).first()
    title, body = (template.title, template.body) if template else default_wording(language)
    name = certificate.printed_name
    # `snapshot` stores the dates on every certificate; the columns are nullable only for
    # rows older than them, hence the type: ignore below.
    start = format_date(certificate.starts_on, language)  # type: ignore[arg-type]
    end = format_date(certificate.ends_on, language)  # type: ignore[arg-type]
    body = fill_placeholders(
        body,
        name=name,
        programme=certificate.programme_title,
        cycle=certificate.cycle_title,
        start=start,
        end=end,
    )
    items = list(certificate.completed_items)
    signatories = []
    if template:
        for block in template.signatories:
            image = block.value["signature"]
            signatories.append(
                (block.value["name"], block.value["title"], image.file.path if image else None)
            )
    logo = template.logo.file.path if template and template.logo else None
    return CertificateContent(
        language=language,
        learner_name=name,
        programme_title=certificate.programme_title,
        cycle_title=certificate.cycle_title,
        cycle_code=certificate.cycle_code,
        starts_on=certificate.starts_on,  # type: ignore[arg-type]
        ends_on=certificate.ends_on,  # type: ignore[arg-type]
        completed_items=items,
        serial=certificate.serial,
        verification_code=certificate.code,
        verify_url=verify_url(certificate),
        issued_on=timezone.localdate(certificate.created_at),
        title=title,
        body=body,
        signatories=signatories,
        logo_path=logo,
    )


def _store(certificate: Certificate, pdf: bytes) -> str:
    # One file name per certificate: a re-render after a crash replaces, never duplicates.
    storage = certificate.pdf.storage  # private: STORAGES["certificates"]
    name = f"certificates/{certificate.serial}.pdf"
    if storage.exists(name):
        storage.delete(name)
    return storage.save(name, ContentFile(pdf))


def render_certificate(*, certificate_id: int, now=None) -> bool:
    """Render a pending (or failed) certificate once. Safe to call any number of times,
    from any number of workers: returns False when there is nothing to do or another
    worker holds a fresh claim; True when this call issued it."""
    from ..rendering import render_pdf
    from ..signing import maybe_sign

    now = now or timezone.now()
    stale = now - _lease()
    claimed = Certificate.objects.filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale),
        pk=certificate_id,
        status__in=[C.PENDING, C.FAILED],
    ).update(claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return False
    certificate = Certificate.objects.select_related(
        "enrollment__learner", "enrollment__cycle__programme"
    ).get(pk=certificate_id)
    try:
        # Signed after tagging, as an incremental update: PDF/A-3a, PDF/UA-1 and the
        # signature all hold (certificates/signing.py).
        pdf = maybe_sign(
            render_pdf(content_for(certificate)),
            reason=f"UNITAR certificate {certificate.serial}, code {certificate.code}",
        )
        name = _store(certificate, pdf)
    except Exception as error:
        Certificate.objects.filter(pk=certificate_id, claimed_at=now).update(
            status=C.FAILED, claimed_at=None, last_error=f"{type(error).__name__}: {error}"[:2000]
        )
        raise
    # The "ready" e-mail's outbox row commits with the status change: a worker killed
    # right after this cannot lose it, and a re-render cannot write a second one.
    with transaction.atomic():
        issued = Certificate.objects.filter(
            pk=certificate_id, status__in=[C.PENDING, C.FAILED], claimed_at=now
        ).update(
            status=C.ISSUED, issued_at=timezone.now(), pdf=name, claimed_at=None, last_error=""
        )
        if issued:
            from outbox.services import enqueue

            from ..emails import CERTIFICATE_READY, ready_dedup_key

            enqueue(
                kind=CERTIFICATE_READY,
                payload={"certificate_id": certificate_id},
                dedup_key=ready_dedup_key(certificate_id),
            )
    return bool(issued)


def sweep_candidates(*, now=None):
    """Certificates left pending or failed by a crash or an error: never claimed after a
    grace period, or claimed longer ago than the lease."""
    now = now or timezone.now()
    grace = now - timedelta(seconds=settings.CERTIFICATE_SWEEP_GRACE_SECONDS)
    return Certificate.objects.filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - _lease()),
        status__in=[C.PENDING, C.FAILED],
        created_at__lt=grace,
        attempts__lt=MAX_ATTEMPTS,
    )


def sweep(*, now=None) -> int:
    """Queue a render for every stuck certificate (run by Celery beat); returns how many."""
    ids = list(sweep_candidates(now=now).values_list("pk", flat=True))
    for pk in ids:
        queue_render(pk)
    return len(ids)
