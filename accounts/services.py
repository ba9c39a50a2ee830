"""Writes on people: requests to change the facts that decisions rely on.

A learner's rank and Member State decide their place on a waitlist and whether the seminar
is required of them, so they are verified facts: a learner asks, an administrator approves
or refuses (docs/architecture.md, rule 7). Names and language stay the learner's own.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.member_states import NAMES as MEMBER_STATE_NAMES
from core.permissions import has_permission

from .models import CertificateName, ProfileChangeRequest, Rank


class ProfileError(Exception):
    """A refused change; nothing was written. The message says what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


R = ProfileChangeRequest.Status


@transaction.atomic
def request_profile_change(
    *, user, rank: str, member_state: str, note: str = ""
) -> ProfileChangeRequest:
    """A learner asks to change their rank and/or Member State; nothing changes until an
    administrator approves. One pending request per person."""
    if rank not in Rank.values:
        raise ProfileError(_("Choose a rank from the list."))
    if member_state not in MEMBER_STATE_NAMES:
        raise ProfileError(_("Choose a Member State from the list."))
    if rank == user.rank and member_state == user.member_state:
        raise ProfileError(_("This is already your verified rank and Member State."))
    try:
        with transaction.atomic():
            return ProfileChangeRequest.objects.create(
                user=user,
                rank=rank,
                member_state=member_state,
                note=(note or "")[:1000],
                previous_rank=user.rank,
                previous_member_state=user.member_state,
            )
    except IntegrityError as error:
        raise ProfileError(
            _(
                "You already have a change waiting for an administrator; it must be decided "
                "before you ask for another."
            )
        ) from error


@transaction.atomic
def decide_profile_change(
    *, change: ProfileChangeRequest, by, approve: bool, reason: str = ""
) -> ProfileChangeRequest:
    """An administrator approves (the facts change on the profile from now on; enrollments
    keep the values they were ranked with) or refuses (with a reason) a pending request."""
    if not has_permission(by, "lms.decide_profilechangerequest"):
        raise ProfileError(_("Only an administrator may decide this request."))
    change = (
        ProfileChangeRequest.objects.select_for_update(of=("self",))
        .select_related("user")
        .get(pk=change.pk)
    )
    if change.status != R.PENDING:
        raise ProfileError(_("This request was already decided."))
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ProfileError(_("Give a reason for refusing: the learner will read it."))
    if approve:
        user = change.user
        user.rank, user.member_state = change.rank, change.member_state
        user.save(update_fields=["rank", "member_state"])
    change.status = R.APPROVED if approve else R.REFUSED
    change.decided_by, change.decided_at = by, timezone.now()
    change.decision_reason = reason
    change.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    return change


@transaction.atomic
def set_certificate_names(*, user, names: dict[str, str]) -> None:
    """Set the spellings of `user`'s name on certificates per language: a blank spelling
    removes that language's row (the certificate then prints the main name); languages not
    in `names` are left as they are. Codes outside settings.LANGUAGES are refused."""
    from django.conf import settings

    known = {code for code, _name in settings.LANGUAGES}
    unknown = sorted(set(names) - known)
    if unknown:
        raise ProfileError(
            _("%(codes)s is not a language of the site.") % {"codes": ", ".join(unknown)}
        )
    for language, name in names.items():
        name = (name or "").strip()
        if name:
            CertificateName.objects.update_or_create(
                user=user, language=language, defaults={"name": name}
            )
        else:
            CertificateName.objects.filter(user=user, language=language).delete()
