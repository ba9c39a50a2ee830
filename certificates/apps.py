from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import languages

        from . import receivers  # noqa: F401 - connects the completion signal
        from .wording import wording_path

        # Every language of the site prints certificates: its wording file is a need.
        languages.register_need("certificate wording", wording_path)
