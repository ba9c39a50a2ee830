from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import TranslationReport


@hooks.register("register_admin_urls")
def register_translation_report_url():
    return [path("translations/", TranslationReport.as_view(), name="cms_translations")]


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return MenuItem(_("Translations"), reverse("cms_translations"), icon_name="globe", order=50)


@hooks.register("register_admin_viewset")
def register_content_translations():
    from .viewsets import ContentTranslationViewSet

    return ContentTranslationViewSet("content_translations")
