"""Password reset for every account (learners, instructors, administrators), through Django's
own views: the token logic, expiry (PASSWORD_RESET_TIMEOUT) and single use are Django's.

The reset form never tells whether an address has an account: a known and an unknown address
get the same redirect to the same page after the same work (an outbox row), and only a known,
active account gets an e-mail, sent by the outbox (`accounts/emails.py`). The link is bound to the
account's state (`accounts/tokens.py`): deactivating or erasing the account lapses it. The
reset does not sign anyone in (post_reset_login stays off), so the sign-in form, and the login
throttling in front of it, remains the only way in.
"""

import uuid

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse_lazy

from core.client_ip import over_limit

from . import tokens


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Writes the reset e-mail to the outbox instead of sending it (accounts/emails.py builds
    the link when it goes out). Known or unknown, active or not, the request does the same
    work: one lookup and one outbox row (naming nobody for an unknown address), never a
    mail server's round trip, so neither the answer nor its time tells who has an account.
    Also the Wagtail admin's reset form (WAGTAILADMIN_USER_PASSWORD_RESET_FORM)."""

    def save(self, *args, **kwargs):
        from outbox.services import enqueue

        from .emails import PASSWORD_RESET_EMAIL

        # Addresses are stored in lower case (accounts.models.UserManager): the unique index.
        email = self.cleaned_data["email"].strip().lower()
        user = get_user_model().objects.filter(email=email, is_active=True).first()
        with transaction.atomic():
            enqueue(
                kind=PASSWORD_RESET_EMAIL,
                payload={"user_id": user.pk if user is not None else None},
                dedup_key=f"password-reset:{uuid.uuid4().hex}",
            )


def _over_limit(request) -> bool:
    """At most PASSWORD_RESET_RATE_PER_MINUTE reset requests per minute from one address,
    whichever addresses they name: the form cannot be used to flood a mailbox or to probe
    many addresses quickly. The answer is the same whether the address is known or not."""
    return over_limit(
        request, scope="password_reset", per_minute=settings.PASSWORD_RESET_RATE_PER_MINUTE
    )


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    success_url = reverse_lazy("password_reset_done")

    def post(self, request, *args, **kwargs):
        if _over_limit(request):
            response = render(request, "registration/password_reset_limited.html", status=429)
            response["Retry-After"] = "60"
            return response
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    token_generator = tokens.password_reset_tokens  # bound to the account's state
    success_url = reverse_lazy("password_reset_complete")
    post_reset_login = False


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    pass
