from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeminarsConfig(AppConfig):
    name = "seminars"
    verbose_name = _("Seminar sessions, calendars and announcements")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Sessions chosen, changed and attended appear on the cycle's history page, and an
        # instructor's site history shows only their own cycles' sessions (decision 0009).
        from courses.history import CYCLE_SCOPED_LOGS, HISTORY_SOURCES

        from .models import SeminarSession
        from .selectors import session_history

        if session_history not in HISTORY_SOURCES:
            HISTORY_SOURCES.append(session_history)
        if (SeminarSession, "cycle") not in CYCLE_SCOPED_LOGS:
            CYCLE_SCOPED_LOGS.append((SeminarSession, "cycle"))
