from wagtail.admin.ui.tables import Column
from wagtail.permission_policies.base import ModelPermissionPolicy

from lms.dates import format_date, format_datetime


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
        self.with_time = with_time

    def get_value(self, instance):
        value = super().get_value(instance)
        if value is None:
            return ""
        return format_datetime(value) if self.with_time else format_date(value)
