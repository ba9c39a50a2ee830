"""The staff member's two-factor pages: ask for an enrolment link by e-mail, open it, set up
an authenticator app (a QR code drawn on the server with segno, no JavaScript), enter a code
after signing in, turn it off."""

import base64
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import two_factor
from .two_factor import is_required_for, is_staff_member


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9 ]*"}
        ),
    )

    def clean_token(self):
        return self.cleaned_data["token"].replace(" ", "")


def _next_url(request) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _staff_only(request):
    if not is_staff_member(request.user):
        raise PermissionDenied


def _verify(device, token: str) -> bool:
    # verify_token throttles repeated failures (django-otp's ThrottlingMixin) and refuses a
    # code that was accepted before.
    return device.verify_token(token)


WRONG_CODE = gettext_lazy("That code is not right. Enter the code your app shows now.")


@login_required
def setup(request):
    _staff_only(request)
    user = request.user
    confirmed = list(devices_for_user(user, confirmed=True))
    if confirmed:
        return _manage(request, confirmed)

    # Only the device created by opening the e-mailed link, in this session.
    device = TOTPDevice.objects.filter(
        pk=request.session.get(two_factor.ENROLMENT_SESSION_KEY) or 0, user=user, confirmed=False
    ).first()
    if device is None:
        return _ask_for_link(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _verify(device, form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            request.session.pop(two_factor.ENROLMENT_SESSION_KEY, None)
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is on for your account."))
            return redirect(_next_url(request))
        form.add_error("token", WRONG_CODE)
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": qr.svg_inline(scale=4, dark="#000", light="#fff", title=_("QR code")),
            "secret": base64.b32encode(device.bin_key).decode(),
            "required": is_required_for(user),
            "next": _next_url(request),
        },
    )


def _ask_for_link(request):
    """No enrolment without the link e-mailed to the account's address: the password alone
    (which a thief may have) registers nothing."""
    minutes = settings.TWO_FACTOR_ENROLMENT_LINK_MINUTES
    if request.method == "POST" and request.POST.get("action") == "send_link":
        two_factor.request_enrolment_link(user=request.user)
        messages.success(
            request,
            _(
                "We have sent a link to %(email)s. Open it within %(minutes)s minutes, "
                "signed in as now, to set up your authenticator app."
            )
            % {"email": request.user.email, "minutes": minutes},
        )
        return redirect(f"{reverse('two_factor_setup')}?{urlencode({'next': _next_url(request)})}")
    return render(
        request,
        "accounts/two_factor_enrol.html",
        {"required": is_required_for(request.user), "next": _next_url(request), "minutes": minutes},
    )


@login_required
def enrol(request, token):
    """The e-mailed link: once, by its owner, within its minutes; then the setup page."""
    _staff_only(request)
    device = two_factor.open_enrolment(token=token, user=request.user)
    if device is None:
        return render(request, "accounts/two_factor_link_invalid.html", status=404)
    request.session[two_factor.ENROLMENT_SESSION_KEY] = device.pk
    return redirect("two_factor_setup")


def _manage(request, devices):
    """Two-factor authentication is on: it may be turned off with a current code, unless
    the account must have it."""
    user = request.user
    required = is_required_for(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST":
        if required:
            raise PermissionDenied
        if form.is_valid():
            if any(_verify(d, form.cleaned_data["token"]) for d in devices):
                with transaction.atomic():
                    TOTPDevice.objects.filter(user=user).delete()
                messages.success(request, _("Two-factor authentication is off for your account."))
                return redirect("two_factor_setup")
            form.add_error("token", WRONG_CODE)
    return render(request, "accounts/two_factor_manage.html", {"form": form, "required": required})


@login_required
def verify(request):
    _staff_only(request)
    devices = list(devices_for_user(request.user, confirmed=True))
    if not devices:
        return redirect(f"{reverse('two_factor_setup')}?next={_next_url(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in devices:
            if _verify(device, form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(_next_url(request))
        form.add_error("token", WRONG_CODE)
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )
