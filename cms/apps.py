from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Curriculum")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate, post_save
        from wagtail.models import Locale

        from .generation import connect_signals

        post_save.connect(_locale_saved, sender=Locale, dispatch_uid="cms_locale_roots")
        post_migrate.connect(_ensure_locales, sender=self, dispatch_uid="cms_content_locales")
        connect_signals()  # cached outlines are recomputed when a page changes


def _locale_saved(sender, instance, created, raw=False, **kwargs):
    # A language added in Settings > Locales gets its translation root at once.
    if created and not raw:
        from wagtail.models import Locale

        from .builders import ensure_locale_roots
        from .models import HomePage

        for home in HomePage.objects.filter(depth=2, locale=Locale.get_default()):
            ensure_locale_roots(home)


def _ensure_locales(sender, using="default", **kwargs):
    """A content locale for every language of settings.WAGTAIL_CONTENT_LANGUAGES, after each
    migrate (and test database flush): a language added in settings gets its locale without
    a migration of its own (decision 0010)."""
    from django.conf import settings
    from wagtail.models import Locale

    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.using(using).get_or_create(language_code=code)
