from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Cycles and enrollments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # A copied cycle's priority window is one of `apply`'s checks, run under the cycle
        # lock like the missions' quotas.
        from .services import APPLICATION_CHECKS
        from .services.priority import check_priority_window

        if check_priority_window not in APPLICATION_CHECKS:
            APPLICATION_CHECKS.insert(0, check_priority_window)

        # An instructor's site history shows only their own cycles (decision 0009).
        from .history import scope_site_history

        scope_site_history()

        # A programme's own moderation workflow, made with its page; instructors' page
        # rights and the workflow reach its translations made later.
        from django.db.models.signals import post_save

        from cms.models import ProgrammePage

        from .services.page_rights import cover_new_programme

        post_save.connect(
            cover_new_programme, sender=ProgrammePage, dispatch_uid="courses.page_rights"
        )
