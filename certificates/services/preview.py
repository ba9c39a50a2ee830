"""A template's PDF preview for the admin, printed for a sample learner."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from ..models import CertificateTemplate
from ..templating import fill_placeholders
from ..wording import DEFAULT_WORDING

SAMPLE_NAMES = {"en": "H.E. Ms. Amina Diallo", "fr": "Hélène Côté-Lefèvre", "ar": "ليلى حداد"}


def preview_pdf(template: CertificateTemplate) -> bytes:
    """The template rendered for a sample learner, for the admin's preview."""
    from ..rendering import CertificateContent, render_pdf

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
