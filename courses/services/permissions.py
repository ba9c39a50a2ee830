"""Who may act: the services check the actor themselves, so that every entry point (page,
admin screen, command, task) is held to the same rule.

Permissions are Django's (held by the roles' groups, created by migration); an instructor's
right on one cycle is a django-guardian object permission (`courses.teach_cycle`).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.permissions import ADMINISTER_CYCLES, has_permission

from ..exceptions import NotAllowed

__all__ = ["can_teach", "has_permission", "require_permission"]


def require_permission(user, perm: str) -> None:
    """Refuse (NotAllowed, nothing written) unless `user` holds the model permission."""
    if not has_permission(user, perm):
        raise NotAllowed(_("Only an administrator may do this."))


def can_teach(user, cycle) -> bool:
    """An administrator, or an instructor assigned to this cycle."""
    return has_permission(user, ADMINISTER_CYCLES) or bool(
        user is not None and user.is_authenticated and user.has_perm("courses.teach_cycle", cycle)
    )
