from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class LmsConfig(AppConfig):
    # apps.py has two configs: without this Django would use a bare AppConfig for "lms".
    default = True
    name = "lms"
    verbose_name = _("PATIT LMS")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.urls import register_converter

        from .auth_backends import connect_signals
        from .converters import IdConverter
        from .csp import patch_wagtail_choosers

        register_converter(IdConverter, "id")  # <id:pk>: a bounded <int:pk> (converters.py)

        patch_wagtail_choosers()  # their init scripts carry the CSP nonce
        connect_signals()  # cached permissions are dropped when a permission table changes

        from .accounts import connect_signals as connect_account_signals

        connect_account_signals()  # a closed account's invitations lapse (accounts.py)
        from . import login_guard

        login_guard.connect_signals()  # wrong passwords counted per account (decision 0009)


class UsersAppConfig(WagtailUsersAppConfig):
    """wagtail.users, with a user viewset that edits the profile fields of our user model."""

    user_viewset = "lms.viewsets.UserViewSet"
