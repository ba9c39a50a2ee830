from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class XapiConfig(AppConfig):
    name = "xapi"
    verbose_name = _("xAPI statements")

    def ready(self):
        # The outbox kind (every process that sends must know it) and the listeners on the
        # audit rows the services write.
        from . import lrs, receivers  # noqa: F401
