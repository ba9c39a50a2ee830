"""Login throttling per account, across addresses (decision 0009).

django-axes locks an (account, address) pair after AXES_FAILURE_LIMIT wrong passwords, so
that a stranger cannot lock a diplomat out from everywhere, and a mission's shared address
does not lock out all its diplomats. Alone, it let guesses spread over many addresses go on
for ever. Beside it, `AccountThrottleBackend` counts every wrong password given for an
account from any address: at ACCOUNT_FAILURE_LIMIT the account is locked for
ACCOUNT_LOCK_BASE, and each further round of as many wrong passwords doubles the delay (up
to ACCOUNT_LOCK_MAX). Attempts refused while locked test no password and are not counted,
so they do not lengthen the lock. The owner gets back in at once with the password-reset
link (a new password lifts the lock: the link proves the mailbox), or after the delay.
Mistakes older than ACCOUNT_FAILURE_MEMORY are forgotten; a successful sign-in forgets all.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from core.client_ip import axes_username

from .models import AccountThrottle

_CHECKED = "_account_guard_checked"  # set on a request whose password is being tested


def _fingerprint(username: str) -> str:
    password = (
        get_user_model().objects.filter(email=username).values_list("password", flat=True).first()
    )
    return salted_hmac("lms.login_guard", password or "").hexdigest()


def locked_until(username: str, now=None):
    """When the lock on this e-mail lifts, or None when it may sign in."""
    now = now or timezone.now()
    throttle = AccountThrottle.objects.filter(username=username, locked_until__gt=now).first()
    if throttle is None:
        return None
    if throttle.password_fingerprint != _fingerprint(username):
        throttle.delete()  # a new password since the lock: the owner reset it
        return None
    return throttle.locked_until


class AccountThrottleBackend:
    """Listed after axes' backend, before the ones that check the password: refuses an
    attempt on a locked account, and marks the others as tested (counted if they fail)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        name = axes_username(request, {"username": username})
        until = locked_until(name)
        if until is not None:
            request.account_locked_until = until
            request.axes_locked_out = True  # AxesMiddleware answers with the lockout page
            raise PermissionDenied
        setattr(request, _CHECKED, True)
        # No get_user(): it never signs anyone in, and Django's test client and login()
        # pick the first backend that has one for the session.
        return None


def record_failure(sender, credentials, request=None, **kwargs):
    """A wrong password for an account not locked: count it, and lock at each multiple of
    the limit for a delay that doubles with each round."""
    if request is None or not getattr(request, _CHECKED, False):
        return
    name = axes_username(request, credentials)
    if not name:
        return
    now = timezone.now()
    with transaction.atomic():
        throttle, _created = AccountThrottle.objects.select_for_update().get_or_create(
            username=name, defaults={"last_failure_at": now}
        )
        if now - throttle.last_failure_at > settings.ACCOUNT_FAILURE_MEMORY:
            throttle.failures = 0
        throttle.failures += 1
        throttle.last_failure_at = now
        limit = settings.ACCOUNT_FAILURE_LIMIT
        if throttle.failures % limit == 0:
            rounds = throttle.failures // limit
            delay = min(settings.ACCOUNT_LOCK_BASE * 2 ** (rounds - 1), settings.ACCOUNT_LOCK_MAX)
            throttle.locked_until = now + delay
            throttle.password_fingerprint = _fingerprint(name)
        throttle.save()


def forget_on_success(sender, request, user, **kwargs):
    AccountThrottle.objects.filter(username=user.email.lower()).delete()


def connect_signals() -> None:
    user_login_failed.connect(record_failure, dispatch_uid="accounts.login_guard.failure")
    user_logged_in.connect(forget_on_success, dispatch_uid="accounts.login_guard.success")
