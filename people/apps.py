from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """People across the apps: personal data (export, erasure, retention) and bulk import.
    It sits above `accounts`, `courses` and `certificates`, since it reads and writes all three."""

    name = "people"
    verbose_name = _("People")
    default_auto_field = "django.db.models.BigAutoField"
