"""Links bound to the state of the account they open (docs/decisions/0007-accounts.md).

Every link the project e-mails about an account (an invitation, a password reset, a
two-factor enrolment) is a keyed hash (HMAC with SECRET_KEY) of the account's state: its
id, whether it is active, its address, its password hash and its last sign-in. When any of
these changes (an administrator deactivates the account, the person is erased, the
password is set, the person signs in) every link made before stops working, without a row
to find and update. No token is stored anywhere: a database dump opens nothing, and an
outbox row (which keeps its payload) names the account, never the link; the e-mail builds
the link when it is sent.
"""

from __future__ import annotations

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare, salted_hmac


def account_state(user, *, sign_in: bool = True) -> str:
    """What every link depends on. Microseconds are dropped from the last sign-in because
    some databases do not keep them (as Django's password reset does). `sign_in=False`
    for a link opened by a signed-in person (signing in must not kill it)."""
    login = "" if user.last_login is None else user.last_login.replace(microsecond=0, tzinfo=None)
    state = f"{user.pk}|{user.is_active}|{user.email}|{user.password}"
    return f"{state}|{login}" if sign_in else state


def bound_token(purpose: str, user, *parts, sign_in: bool = True) -> str:
    """A token for one purpose (e.g. "invitation" and the invitation's id), valid while the
    account's state is what it is now."""
    value = "|".join([account_state(user, sign_in=sign_in), *(str(p) for p in parts)])
    return salted_hmac(f"lms.tokens.{purpose}", value, algorithm="sha256").hexdigest()


def check_bound_token(token: str, purpose: str, user, *parts, sign_in: bool = True) -> bool:
    expected = bound_token(purpose, user, *parts, sign_in=sign_in)
    return constant_time_compare(token or "", expected)


class AccountStateTokenGenerator(PasswordResetTokenGenerator):
    """Django's password-reset token (timestamped, PASSWORD_RESET_TIMEOUT), bound to the
    account's state, which Django's own leaves out whether the account is active: a link
    sent before an administrator closed the account stays dead."""

    key_salt = "lms.tokens.password_reset"

    def _make_hash_value(self, user, timestamp):
        return f"{account_state(user)}|{timestamp}"


password_reset_tokens = AccountStateTokenGenerator()
