"""Refusals of the seminar services: each says what happened and what to do. They are
`EnrollmentError`s, so the pages that already show those show these too."""

from courses.exceptions import EnrollmentError


class SessionError(EnrollmentError):
    """The seminar service refused and wrote nothing."""


class SessionFull(SessionError):
    pass
