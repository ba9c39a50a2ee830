from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MissionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "missions"
    verbose_name = _("Missions")

    def ready(self):
        # The per-mission quota runs inside `courses.services.apply`, under the cycle lock;
        # courses offers the hook so that it never imports this app.
        from courses.services import APPLICATION_CHECKS

        from .quotas import check_mission_quota

        if check_mission_quota not in APPLICATION_CHECKS:
            APPLICATION_CHECKS.append(check_mission_quota)
