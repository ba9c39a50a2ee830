"""The kinds of message the outbox knows, each with the function that builds its message
from the row's payload at sending time (so that the content is read fresh). A message is an
e-mail, or anything else with a `send()` that raises on failure (an xAPI statement for the
learning record store, see `xapi/lrs.py`)."""

from collections.abc import Callable
from typing import Protocol


class Sendable(Protocol):
    def send(self) -> object: ...


Builder = Callable[[dict], Sendable | None]
_builders: dict[str, Builder] = {}


def email_kind(kind: str) -> Callable[[Builder], Builder]:
    """Register the builder of one kind of message (an e-mail, usually). It returns None
    when there is nothing to send any more (e.g. the certificate was revoked before its
    e-mail went out)."""

    def register(builder: Builder) -> Builder:
        if _builders.get(kind, builder) is not builder:
            raise ValueError(f"Outbox kind {kind!r} is registered twice")
        _builders[kind] = builder
        return builder

    return register


def is_known(kind: str) -> bool:
    return kind in _builders


message_kind = email_kind


def build(kind: str, payload: dict) -> Sendable | None:
    try:
        builder = _builders[kind]
    except KeyError:
        raise LookupError(f"Unknown outbox kind {kind!r}") from None
    return builder(payload)
