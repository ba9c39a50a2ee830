"""Account settings (`base.py` imports this module): links bound to the account's state,
account e-mails through the outbox (docs/decisions/0007) and login throttling per account
across addresses (docs/decisions/0009)."""

from datetime import timedelta

import environ

env = environ.Env()

# Accounts (docs/decisions/0007-accounts.md): every account e-mail goes through the outbox,
# the Wagtail admin's password-reset form included; a staff member's first two-factor
# enrolment needs a one-time link e-mailed to them, valid this many minutes.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "accounts.password_reset.PasswordResetForm"  # noqa: S105
TWO_FACTOR_ENROLMENT_LINK_MINUTES = env.int("TWO_FACTOR_ENROLMENT_LINK_MINUTES", default=60)
# An administrator creates an account without choosing its password: the person is invited
# to choose it (accounts/wagtail_hooks.py), so nobody else ever knows it.
WAGTAILUSERS_PASSWORD_REQUIRED = False

# Login throttling per account across addresses (accounts/login_guard.py, decision 0009): after
# ACCOUNT_FAILURE_LIMIT wrong passwords from any addresses the account is locked for
# ACCOUNT_LOCK_BASE, doubled at each further round up to ACCOUNT_LOCK_MAX; the password-reset
# link lifts it at once. Mistakes older than ACCOUNT_FAILURE_MEMORY are forgotten.
ACCOUNT_FAILURE_LIMIT = env.int("ACCOUNT_FAILURE_LIMIT", default=20)
ACCOUNT_LOCK_BASE = timedelta(minutes=env.int("ACCOUNT_LOCK_MINUTES", default=15))
ACCOUNT_LOCK_MAX = timedelta(hours=24)
ACCOUNT_FAILURE_MEMORY = timedelta(hours=24)
