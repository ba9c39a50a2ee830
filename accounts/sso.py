"""Single sign-on for staff through OpenID Connect (mozilla-django-oidc; decision 0015,
docs/sso.md). Off while OIDC_RP_CLIENT_ID is empty.

- Who may sign in: the identity provider must have verified the e-mail address. An
  existing account with that address is signed in if it is staff (may open the admin) or
  its domain is one an administrator allowed (OIDC_ALLOWED_DOMAINS). An unknown address
  gets an account (with no role) only in an allowed domain. Learners keep their e-mail
  and password: a learner's account is never signed in through the provider.
- Two factors: when the ID token's `amr` or `acr` says the person used a second factor
  (OIDC_MFA_AMR, OIDC_MFA_ACR), the session counts as verified for django-otp; otherwise
  staff are asked for their code here as after a password (accounts/two_factor.py).
- The local sign-in forms keep django-axes' throttling: this backend takes no password.
"""

from __future__ import annotations

import logging

import requests
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.utils.translation import gettext as _
from django.views import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from .models import User
from .two_factor import is_staff_member

logger = logging.getLogger(__name__)

MFA_SESSION_KEY = "sso_second_factor"
# After the sign-in, the session is served by the project's usual backend (cached
# permissions), as after a password.
SESSION_BACKEND = "accounts.auth_backends.CachedPermissionsBackend"


def enabled() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID)


class SignInRefused(Exception):
    """Why the provider's answer signs nobody in here, in words for the person."""


def _verified(claims: dict) -> bool:
    return claims.get("email_verified") in (True, "true", "True")


def second_factor_claimed(claims: dict) -> bool:
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    return bool(set(amr) & set(settings.OIDC_MFA_AMR)) or (
        claims.get("acr") in set(settings.OIDC_MFA_ACR)
    )


def account_for(claims: dict) -> User:
    """The account these verified claims sign in, created only in an allowed domain."""
    email = (claims.get("email") or "").strip().lower()
    if not email or "@" not in email or not _verified(claims):
        raise SignInRefused(
            _("The identity provider did not confirm your e-mail address; nobody was signed in.")
        )
    domain = email.rpartition("@")[2]
    allowed = domain in {d.strip().lower() for d in settings.OIDC_ALLOWED_DOMAINS}
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        if not user.is_active:
            raise SignInRefused(_("This account is disabled; ask an administrator."))
        if not (allowed or is_staff_member(user)):
            raise SignInRefused(
                _(
                    "Single sign-on is for staff. Sign in with your e-mail address and "
                    "password below."
                )
            )
        return user
    if not allowed:
        raise SignInRefused(
            _(
                "No account here uses %(email)s, and single sign-on creates accounts only "
                "for the domains an administrator allowed. Ask an administrator."
            )
            % {"email": email}
        )
    return User.objects.create_user(
        email=email,
        first_name=str(claims.get("given_name") or "")[:150],
        last_name=str(claims.get("family_name") or "")[:150],
    )


class StaffOIDCBackend(OIDCAuthenticationBackend):
    """Signs staff in from the provider's verified claims (see the module's docstring)."""

    def __init__(self, *args, **kwargs):
        if enabled():  # the parent reads (and requires) the endpoints
            super().__init__(*args, **kwargs)

    def authenticate(self, request, **kwargs):
        if not enabled() or request is None or "code" not in request.GET:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except requests.RequestException as error:
            # The provider is down or slow: nobody is signed in, and the callback says so on
            # the sign-in page (login_failure) instead of a 500; passwords still work.
            logger.warning("Single sign-on: the identity provider did not answer (%s)", error)
            return None

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        issuer = settings.OIDC_OP_ISSUER
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("The ID token comes from another issuer.")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        claims = {**payload, **self.get_userinfo(access_token, id_token, payload)}
        try:
            user = account_for(claims)
        except SignInRefused as refusal:
            self.request.sso_refusal = str(refusal)
            return None
        # amr and acr are the ID token's, signed by the provider.
        user.sso_second_factor = second_factor_claimed(payload)
        return user

    # Permissions come from the project's backends; this one only authenticates.
    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False


class _OnlyWhenEnabled(View):
    def __init__(self, *args, **kwargs):
        if enabled():
            super().__init__(*args, **kwargs)
        else:
            View.__init__(self, *args, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        if not enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class SignInView(_OnlyWhenEnabled, OIDCAuthenticationRequestView):
    """Sends the person to the identity provider."""


class CallbackView(_OnlyWhenEnabled, OIDCAuthenticationCallbackView):
    """The provider's answer: signs in, or says why not on the sign-in page."""

    def login_success(self):
        self.user.backend = SESSION_BACKEND
        response = super().login_success()
        self.request.session[MFA_SESSION_KEY] = bool(getattr(self.user, "sso_second_factor", False))
        return response

    def login_failure(self):
        messages.error(
            self.request,
            getattr(self.request, "sso_refusal", "")
            or _("Single sign-on did not succeed; nobody was signed in. Try again."),
        )
        return super().login_failure()


class SecondFactorFromProviderMiddleware:
    """After django-otp's middleware: a session whose provider vouched for a second factor
    is verified, so staff are not asked for a code again (accounts/two_factor.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.session.get(MFA_SESSION_KEY) and request.user.is_authenticated:
            request.user.is_verified = lambda: True
        return self.get_response(request)
