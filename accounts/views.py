from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from . import services
from .forms import ChangeRequestForm, ProfileForm
from .models import ProfileChangeRequest


@require_POST
def set_language(request):
    """Django's set_language, which also remembers the choice on a signed-in user's profile."""
    response = django_set_language(request)
    language = request.POST.get("language")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES):
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return response


@login_required
def profile(request):
    """Names and language are the learner's to change; rank and Member State are verified
    facts, changed by a request that an administrator decides."""
    user = request.user
    posted = request.method == "POST"
    is_request = posted and request.POST.get("form") == "change_request"
    form = ProfileForm(request.POST if posted and not is_request else None, instance=user)
    change_form = ChangeRequestForm(
        request.POST if is_request else None,
        initial={"rank": user.rank, "member_state": user.member_state},
    )
    if is_request and change_form.is_valid():
        try:
            services.request_profile_change(user=user, **change_form.cleaned_data)
        except services.ProfileError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your request has been sent to an administrator."))
            return redirect("profile")
    elif posted and not is_request and form.is_valid():
        form.save()
        # Say so in the language just chosen: the next page is served in it.
        translation.activate(user.preferred_language)
        messages.success(request, _("Your profile has been saved."))
        return redirect("profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "change_form": change_form,
            "pending": user.change_requests.filter(
                status=ProfileChangeRequest.Status.PENDING
            ).first(),
            "last_decided": user.change_requests.exclude(
                status=ProfileChangeRequest.Status.PENDING
            ).first(),
        },
    )


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout page (AXES_LOCKOUT_CALLABLE), for the site and the admin login:
    says what happened and how long to wait, with 429 Too Many Requests."""
    from axes.helpers import get_cool_off

    cool_off = get_cool_off(request)
    account_until = getattr(request, "account_locked_until", None)  # accounts/login_guard.py
    if account_until is not None:
        cool_off = account_until - timezone.now()
    wait = timeuntil(timezone.now() + cool_off) if cool_off else ""
    response = render(
        request,
        "registration/locked_out.html",
        {"wait": wait, "account_locked": account_until is not None},
        status=429,
    )
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


def invitation(request, token):
    """A new participant sets their password through a single-use, expiring link, then is
    signed in. An unknown, used or lapsed link says so (404), never whose it was."""
    from . import invitations

    found = invitations.open_invitation(token)
    if found is None:
        return render(request, "accounts/invitation.html", {"form": None}, status=404)
    form = SetPasswordForm(found.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = invitations.accept(token=token, form=form)
        if user is None:
            return render(request, "accounts/invitation.html", {"form": None}, status=404)
        login(request, user, backend="accounts.auth_backends.CachedPermissionsBackend")
        messages.success(request, _("Your password is set; welcome to PATIT."))
        return redirect("courses:my_learning")
    return render(request, "accounts/invitation.html", {"form": form})


@require_POST
def admin_logout(request):
    """Wagtail's sign-out, for POST only (its menu posts a form): a GET answers 405 and
    leaves the session and its cookie alone."""
    from wagtail.admin.views.account import LogoutView

    return LogoutView.as_view()(request)
