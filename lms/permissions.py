from wagtail.permission_policies.base import ModelPermissionPolicy


class ServiceOnlyPermissionPolicy(ModelPermissionPolicy):
    """For admin lists of records that change only through services (enrollments,
    certificates): viewing follows the model permissions; the generic add, edit and delete
    screens are refused to everyone, superusers included."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)
