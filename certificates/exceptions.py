"""Refusals of certificate actions. Each message says what happened and what to do."""


class CertificateError(Exception):
    """A certificate action was refused; nothing was written. Its own base class, not an
    enrollment refusal: certificates build on courses, not the other way round."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self):
        return self.message
