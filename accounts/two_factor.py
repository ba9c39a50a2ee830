"""Two-factor authentication for staff (TOTP through django-otp).

Staff (anyone who may open the Wagtail admin) may add an authenticator app; once they have a
confirmed device, the admin asks for a code after each sign-in. With REQUIRE_ADMIN_2FA on
(production's default) an administrator without a confirmed device is sent to set one up
before any admin screen. Learners' pages are not gated: they hold nothing of anyone else.

django_otp.middleware.OTPMiddleware marks a session verified once a code was accepted
(`request.user.is_verified()`); the middleware below only decides where an unverified staff
member may go.

The first enrolment needs a one-time link e-mailed to the staff member (through the outbox):
a password alone, which a thief may have, cannot register an authenticator. The link is
signed, lapses after TWO_FACTOR_ENROLMENT_LINK_MINUTES, and is bound to the account's state
and its devices (`accounts/tokens.py`): opening it creates the device to confirm, which kills it
(docs/decisions/0007-accounts.md).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django_otp import devices_for_user

from core.permissions import SENSITIVE_PERMISSIONS, has_any_permission

from . import tokens

ENROLMENT_SALT = "lms.two_factor.enrolment"
ENROLMENT_SESSION_KEY = "lms_two_factor_enrolment_device"


def is_staff_member(user) -> bool:
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def has_confirmed_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def is_required_for(user) -> bool:
    return bool(settings.REQUIRE_ADMIN_2FA) and has_any_permission(user, SENSITIVE_PERMISSIONS)


class RequireTwoFactorMiddleware:
    """A code from staff who have a device; a device from administrators when
    REQUIRE_ADMIN_2FA is on. Until then such a session reaches nothing a visitor could not
    (tests/test_access_matrix.py): every page but the sign-in, sign-out, password-reset,
    invitation and two-factor pages sends to the code or enrolment page, so that a stolen
    password opens neither the admin nor the person's own pages."""

    OPEN_NAMES = (
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_password_reset",
        "login",
        "logout",
        "password_reset",
        "set_language",
        "healthz",
        "healthz_services",  # for monitors; it names no address
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not self._open(request.path)
            and not user.is_verified()
            and is_staff_member(user)
        ):
            query = urlencode({"next": request.get_full_path()}, safe="/")
            if has_confirmed_device(user):
                return redirect(f"{reverse('two_factor_verify')}?{query}")
            if is_required_for(user):
                return redirect(f"{reverse('two_factor_setup')}?{query}")
        return self.get_response(request)

    @classmethod
    def _open(cls, path: str) -> bool:
        open_paths = (
            *(reverse(name) for name in cls.OPEN_NAMES),
            reverse("two_factor_setup"),  # and the code and enrolment-link pages below it
            reverse("password_reset_complete").removesuffix("done/"),  # the reset link's pages
            reverse("invitation", args=["x"]).removesuffix("x/"),
            settings.STATIC_URL,
        )
        return path.startswith(open_paths)


def _totp_devices(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user)


def _enrolment_state(user) -> str:
    ids = _totp_devices(user).order_by("pk").values_list("pk", flat=True)
    devices = ",".join(str(pk) for pk in ids)
    return tokens.bound_token("two_factor_enrolment", user, devices, sign_in=False)


def enrolment_url(user) -> str:
    """A fresh link (the e-mail builds it when it is sent): valid for the configured minutes
    from now, while the account and its devices stay as they are."""
    token = signing.dumps({"u": user.pk, "s": _enrolment_state(user)}, salt=ENROLMENT_SALT)
    return settings.PUBLIC_BASE_URL + reverse("two_factor_enrol", args=[token])


@transaction.atomic
def request_enrolment_link(*, user, now=None) -> None:
    """E-mail the staff member an enrolment link (an outbox row). One e-mail per five
    minutes at most, however often the button is pressed."""
    from outbox.services import enqueue

    from .emails import TWO_FACTOR_ENROLMENT_EMAIL

    now = now or timezone.now()
    window = int(now.timestamp()) // 300
    enqueue(
        kind=TWO_FACTOR_ENROLMENT_EMAIL,
        payload={"user_id": user.pk},
        dedup_key=f"two-factor-enrolment:{user.pk}:{window}",
    )


@transaction.atomic
def open_enrolment(*, token: str, user):
    """The unconfirmed device this link lets `user` confirm, or None when the link is not
    theirs, expired, or was used (any device created since changes the state it is bound
    to, this one included)."""
    try:
        data = signing.loads(
            token, salt=ENROLMENT_SALT, max_age=settings.TWO_FACTOR_ENROLMENT_LINK_MINUTES * 60
        )
    except signing.BadSignature:  # SignatureExpired included
        return None
    if not isinstance(data, dict) or data.get("u") != user.pk:
        return None
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if not user.is_active or not constant_time_compare(
        str(data.get("s", "")), _enrolment_state(user)
    ):
        return None
    from django_otp.plugins.otp_totp.models import TOTPDevice

    _totp_devices(user).filter(confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="default", confirmed=False)
