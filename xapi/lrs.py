"""Sending a statement to the learning record store, as one kind of outbox message: the
outbox claims the row, calls `send()`, and on an exception keeps the error on the row (the
admin's *Outbox* screen shows it) and tries again later with its backoff.

A statement is sent with `PUT /statements?statementId=<id>`: the LRS stores one statement
per id, so a resend (a worker killed after the LRS answered, before the row was marked
sent) stores nothing new. 204 is stored; 409 is "that id is already stored", which for our
ids means the same event, so it counts as sent too."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings

from outbox.registry import message_kind

from .statements import VERSION

STATEMENT = "xapi.statement"


class LRSRefused(Exception):
    pass


@dataclass(frozen=True)
class StatementDelivery:
    statement: dict

    def request(self) -> urllib.request.Request:
        query = urllib.parse.urlencode({"statementId": self.statement["id"]})
        credentials = f"{settings.XAPI_LRS_USERNAME}:{settings.XAPI_LRS_PASSWORD}"
        return urllib.request.Request(  # noqa: S310 - an http(s) URL from the settings
            f"{settings.XAPI_LRS_URL}/statements?{query}",
            data=json.dumps(self.statement).encode(),
            method="PUT",
            headers={
                "Content-Type": "application/json",
                "X-Experience-API-Version": VERSION,
                "Authorization": "Basic " + base64.b64encode(credentials.encode()).decode(),
            },
        )

    def send(self) -> int:
        try:
            with urllib.request.urlopen(  # noqa: S310
                self.request(), timeout=settings.XAPI_TIMEOUT_SECONDS
            ) as response:
                return response.status
        except urllib.error.HTTPError as error:
            if error.code == 409:
                return error.code
            body = error.read(500).decode(errors="replace")
            raise LRSRefused(f"The LRS answered {error.code}: {body}") from None


@message_kind(STATEMENT)
def statement(payload: dict) -> StatementDelivery | None:
    """The statement written with the event; nothing to send once xAPI is turned off."""
    if not settings.XAPI_LRS_URL:
        return None
    return StatementDelivery(payload["statement"])
