"""Refusals a person can act on. Each message says what happened and what to do."""

from django.utils.translation import gettext as _


class EnrollmentError(Exception):
    """Base class: the service refused and wrote nothing."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self):
        return self.message


class ApplicationsClosed(EnrollmentError):
    @classmethod
    def for_cycle(cls, cycle, now):
        if cycle.is_cancelled:
            return cls(
                _("The cycle %(code)s was cancelled; apply to a later cycle.")
                % {"code": cycle.code}
            )
        if now < cycle.applications_open_at:
            return cls(
                _("Applications to %(code)s open on %(date)s.")
                % {"code": cycle.code, "date": _fmt(cycle.applications_open_at)}
            )
        if cycle.is_over(now.date()):
            return cls(
                _("The cycle %(code)s is over; apply to a later cycle.") % {"code": cycle.code}
            )
        return cls(
            _("Applications to %(code)s closed on %(date)s; apply to a later cycle.")
            % {"code": cycle.code, "date": _fmt(cycle.applications_close_at)}
        )


class AlreadyApplied(EnrollmentError):
    @classmethod
    def for_enrollment(cls, enrollment):
        return cls(
            _("You have already applied to %(code)s (status: %(status)s).")
            % {"code": enrollment.cycle.code, "status": enrollment.get_status_display()}
        )


class InvalidTransition(EnrollmentError):
    @classmethod
    def for_change(cls, enrollment, to_status):
        from .models import Enrollment

        return cls(
            _("An enrollment that is %(from)s cannot become %(to)s.")
            % {
                "from": enrollment.get_status_display().lower(),
                "to": Enrollment.Status(to_status).label.lower(),
            }
        )


class OfferExpired(EnrollmentError):
    @classmethod
    def for_enrollment(cls, enrollment):
        return cls(
            _(
                "Your offer for %(code)s expired on %(date)s and the seat has been passed on. "
                "You may apply again while applications are open."
            )
            % {"code": enrollment.cycle.code, "date": _fmt(enrollment.ended_at)}
        )


class CycleFull(EnrollmentError):
    pass


class NotAllowed(EnrollmentError):
    pass


class InvalidInput(NotAllowed):
    """The request carried values no form of ours sends (out of range, malformed): the view
    answers 400 Bad Request with the message."""


class PriorityWindowOpen(EnrollmentError):
    """Applications are reserved, for now, to the previous cycle's waitlist."""


def _fmt(moment) -> str:
    from core.dates import format_datetime

    return format_datetime(moment)
