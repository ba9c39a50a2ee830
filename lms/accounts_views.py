"""Password reset for every account (learners, instructors, administrators), through Django's
own views: the token logic, expiry (PASSWORD_RESET_TIMEOUT) and single use are Django's.

The reset form never tells whether an address has an account: a known and an unknown address
get the same redirect to the same page, and only a known, active account gets an e-mail. The
reset does not sign anyone in (post_reset_login stays off), so the sign-in form, and the login
throttling in front of it, remains the only way in.
"""

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone, translation

from .client_ip import client_ip


class PasswordResetForm(auth_forms.PasswordResetForm):
    def get_users(self, email):
        # Addresses are stored in lower case (lms.models.UserManager); Django's form compares
        # case-insensitively already, this keeps the lookup on the unique index.
        return super().get_users(email.strip().lower())

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        # The e-mail goes out in the account holder's language, not the requester's.
        with translation.override(context["user"].preferred_language):
            super().send_mail(
                subject_template_name,
                email_template_name,
                context,
                from_email,
                to_email,
                html_email_template_name,
            )


def _over_limit(request) -> bool:
    """At most PASSWORD_RESET_RATE_PER_MINUTE reset requests per minute from one address,
    whichever addresses they name: the form cannot be used to flood a mailbox or to probe
    many addresses quickly. The answer is the same whether the address is known or not."""
    window = timezone.now().strftime("%Y%m%d%H%M")
    key = f"ratelimit:password_reset:{client_ip(request) or 'unknown'}:{window}"
    cache.add(key, 0, timeout=70)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        count = 1
    return count > settings.PASSWORD_RESET_RATE_PER_MINUTE


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    subject_template_name = "registration/password_reset_subject.txt"
    email_template_name = "registration/password_reset_email.txt"
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
    success_url = reverse_lazy("password_reset_complete")
    post_reset_login = False


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    pass
