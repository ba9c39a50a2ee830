from wagtail import hooks

from core.permissions import ADMINISTER_CYCLES

from .viewsets import EnrollmentAdminGroup


@hooks.register("register_admin_viewset")
def register_enrollment_admin():
    return EnrollmentAdminGroup()


@hooks.register("before_serve_page")
def gate_lesson_pages(page, request, serve_args, serve_kwargs):
    """Lesson content is for seated learners, module by module (docs/architecture.md,
    rule 3). Others see why and what to do next, with the module's outline, instead of a
    bare 403."""
    from django.template.response import TemplateResponse

    from cms.models import LessonPage
    from cms.translation import reading_version

    from .selectors import lesson_state

    if not isinstance(page, LessonPage):
        return None
    # The version the page will render (the reader's language, else English); its state
    # is the canonical lesson's, so the forms grade what was shown and count it once.
    shown = reading_version(page, request)
    state = lesson_state(user=request.user, lesson=shown)
    request.lesson_state = state
    if state.can_view:
        return None
    context = shown.get_context(request)
    context["lesson_state"] = state
    return TemplateResponse(request, "courses/lesson_locked.html", context, status=403)


@hooks.register("before_serve_document")
def gate_documents(document, request):
    """Documents follow the access rule of the pages that use them: a lesson's handout is
    for the learners who may read that lesson (see `may_download_document`)."""
    from django.contrib.auth.views import redirect_to_login
    from django.http import HttpResponseForbidden
    from django.utils.translation import gettext as _

    from .selectors import may_download_document

    if may_download_document(user=request.user, document=document):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return HttpResponseForbidden(
        _("This document belongs to a lesson you cannot open yet: see My learning.")
    )


@hooks.register("construct_homepage_panels")
def add_open_cycles_panel(request, panels):
    """Administrators see the open cycles' fill, waitlists and offers about to lapse."""
    if request.user.has_perm(ADMINISTER_CYCLES):
        from .admin_panels import OpenCyclesPanel

        panels.append(OpenCyclesPanel(request))
