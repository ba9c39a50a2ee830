"""Nominations: a mission's focal point applies for their diplomats.

A nomination *is* an application (`courses.services.apply` with `nominated_by`), so caps,
waitlists, policies, the one-unfinished-enrollment-per-programme rule and the mission's
quota all hold, and the audit trail names the focal point. A diplomat without an account
gets one, and an invitation to set a password, in the same transaction as the application:
a refused nomination creates no account.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import closed as accounts
from accounts import invitations
from core import roles
from courses import services as course_services
from courses.exceptions import NotAllowed
from courses.models import Cycle, Enrollment

from .models import FOCAL_POINTS, FocalPoint


def focal_point_of(user) -> FocalPoint | None:
    """The mission this user speaks for, or None (not a focal point, or not active)."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    focal = FocalPoint.objects.filter(user=user).first()
    if focal is None or not user.has_perm("missions.nominate"):
        return None
    return focal


def require_focal_point(user) -> FocalPoint:
    focal = focal_point_of(user)
    if focal is None:
        raise NotAllowed(_("Only a mission's focal point may nominate diplomats."))
    return focal


@transaction.atomic
def appoint(*, user, member_state: str, by) -> FocalPoint:
    """An administrator makes `user` the focal point of one mission (replacing any other)."""
    course_services.require_permission(by, "missions.add_focalpoint")
    focal, _created = FocalPoint.objects.update_or_create(
        user=user, defaults={"member_state": member_state}
    )
    user.groups.add(Group.objects.get(name=FOCAL_POINTS))
    return focal


def _new_diplomat(
    *, focal: FocalPoint, email: str, first_name: str, last_name: str, rank: str, language: str
):
    User = get_user_model()
    email = (email or "").strip().lower()
    existing = User.objects.filter(email=email).first()
    if (existing is not None and accounts.is_closed(existing)) or accounts.is_pseudonym(email):
        raise NotAllowed(accounts.closed_message(email))
    if existing is not None:
        if existing.member_state != focal.member_state:
            raise NotAllowed(
                _("%(email)s cannot be nominated by your mission; ask UNITAR.") % {"email": email}
            )
        return existing
    user = User.objects.create_user(
        email=email,
        password=None,
        first_name=first_name,
        last_name=last_name,
        member_state=focal.member_state,
        rank=rank,
        preferred_language=language,
    )
    user.groups.add(Group.objects.get(name=roles.LEARNERS))
    return user


@transaction.atomic
def nominate(
    *,
    cycle: Cycle,
    by,
    diplomat=None,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    rank: str = "other",
    language: str = "en",
    now=None,
) -> Enrollment:
    """A focal point applies to `cycle` for a diplomat of their own mission: an existing
    one (`diplomat`), or a new person (e-mail and names), for whom an account is created.
    Whoever has never set a password gets an invitation (after commit, in their language).
    Refused, with nothing written, for another mission's diplomat, a closed (deactivated
    or erased) account or a pseudonym address, or whatever `apply` refuses."""
    focal = require_focal_point(by)
    if diplomat is None:
        diplomat = _new_diplomat(
            focal=focal,
            email=email,
            first_name=first_name,
            last_name=last_name,
            rank=rank,
            language=language,
        )
    if accounts.is_closed(diplomat):
        raise NotAllowed(accounts.closed_message(diplomat.email))
    if diplomat.member_state != focal.member_state or diplomat.pk == by.pk:
        raise NotAllowed(_("A focal point nominates the diplomats of their own mission only."))
    enrollment = course_services.apply(learner=diplomat, cycle=cycle, nominated_by=by, now=now)
    if not diplomat.has_usable_password():
        invitations.invite(user=diplomat, by=by)
    return enrollment
