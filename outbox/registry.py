"""The kinds of message the outbox knows, each with the function that builds its e-mail
from the row's payload at sending time (so that the content is read fresh)."""

from collections.abc import Callable

from django.core.mail import EmailMessage

Builder = Callable[[dict], EmailMessage | None]
_builders: dict[str, Builder] = {}


def email_kind(kind: str) -> Callable[[Builder], Builder]:
    """Register the builder of one kind of e-mail. It returns None when there is nothing
    to send any more (e.g. the certificate was revoked before its e-mail went out)."""

    def register(builder: Builder) -> Builder:
        if _builders.get(kind, builder) is not builder:
            raise ValueError(f"Outbox kind {kind!r} is registered twice")
        _builders[kind] = builder
        return builder

    return register


def is_known(kind: str) -> bool:
    return kind in _builders


def build(kind: str, payload: dict) -> EmailMessage | None:
    try:
        builder = _builders[kind]
    except KeyError:
        raise LookupError(f"Unknown outbox kind {kind!r}") from None
    return builder(payload)
