from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = _("Outbox")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Each app declares the e-mails it sends in `<app>/emails.py`; the sender (web,
        # worker or command) must know every kind, so they are all imported here.
        autodiscover_modules("emails")
