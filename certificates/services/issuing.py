"""Issuing, revoking, reissuing and verifying certificates (docs/architecture.md, rule 4).

`issue` creates the one `pending` certificate of a completed enrollment (a database
constraint allows one live certificate per enrollment) and queues its render after commit
(`render_jobs.py`). What a certificate prints is read once, by `snapshot`, and stored on it.
"""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms import content_names
from cms.translation import live_translations
from core import languages
from core.permissions import has_permission
from core.stored_text import english
from courses.models import Enrollment
from courses.selectors import progress_for
from courses.services.locks import lock_enrollment
from courses.services.transitions import require_reason

from ..exceptions import CertificateError
from ..models import Certificate, normalise_code
from ..wording import seminar_label, wording
from .render_jobs import C, queue_render


def _language_for(enrollment: Enrollment) -> str:
    """The learner's language, which must have its certificate wording (LanguageMissing
    otherwise: never an English certificate in its place)."""
    code = languages.get(enrollment.learner.preferred_language or settings.LANGUAGE_CODE).code
    wording(code)  # raises LanguageMissing for a language without its wording file
    return code


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
        # The programme's own seminar, by its title in `language` (never another's).
        items.append(seminar_label(language, _in_language([progress.seminar], language)[0].title))
    return {
        "printed_name": name,
        "printed_name_latin": "" if main == name else main,
        # Names of the published translation in the certificate's language, else English
        # (decision 0016: the one selector of content names).
        "programme_title": content_names.programme_title(cycle.programme, language),
        "cycle_title": content_names.cycle_title(cycle, language),
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
    enrollment = lock_enrollment(enrollment.pk)
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
    return require_reason(
        reason,
        refusal=CertificateError,
        why=_("Give a reason: it is shown on the verification page."),
    )


def _require_administrator(by) -> None:
    if not has_permission(by, "certificates.change_certificate"):
        raise CertificateError(_("Only an administrator may revoke or reissue a certificate."))


@transaction.atomic
def revoke(*, certificate: Certificate, reason: str, by) -> Certificate:
    """Revoke a certificate with a reason; its verification page says so from now on, and
    nothing issues the enrollment a new one but an explicit `reissue`. The learner gets an
    e-mail in their language with the reason (outbox, same transaction)."""
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
    # The learner is told, through the outbox: the row commits with the revocation.
    from outbox.services import enqueue

    from ..emails import CERTIFICATE_REVOKED, revoked_dedup_key

    enqueue(
        kind=CERTIFICATE_REVOKED,
        payload={"certificate_id": certificate.pk},
        dedup_key=revoked_dedup_key(certificate.pk),
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
        old = revoke(certificate=old, by=by, reason=english("Replaced: %(reason)s", reason=reason))
    enrollment = lock_enrollment(old.enrollment_id)
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
