"""Two-factor authentication for staff (TOTP through django-otp).

Staff (anyone who may open the Wagtail admin) may add an authenticator app; once they have a
confirmed device, the admin asks for a code after each sign-in. With REQUIRE_ADMIN_2FA on
(production's default) an administrator without a confirmed device is sent to set one up
before any admin screen. Learners' pages are not gated: they hold nothing of anyone else.

django_otp.middleware.OTPMiddleware marks a session verified once a code was accepted
(`request.user.is_verified()`); the middleware below only decides where an unverified staff
member may go.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import devices_for_user

from .permissions import SENSITIVE_PERMISSIONS, has_any_permission


def is_staff_member(user) -> bool:
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def has_confirmed_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def is_required_for(user) -> bool:
    return bool(settings.REQUIRE_ADMIN_2FA) and has_any_permission(user, SENSITIVE_PERMISSIONS)


class RequireTwoFactorMiddleware:
    """Before any Wagtail admin screen: a code from staff who have a device; a device from
    administrators when REQUIRE_ADMIN_2FA is on. The admin's own sign-in, sign-out and
    password-reset pages stay open so that nobody is locked in a loop."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and request.path.startswith(reverse("wagtailadmin_home"))
            and not self._open(request.path)
            and not user.is_verified()
        ):
            query = urlencode({"next": request.get_full_path()}, safe="/")
            if has_confirmed_device(user):
                return redirect(f"{reverse('two_factor_verify')}?{query}")
            if is_required_for(user):
                return redirect(f"{reverse('two_factor_setup')}?{query}")
        return self.get_response(request)

    @staticmethod
    def _open(path: str) -> bool:
        open_paths = (
            reverse("wagtailadmin_login"),
            reverse("wagtailadmin_logout"),
            reverse("wagtailadmin_password_reset"),
        )
        return path.startswith(open_paths)
