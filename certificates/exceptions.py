from courses.exceptions import EnrollmentError


class CertificateError(EnrollmentError):
    """A certificate action was refused; nothing was written."""
