"""Seminar rules: choosing a session (within its capacity, until its deadline), recording
attendance (audited per session), and private calendar tokens.

A session's seats are counted after its row is locked (`SELECT ... FOR UPDATE` on
PostgreSQL; SQLite's IMMEDIATE transaction already holds the write lock), exactly as a
cycle's seats are. Attendance goes through `courses.services.record_attendance`, so that
the completion rule and the certificate stay in one place.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dates import format_datetime
from core.permissions import ADMINISTER_CYCLES
from courses import services as course_services
from courses.models import Enrollment, SeminarAttendance
from courses.services.locks import lock_enrollment
from courses.services.permissions import can_teach, has_permission

from .exceptions import SessionError, SessionFull
from .models import CalendarToken, SeminarSession, SessionEvent, SessionSeat

S = Enrollment.Status
# Learners who hold a seat in the cycle and still have the seminar ahead of them.
CHOOSERS = (S.OFFERED, S.ENROLLED)


def _lock_session(pk: int) -> SeminarSession:
    return SeminarSession.objects.select_for_update(of=("self",)).select_related("cycle").get(pk=pk)


def requires_session(enrollment: Enrollment) -> bool:
    """Whether this enrollment chooses a seminar session: seated, and required to attend."""
    return enrollment.status in CHOOSERS and enrollment.cycle.seminar_required_for(enrollment)


@transaction.atomic
def choose_session(*, learner, session: SeminarSession, now=None) -> SessionSeat:
    """Give the learner a place in `session`, or move their place there. Only a seated
    learner whom the cycle requires to attend, before the session's deadline, while it has
    a free place (counted under the session's row lock); not after attendance is recorded."""
    now = now or timezone.now()
    session = _lock_session(session.pk)
    enrollment = (
        Enrollment.objects.filter(learner=learner, cycle=session.cycle, status__in=CHOOSERS)
        .select_related("cycle")
        .first()
    )
    if enrollment is None or not requires_session(enrollment):
        raise SessionError(
            _(
                "Only seated learners whom the cycle requires to attend the seminar choose a "
                "session."
            )
        )
    enrollment = lock_enrollment(enrollment.pk)
    if not session.is_open_for_choice(now):
        raise SessionError(
            _("Sessions of %(code)s could be chosen until %(date)s; ask the cycle's instructor.")
            % {
                "code": session.cycle.code,
                "date": format_datetime(session.choose_until),
            }
        )
    seat = SessionSeat.objects.filter(enrollment=enrollment).select_related("session").first()
    if seat is not None and seat.session_id == session.pk:
        return seat
    if seat is not None and SeminarAttendance.objects.filter(enrollment=enrollment).exists():
        raise SessionError(_("Your attendance is already recorded; the session cannot change."))
    if seat is not None and not seat.session.is_open_for_choice(now):
        raise SessionError(_("The deadline to change your session has passed."))
    if SessionSeat.objects.filter(session=session).count() >= session.capacity:
        raise SessionFull(
            _("The session %(session)s is full; choose another session.")
            % {"session": session.label}
        )
    action = SessionEvent.Action.CHANGED if seat else SessionEvent.Action.CHOSEN
    if seat is None:
        seat = SessionSeat.objects.create(enrollment=enrollment, session=session, chosen_at=now)
    else:
        seat.session, seat.chosen_at = session, now
        seat.save(update_fields=["session", "chosen_at"])
    SessionEvent.objects.create(
        enrollment=enrollment, session=session, action=action, actor=learner, created_at=now
    )
    return seat


def can_record_for(user, session: SeminarSession) -> bool:
    """An administrator, or the session's instructor (who must teach the cycle); when the
    session has no instructor, any instructor of the cycle."""
    if has_permission(user, ADMINISTER_CYCLES):
        return True
    if not can_teach(user, session.cycle):
        return False
    return session.instructor_id is None or session.instructor_id == user.pk


@transaction.atomic
def record_attendance(
    *, enrollment: Enrollment, attendance: str, note: str = "", by, now=None
) -> None:
    """Record present, absent or excused (with a note) for one seated learner, audited on
    their session when they chose one. A learner with a session is recorded by its
    instructor (or an administrator); one without, by any instructor of the cycle. The
    record is the enrollment's one attendance row, written by
    `courses.services.record_attendance` (which completes the cycle when present was the
    last requirement)."""
    now = now or timezone.now()
    enrollment = lock_enrollment(enrollment.pk)
    seat = SessionSeat.objects.filter(enrollment=enrollment).select_related("session").first()
    if seat is not None and not can_record_for(by, seat.session):
        raise SessionError(
            _("Only the session's instructor and administrators record its attendance.")
        )
    if attendance not in SeminarAttendance.Attendance.values:
        raise SessionError(_("Choose present, absent or excused."))
    course_services.record_attendance(
        enrollment=enrollment,
        attended=attendance == SeminarAttendance.Attendance.PRESENT,
        excused=attendance == SeminarAttendance.Attendance.EXCUSED,
        note=note,
        by=by,
        now=now,
    )
    if seat is not None:
        SessionEvent.objects.create(
            enrollment=enrollment,
            session=seat.session,
            action=SessionEvent.Action.ATTENDANCE,
            attendance=attendance,
            note=note,
            actor=by,
            created_at=now,
        )


@transaction.atomic
def calendar_token(*, user) -> CalendarToken:
    """The user's active calendar token, created on first use."""
    token = CalendarToken.objects.filter(user=user, revoked_at__isnull=True).first()
    return token or CalendarToken.objects.create(user=user)


@transaction.atomic
def revoke_calendar_token(*, user, now=None) -> CalendarToken:
    """Revoke the user's calendar address (it answers 404 from now on) and give a new one."""
    CalendarToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=now or timezone.now()
    )
    return CalendarToken.objects.create(user=user)


@transaction.atomic
def add_session(*, session: SeminarSession, by) -> SeminarSession:
    """An administrator schedules a seminar session (validated, then saved)."""
    from courses.services.permissions import require_permission

    require_permission(by, ADMINISTER_CYCLES)
    session.full_clean()
    session.save()
    return session
