from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivateFilesConfig(AppConfig):
    name = "private_files"
    verbose_name = _("Private files")
    default_auto_field = "django.db.models.BigAutoField"
