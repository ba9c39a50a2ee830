"""Modules to read offline: who may download one, and what its PDF holds.

A learner studying the programme (seated in a running cycle, or having completed one) may
download a module that is open to them; a locked module's lessons stay locked on paper too.
Instructors and administrators (who preview every lesson) may download any module. The PDF
holds the module's live lessons, each in the reader's language where a translation is
published (English otherwise), with the knowledge checks' questions but not their answers.
"""

from __future__ import annotations

from pathlib import Path

from cms.models import ModulePage
from cms.translation import canonical, live_translations
from courses.selectors import progress_for, study_enrollment

from . import module_pdf


def may_download(*, user, module: ModulePage) -> bool:
    if not user.is_authenticated:
        return False
    if user.has_perm("wagtailadmin.access_admin"):
        return True
    module = canonical(module)
    enrollment = study_enrollment(learner=user, programme_id=module.get_parent().pk)
    if enrollment is None:
        return False
    part = next(
        (p for p in progress_for(enrollment=enrollment).all_parts if p.id == module.pk), None
    )
    return part is not None and part.is_open


def _image_uri(block) -> str | None:
    # A rendition that fits the page, read from MEDIA_ROOT by the local-only fetcher.
    try:
        return Path(block.value["image"].get_rendition("width-800").file.path).as_uri()
    except (AttributeError, NotImplementedError, OSError, ValueError):
        return None


def module_pdf_bytes(*, module: ModulePage, language: str) -> bytes:
    """The module's live lessons as one PDF in `language` (English where not translated)."""
    module = canonical(module)
    programme, shown = live_translations([module.get_parent().specific, module], language)
    lessons = live_translations(module.lessons(), language)
    for lesson in lessons:
        for block in lesson.body:
            if block.block_type == "image":
                block.file_uri = _image_uri(block)
    return module_pdf.render_pdf(
        language=language,
        programme=programme,
        module=shown,
        lessons=lessons,
        label=shown.label(),
    )


def filename(module: ModulePage) -> str:
    module = canonical(module)
    return f"{module.get_parent().specific.short_title}-{module.slug}.pdf".lower()
