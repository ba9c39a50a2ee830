"""Admin screens for people: personal data (export, erasure) and bulk import."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from core.permissions import has_permission

from . import importing_views, personal_data_views
from .personal_data import ERASE_ACTION


@hooks.register("register_admin_urls")
def register_personal_data_urls():
    return [
        path(
            "people/<int:user_id>/personal-data/",
            personal_data_views.PersonalDataView.as_view(),
            name="personal_data",
        ),
        path(
            "people/<int:user_id>/personal-data/export/",
            personal_data_views.export,
            name="personal_data_export",
        ),
        path("people/import/", importing_views.ImportView.as_view(), name="import_participants"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return has_permission(request.user, "lms.import_participants")


@hooks.register("register_admin_menu_item")
def import_participants_menu_item():
    return ImportMenuItem(
        _("Import participants"), reverse("import_participants"), icon_name="upload", order=610
    )


@hooks.register("register_user_listing_buttons")
def personal_data_button(user, request_user):
    if not (
        has_permission(request_user, "lms.export_personal_data")
        or has_permission(request_user, "lms.erase_personal_data")
    ):
        return []
    return [
        Button(
            _("Personal data"),
            reverse("personal_data", args=[user.pk]),
            icon_name="user",
            priority=90,
        )
    ]


@hooks.register("register_log_actions")
def register_erase_action(actions):
    actions.register_action(ERASE_ACTION, _("Erase personal data"), _("Personal data erased"))
