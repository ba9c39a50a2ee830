"""Issuing, rendering, revoking and verifying certificates (docs/architecture.md, rule 4).

Exactly once, even when workers crash or tasks run twice:
- `issue` creates the one `pending` certificate of a completed enrollment (a database
  constraint allows one live certificate per enrollment) and queues the render after commit;
- `render_certificate` claims the row with a conditional UPDATE (a lease), renders outside any
  transaction, and marks it `issued` with a second conditional UPDATE that only the claimant
  can make, writing the "ready" e-mail to the outbox in that same transaction. A crashed
  render leaves the row `pending`; the sweeper queues it again.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.translation import live_translation, live_translations
from courses.models import Enrollment
from courses.selectors import progress_for

from .exceptions import CertificateError
from .models import Certificate, CertificateTemplate, normalise_code
from .templating import fill_placeholders
from .wording import DEFAULT_WORDING, SEMINAR_LABEL

log = logging.getLogger(__name__)
C = Certificate.Status
MAX_ATTEMPTS = 8


def _lease() -> timedelta:
    # A render claimed longer ago than this is taken over. It must exceed the task's hard
    # time limit, so that a live render always finishes within its lease.
    return timedelta(seconds=settings.CERTIFICATE_RENDER_LEASE_SECONDS)


def _language_for(enrollment: Enrollment) -> str:
    language = enrollment.learner.preferred_language
    return language if language in DEFAULT_WORDING else "en"


def queue_render(certificate_id: int) -> None:
    """Hand a render to a worker (in-process when tasks run eagerly). Never raises: the
    certificate row is already committed `pending`, and the sweeper queues it again, so a
    broker outage (or, in-process, a failed render) must not fail the request."""
    from outbox.broker import hand_over

    from .tasks import render_certificate_task

    hand_over(render_certificate_task, certificate_id)


def _next_serial(cycle) -> str:
    count = Certificate.objects.filter(enrollment__cycle=cycle).count()
    return f"{cycle.code}-{count + 1:04d}"


def _in_language(modules, language: str) -> list:
    """The module pages of `modules` (progress entries) in `language` where a translation
    is published; the progress entry itself (English title) otherwise."""
    from cms.models import ModulePage

    pages = ModulePage.objects.in_bulk([m.id for m in modules])
    bases = [pages[m.id] for m in modules if m.id in pages]
    shown = {
        base.pk: version
        for base, version in zip(bases, live_translations(bases, language), strict=True)
    }
    return [shown.get(m.id, m) for m in modules]


def snapshot(enrollment: Enrollment, language: str) -> dict:
    """What a new certificate will print, read now and stored on it for good."""
    cycle, learner = enrollment.cycle, enrollment.learner
    name = learner.name_for_certificate(language)
    main = learner.name_for_certificate("en")
    progress = progress_for(enrollment=enrollment)
    items = [m.title for m in _in_language(progress.modules, language)]
    if progress.seminar and progress.seminar_attended:
        items.append(SEMINAR_LABEL[language])
    return {
        "printed_name": name,
        "printed_name_latin": "" if main == name else main,
        # Titles of the published translation in the certificate's language, else English.
        # Cycle titles have no translation: they print as the administrator wrote them.
        "programme_title": live_translation(cycle.programme, language).title,
        "cycle_title": cycle.title,
        "cycle_code": cycle.code,
        "starts_on": cycle.starts_on,
        "ends_on": cycle.ends_on,
        "completed_items": items,
    }


def _create(enrollment: Enrollment, *, language: str, replaces=None) -> Certificate:
    # The serial's sequence is counted, then guarded by the unique constraint: on a clash
    # (two cycles' learners completing at once) take the next number.
    facts = snapshot(enrollment, language)
    for _attempt in range(10):
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    enrollment=enrollment,
                    serial=_next_serial(enrollment.cycle),
                    language=language,
                    replaces=replaces,
                    **facts,
                )
        except IntegrityError:
            if enrollment.certificates.filter(status__in=Certificate.LIVE).exists():
                raise
            continue
        transaction.on_commit(partial(queue_render, certificate.pk))
        return certificate
    raise CertificateError(_("Could not allocate a serial number; try again."))


@transaction.atomic
def issue(*, enrollment: Enrollment, language: str | None = None) -> Certificate:
    """The certificate of a completed enrollment: the existing live one, or a new pending
    one whose PDF is rendered after commit. Idempotent: calling it again returns the same.

    A revoked certificate stays revoked: when the enrollment's last certificate was revoked,
    this refuses; only `reissue` (an administrator's explicit, audited act) replaces it."""
    enrollment = (
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("cycle", "cycle__programme", "learner")
        .get(pk=enrollment.pk)
    )
    existing = enrollment.certificates.filter(status__in=Certificate.LIVE).first()
    if existing is not None:
        return existing
    if enrollment.status != Enrollment.Status.COMPLETED:
        raise CertificateError(
            _(
                "%(learner)s has not completed %(code)s yet; certificates are for completed "
                "learners."
            )
            % {"learner": enrollment.learner, "code": enrollment.cycle.code}
        )
    revoked = enrollment.certificates.filter(status=C.REVOKED).order_by("-pk").first()
    if revoked is not None:
        raise CertificateError(
            _(
                "Certificate %(serial)s of %(learner)s was revoked; reissue it explicitly to "
                "give a new one."
            )
            % {"serial": revoked.serial, "learner": enrollment.learner}
        )
    return _create(enrollment, language=language or _language_for(enrollment))


def issue_for_cycle(*, cycle) -> list[Certificate]:
    """Issue for every completed learner of a cycle who never had a certificate; returns
    the new ones. Learners whose certificate was revoked are left alone (see `issue`)."""
    created = []
    completed = cycle.enrollments.filter(status=Enrollment.Status.COMPLETED).exclude(
        certificates__isnull=False
    )
    for enrollment in completed:
        created.append(issue(enrollment=enrollment))
    return created


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Give a reason: it is shown on the verification page."))
    return reason


def _require_administrator(by) -> None:
    if not (
        by is not None
        and by.is_authenticated
        and by.is_active
        and by.has_perm("certificates.change_certificate")
    ):
        raise CertificateError(_("Only an administrator may revoke or reissue a certificate."))


@transaction.atomic
def revoke(*, certificate: Certificate, reason: str, by) -> Certificate:
    """Revoke a certificate with a reason; its verification page says so from now on, and
    nothing issues the enrollment a new one but an explicit `reissue`."""
    _require_administrator(by)
    reason = _require_reason(reason)
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status == C.REVOKED:
        raise CertificateError(
            _("Certificate %(serial)s is already revoked.") % {"serial": certificate.serial}
        )
    certificate.status = C.REVOKED
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason
    certificate.revoked_by = by
    certificate.claimed_at = None
    certificate.save(
        update_fields=["status", "revoked_at", "revoked_reason", "revoked_by", "claimed_at"]
    )
    return certificate


@transaction.atomic
def reissue(
    *, certificate: Certificate, by, reason: str, language: str | None = None
) -> Certificate:
    """Replace a certificate (e.g. a corrected name): the old one is revoked (if it is not
    already) and shows "replaced by" the new one, which gets a new serial and code, and
    prints the learner's name as it is now. This is the one way a name changes after issue,
    and the one way an enrollment whose certificate was revoked gets a new one."""
    _require_administrator(by)
    reason = _require_reason(reason)
    old = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if Certificate.objects.filter(replaces=old).exists():
        raise CertificateError(
            _("Certificate %(serial)s was already replaced; reissue its replacement instead.")
            % {"serial": old.serial}
        )
    if old.status != C.REVOKED:
        old = revoke(certificate=old, by=by, reason=_("Replaced: %(reason)s") % {"reason": reason})
    enrollment = (
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("cycle__programme", "learner")
        .get(pk=old.enrollment_id)
    )
    return _create(enrollment, language=language or old.language, replaces=old)


def verify(*, code: str) -> Certificate | None:
    """The certificate with this verification code, whatever its status, or None."""
    code = normalise_code(code)
    if not code:
        return None
    return (
        Certificate.objects.select_related(
            "enrollment__learner", "enrollment__cycle__programme", "replaced_by"
        )
        .filter(code=code)
        .first()
    )


# --- Rendering -----------------------------------------------------------------------------


def verify_url(certificate: Certificate) -> str:
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    return base + reverse("certificates:verify_code", args=[certificate.code])


def content_for(certificate: Certificate):
    """What the PDF says, in the certificate's language: the facts stored on the
    certificate when it was created (name, titles, dates, modules), never today's."""
    from django.utils.formats import date_format
    from django.utils.translation import override

    from .rendering import CertificateContent

    language = certificate.language
    programme = certificate.enrollment.cycle.programme
    template = CertificateTemplate.objects.filter(programme=programme, language=language).first()
    title, body = (template.title, template.body) if template else DEFAULT_WORDING[language]
    name = certificate.printed_name
    # `snapshot` stores the dates on every certificate; the columns are nullable only for
    # rows older than them, hence the type: ignore below.
    with override(language):
        start = date_format(certificate.starts_on, "DATE_FORMAT")  # type: ignore[arg-type]
        end = date_format(certificate.ends_on, "DATE_FORMAT")  # type: ignore[arg-type]
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
        # The model's language choices are exactly rendering.Language.
        language=language,  # type: ignore[arg-type]
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
    from .rendering import render_pdf

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
        pdf = render_pdf(content_for(certificate))
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

            from .emails import CERTIFICATE_READY, ready_dedup_key

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


SAMPLE_NAMES = {"en": "H.E. Ms. Amina Diallo", "fr": "Hélène Côté-Lefèvre", "ar": "ليلى حداد"}


def preview_pdf(template: CertificateTemplate) -> bytes:
    """The template rendered for a sample learner, for the admin's preview."""
    from .rendering import CertificateContent, render_pdf

    today = timezone.localdate()
    language = template.language if template.language in DEFAULT_WORDING else "en"
    name = SAMPLE_NAMES[language]
    body = fill_placeholders(
        template.body,
        name=name,
        programme=template.programme.title,
        cycle=f"{template.programme.short_title} cycle",
        start=today.isoformat(),
        end=today.isoformat(),
    )
    return render_pdf(
        CertificateContent(
            language=language,  # type: ignore[arg-type]  # narrowed to DEFAULT_WORDING's keys above
            learner_name=name,
            programme_title=template.programme.title,
            cycle_title="Preview",
            cycle_code="PREVIEW",
            starts_on=today,
            ends_on=today,
            completed_items=["Module 1", "Module 2"],
            serial="PREVIEW-0000",
            verification_code="0000-0000-0000-0000-0000",
            verify_url=settings.PUBLIC_BASE_URL.rstrip("/") + "/verify/",
            issued_on=today,
            title=template.title,
            body=body,
            signatories=[(b.value["name"], b.value["title"], None) for b in template.signatories],
        )
    )
