from django.utils import formats, timezone
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies.base import ModelPermissionPolicy


class ServiceOnlyPermissionPolicy(ModelPermissionPolicy):
    """For admin lists of records that change only through services (enrollments,
    certificates): viewing follows the model permissions; the generic add, edit and delete
    screens are refused to everyone, superusers included."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)


class LocalDateColumn(Column):
    """A date or time shown as a date (Wagtail's DateColumn shows "3 days ago", which reads
    "Just now" for a date still to come, such as a cycle's start or an offer's deadline)."""

    def __init__(self, name, *, with_time=False, **kwargs):
        super().__init__(name, **kwargs)
        self.format = "DATETIME_FORMAT" if with_time else "DATE_FORMAT"

    def get_value(self, instance):
        value = super().get_value(instance)
        if value is None:
            return ""
        if hasattr(value, "tzinfo"):
            value = timezone.localtime(value)
        return formats.date_format(value, self.format)
