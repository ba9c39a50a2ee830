"""Django's model permissions, read from the shared cache instead of two queries a request.

Every page for a signed-in user asks a permission (the header's "Admin" and "Your mission"
links, the lesson gate's preview for staff), and Django's `ModelBackend` answers with two
queries (the user's own permissions, then its groups'). Permissions change rarely and only
through a few tables, so each user's set is cached under one generation for everyone
(`core/generations.py`), increased by any change to those tables.

The key also holds what makes a user's set differ without a table changing: its superuser
flag (a superuser has every permission) and its creation time (a database rebuilt from
scratch reuses ids). Inactive users have no permission at all, as in Django. Rows of the
auto-created link tables written as a queryset send no signal (Django's rule for
auto-created models): such a change is seen when `migrate` ends, or within the timeout.
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from core.generations import Generation

PERMISSIONS = Generation("permissions", timeout=300)

# The tables whose rows decide a user's model permissions.
PERMISSION_TABLES = {
    "auth_group",
    "auth_group_permissions",
    "auth_permission",
    "lms_user_groups",
    "lms_user_user_permissions",
    # django-guardian's object permissions (an instructor's right on a cycle).
    "guardian_groupobjectpermission",
    "guardian_userobjectpermission",
}


def user_key(user) -> str:
    """What a user's cached permission answers are keyed by."""
    joined = user.date_joined.timestamp() if user.date_joined else 0
    return f"{user.pk}:{int(user.is_superuser)}:{joined:.6f}"


class CachedPermissionsBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            found = PERMISSIONS.cached(
                user_key(user_obj),
                lambda: frozenset(
                    super(CachedPermissionsBackend, self).get_all_permissions(user_obj)
                ),
            )
            user_obj._perm_cache = set(found)
        return user_obj._perm_cache


def _on_change(sender, **kwargs) -> None:
    # By table name, so historical models in migrations (other classes, same tables) count.
    if sender._meta.db_table in PERMISSION_TABLES:
        PERMISSIONS.bump()


def connect_signals() -> None:
    for signal in (m2m_changed, post_save, post_delete):
        signal.connect(_on_change, dispatch_uid=f"core.permissions.{id(signal)}")
    post_migrate.connect(PERMISSIONS.bump, dispatch_uid="core.permissions.migrate")
