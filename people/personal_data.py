"""Personal data: what the system holds about one person, exported as JSON, and erasure on
request or after the retention period (docs/features.md, "Personal data").

Erasure pseudonymises rather than deletes: the User row stays, so that every audit row,
enrollment and certificate keeps pointing at something, but nothing in it identifies the
person any more. What is kept and why:

- Member State and rank: not identifying alone (a mission has many diplomats of one rank);
  the programme's statistics and the frozen waitlist facts of past enrollments use them.
- Enrollments, their events, lesson completions, knowledge-check attempts and attendance:
  the programme's records of who-did-what, now about a pseudonym.
- Issued certificates with the name they printed: a certificate is a public attestation
  that third parties verify by its code; erasing the name would make a genuine certificate
  look forged. This is the one place the name survives, by design.
- Audit rows where the person acted point at the pseudonymised row, so they read
  "erased-<id>@erased.invalid".
"""

from __future__ import annotations

import re

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from accounts import closed as accounts
from accounts.models import User
from core.permissions import has_permission

ERASE_ACTION = "lms.erase_person"
ERASED_DOMAIN = accounts.ERASED_DOMAIN  # .invalid never resolves (RFC 2606): no mail can leave

# The User fields erase_person overwrites; every other concrete field is kept on purpose
# (tests/accounts/test_personal_data.py lists both sets and fails on an unclassified field).
# The per-language spellings (CertificateName rows) are deleted with them.
PSEUDONYMISED_FIELDS = (
    "email",
    "first_name",
    "last_name",
    "certificate_name",
    "password",
    "last_login",
)
PROFILE_EXPORT_EXCLUDED = ("password",)


class PersonalDataError(Exception):
    """A refused erasure; nothing was written. The message says what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class JSONEncoder(DjangoJSONEncoder):
    """Dates, times and decimals as ISO text."""


def _row(obj, fields) -> dict:
    return {name: getattr(obj, name) for name in fields}


def export_person(*, user: User) -> dict:
    """Everything the system holds about `user`, as plain data for JSON."""
    from certificates.models import Certificate
    from courses.models import Enrollment

    profile = {
        f.name: getattr(user, f.attname)
        for f in User._meta.concrete_fields
        if f.name not in PROFILE_EXPORT_EXCLUDED
    }
    profile["certificate_names"] = user.certificate_names_by_language()
    enrollments = (
        Enrollment.objects.filter(learner=user)
        .select_related("cycle", "seminar_attendance")
        .prefetch_related(
            "events",
            "lesson_completions",
            "knowledge_check_attempts",
            Prefetch("certificates", queryset=Certificate.objects.order_by("created_at")),
        )
        .order_by("applied_at", "pk")
    )
    return {
        "format": "PATIT LMS personal data export, version 1",
        "profile": profile,
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "two_factor_devices": [
            {"name": d.name, "confirmed": d.confirmed} for d in _totp_devices(user)
        ],
        "change_requests": [
            _row(
                c,
                (
                    "created_at",
                    "rank",
                    "member_state",
                    "previous_rank",
                    "previous_member_state",
                    "note",
                    "status",
                    "decided_at",
                    "decision_reason",
                ),
            )
            for c in user.change_requests.order_by("created_at", "pk")
        ],
        "enrollments": [_export_enrollment(e) for e in enrollments],
        "priority_invitations": [
            {"cycle": i.window.cycle.code, "waitlist_of": i.window.source.code}
            for i in user.priority_invitations.select_related(
                "window__cycle", "window__source"
            ).order_by("pk")
        ],
    }


def _export_enrollment(enrollment) -> dict:
    attendance = getattr(enrollment, "seminar_attendance", None)
    return {
        "cycle": enrollment.cycle.code,
        "cycle_title": enrollment.cycle.title,
        **_row(
            enrollment,
            (
                "status",
                "applied_at",
                "rank",
                "member_state",
                "seated_at",
                "offer_expires_at",
                "completed_at",
                "ended_at",
            ),
        ),
        "events": [
            {
                **_row(e, ("created_at", "action", "from_status", "to_status", "reason")),
                "by_the_person": e.actor_id == enrollment.learner_id,
            }
            for e in enrollment.events.all()
        ],
        "lesson_completions": [
            {"lesson": c.lesson_id, "completed_at": c.completed_at}
            for c in enrollment.lesson_completions.all()
        ],
        "knowledge_check_attempts": [
            {
                "lesson": a.lesson_id,
                **_row(a, ("block_id", "answers", "score", "passed", "created_at")),
            }
            for a in enrollment.knowledge_check_attempts.all()
        ],
        "seminar_attendance": (
            _row(attendance, ("attended", "excused", "note", "recorded_at")) if attendance else None
        ),
        "certificates": [
            _row(
                c,
                (
                    "serial",
                    "code",
                    "status",
                    "language",
                    "printed_name",
                    "printed_name_latin",
                    "programme_title",
                    "cycle_title",
                    "cycle_code",
                    "starts_on",
                    "ends_on",
                    "completed_items",
                    "created_at",
                    "issued_at",
                    "revoked_at",
                    "revoked_reason",
                ),
            )
            for c in enrollment.certificates.all()
        ],
    }


def _totp_devices(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user)


def placeholder_email(user: User) -> str:
    return f"erased-{user.pk}@{ERASED_DOMAIN}"


def is_erased(user: User) -> bool:
    return user.email == placeholder_email(user)


def _scrubber(user: User, placeholder: str):
    """Replace the person's names and address in free text written about them."""
    spellings = {
        user.email,
        user.get_full_name(),
        user.first_name,
        user.last_name,
        user.certificate_name,
        *user.certificate_names_by_language().values(),
    }
    # Longest first, so that "Amina Haddad" goes as one before "Amina" alone.
    spellings = sorted(
        (s.strip() for s in spellings if s and len(s.strip()) > 1), key=len, reverse=True
    )
    if not spellings:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(s) for s in spellings), re.IGNORECASE)
    return lambda text: pattern.sub(placeholder, text) if text else text


