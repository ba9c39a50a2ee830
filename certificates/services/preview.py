"""A template's PDF preview for the admin, printed for a sample learner."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from core.dates import format_date

from ..models import CertificateTemplate
from ..templating import fill_placeholders
from ..wording import sample_name


def preview_pdf(template: CertificateTemplate) -> bytes:
    """The template rendered for a sample learner, for the admin's preview."""
    from ..rendering import CertificateContent, render_pdf

    today = timezone.localdate()
    language = template.language
    name = sample_name(language)  # LanguageMissing for a language without its wording
    body = fill_placeholders(
        template.body,
        name=name,
        programme=template.programme.title,
        cycle=f"{template.programme.short_title} cycle",
        start=format_date(today, language),
        end=format_date(today, language),
    )
    return render_pdf(
        CertificateContent(
            language=language,
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
