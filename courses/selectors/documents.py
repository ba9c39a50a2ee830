"""Who may download a Wagtail document: documents follow the access rule of the pages that
use them (found through Wagtail's reference index), so a handout attached to a lesson is
for the learners who may read that lesson."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex

from .lessons import lesson_state


def may_download_document(*, user, document) -> bool:
    """Editors and administrators: always. Anyone else: when a live page uses the document
    and they may read that page (a lesson: seated in a running cycle of its programme and
    the lesson open to them; a programme or module page: everyone). A document that no live
    page uses is for editors only."""
    from cms.models import LessonPage

    if user.is_authenticated and user.has_perm("wagtailadmin.access_admin"):
        return True
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = {
        int(pk)
        for pk in ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    }
    for page in Page.objects.live().filter(pk__in=page_ids).specific():
        if not isinstance(page, LessonPage):
            return True
        if user.is_authenticated and lesson_state(user=user, lesson=page).can_view:
            return True
    return False
