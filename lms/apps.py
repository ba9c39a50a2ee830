from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("PATIT LMS")
    default_auto_field = "django.db.models.BigAutoField"


class UsersAppConfig(WagtailUsersAppConfig):
    """wagtail.users, with a user viewset that edits the profile fields of our user model."""

    user_viewset = "lms.viewsets.UserViewSet"
