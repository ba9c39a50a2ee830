from wagtail import hooks

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

    from .selectors import lesson_state

    if not isinstance(page, LessonPage):
        return None
    state = lesson_state(user=request.user, lesson=page)
    request.lesson_state = state
    if state.can_view:
        return None
    context = page.get_context(request)
    context["lesson_state"] = state
    return TemplateResponse(request, "courses/lesson_locked.html", context, status=403)
