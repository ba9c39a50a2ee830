from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    # apps.py has two configs: without this Django would use a bare AppConfig for "accounts".
    default = True
    name = "accounts"
    # The label the app had when it was `lms` (decision 0019): AUTH_USER_MODEL ("lms.User"),
    # the tables (lms_user...), the migrations other apps depend on and the permission
    # codenames ("lms.erase_personal_data") all carry it, in code and in every database.
    label = "lms"
    verbose_name = _("PATIT LMS")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .auth_backends import connect_signals

        connect_signals()  # cached permissions are dropped when a permission table changes

        from .closed import connect_signals as connect_account_signals

        connect_account_signals()  # a closed account's invitations lapse (closed.py)
        from . import login_guard

        login_guard.connect_signals()  # wrong passwords counted per account (decision 0009)


class UsersAppConfig(WagtailUsersAppConfig):
    """wagtail.users, with a user viewset that edits the profile fields of our user model."""

    user_viewset = "accounts.viewsets.UserViewSet"
