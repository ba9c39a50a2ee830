"""The one permission vocabulary (docs/architecture.md, "Who may do what"): every check asks
Django whether the person holds a permission, never which group they are in. Groups
(`core/roles.py`) only hold permissions, granted by migration.

`core` is the bottom layer, so the helper lives here; `courses.services.permissions` builds
its refusals on it.
"""

from __future__ import annotations

# Administering cycles (opening them, managing rosters and waitlists, overriding a rule with
# a reason) is what makes someone an administrator to the code: asked by this name, never
# spelt out, so that the meaning is written once.
ADMINISTER_CYCLES = "courses.change_cycle"

# Holding any of these makes an account worth taking over: their holders must confirm
# their sign-ins with a second factor when REQUIRE_ADMIN_2FA is on (accounts/two_factor.py).
SENSITIVE_PERMISSIONS = (
    "lms.change_user",
    "lms.erase_personal_data",
    "lms.export_personal_data",
    ADMINISTER_CYCLES,
    "certificates.change_certificate",
)


def has_permission(user, perm: str) -> bool:
    """An active, signed-in user holding `perm` (through a group, directly, or as superuser)."""
    return bool(
        user is not None and user.is_authenticated and user.is_active and user.has_perm(perm)
    )


def has_any_permission(user, perms) -> bool:
    return any(has_permission(user, perm) for perm in perms)
