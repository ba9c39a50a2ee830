"""Closed accounts: an account an administrator deactivated, or a person erased
(`people.personal_data.erase_person`), stays closed. Nothing here opens one again: no
invitation is sent to it, no link it had still works (`accounts/tokens.py` binds every link to
the account's state), and nominations and imports refuse it with a message.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

# .invalid never resolves (RFC 2606): no mail can leave for an erased person.
ERASED_DOMAIN = "erased.invalid"


class AccountClosed(Exception):
    """The account is deactivated or erased; nothing was written."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def is_pseudonym(email: str) -> bool:
    """An address of the erased-person domain, whether or not such an account exists."""
    return (email or "").strip().lower().endswith("@" + ERASED_DOMAIN)


def is_closed(user) -> bool:
    return not user.is_active or is_pseudonym(user.email)


def closed_message(email: str) -> str:
    return _(
        "%(email)s is a closed account (deactivated or erased); it cannot be invited, "
        "nominated or imported. Ask UNITAR if it should be reopened."
    ) % {"email": email}


def refuse_closed(user=None, *, email: str = "") -> None:
    """Raise AccountClosed for a closed account, or for a pseudonym address typed in."""
    if (user is not None and is_closed(user)) or is_pseudonym(email):
        raise AccountClosed(closed_message(user.email if user is not None else email))


def lapse_links_when_closed(sender, instance, **kwargs) -> None:
    """post_save of a user: a closed account's open invitations lapse for good, so that
    reactivating it later does not revive them (the links are dead already while it is
    closed, accounts/tokens.py). Whoever closed it (the Wagtail users admin, an erasure, a
    command) goes through save()."""
    if is_closed(instance):
        from .invitations import lapse

        lapse(user=instance)


def connect_signals() -> None:
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_save

    post_save.connect(
        lapse_links_when_closed, sender=get_user_model(), dispatch_uid="accounts.closed.lapse"
    )