@transaction.atomic
def erase_person(*, user: User, by: User | None, reason: str) -> User:
    """Pseudonymise a person on request (`by` an administrator) or by the retention rule
    (`by` None, from `apply_retention`). Refused for staff (remove their roles first), for
    someone still waitlisted, offered a seat or enrolled (withdraw or remove them first, so
    that the seat goes on through the services), and without a reason. The person's
    personal fields are overwritten, the password made unusable, the account deactivated,
    their two-factor devices and sign-in records deleted; audit rows, enrollments and
    certificates stay (see the module docstring). The erasure is logged with who and why.
    """
    from certificates.models import Certificate
    from courses.models import Enrollment, EnrollmentEvent

    reason = (reason or "").strip()
    if not reason:
        raise PersonalDataError(
            _("Give the reason for the erasure (e.g. the request's date and reference).")
        )
    if by is not None and not has_permission(by, "lms.erase_personal_data"):
        raise PersonalDataError(_("Only administrators can erase a person's data."))
    user = User.objects.select_for_update().get(pk=user.pk)
    if is_erased(user):
        raise PersonalDataError(_("This person's data has been erased already."))
    if user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"):
        raise PersonalDataError(
            _("%(person)s is staff: remove their roles first, then erase.") % {"person": user.email}
        )
    unfinished = list(
        Enrollment.objects.filter(learner=user, status__in=Enrollment.UNFINISHED).values_list(
            "cycle__code", flat=True
        )
    )
    if unfinished:
        raise PersonalDataError(
            _(
                "%(person)s still has an application or a seat in %(cycles)s: withdraw or "
                "remove it first, so that the seat goes to the waitlist."
            )
            % {"person": user.email, "cycles": ", ".join(unfinished)}
        )

    original_email = user.email
    placeholder = placeholder_email(user)
    scrub = _scrubber(user, placeholder)

    # Free text written by staff about the person keeps its meaning without the name.
    for event in EnrollmentEvent.objects.filter(enrollment__learner=user).exclude(reason=""):
        cleaned = scrub(event.reason)
        if cleaned != event.reason:
            EnrollmentEvent.objects.filter(pk=event.pk).update(reason=cleaned)
    for certificate in Certificate.objects.filter(enrollment__learner=user).exclude(
        revoked_reason=""
    ):
        cleaned = scrub(certificate.revoked_reason)
        if cleaned != certificate.revoked_reason:
            Certificate.objects.filter(pk=certificate.pk).update(revoked_reason=cleaned)
    for change in user.change_requests.all():
        # The note is the person's own words about themselves: it goes.
        change.note = ""
        change.decision_reason = scrub(change.decision_reason)
        change.save(update_fields=["note", "decision_reason"])

    user.email = placeholder
    user.first_name = user.last_name = ""
    user.certificate_name = ""
    user.certificate_names.all().delete()
    user.set_unusable_password()
    user.last_login = None
    user.is_active = user.is_staff = user.is_superuser = False
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    _totp_devices(user).delete()
    _forget_sign_in_records(original_email)

    # Earlier admin history of this person names them in its label.
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).update(label=str(user))
    log(instance=user, action=ERASE_ACTION, user=by, data={"reason": reason})
    return user


def _forget_sign_in_records(email: str) -> None:
    """django-axes keeps failed and successful sign-ins with the address typed."""
    try:
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    except ImportError:  # throttling not installed
        return
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=email).delete()
