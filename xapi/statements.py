"""xAPI 1.0.3 statements for what happens to a learner (docs/xapi.md): one builder per
kind of event, each a pure function of the rows the service just wrote.

- The statement id is a UUID 5 of the site, the kind and the rows' ids: the same event
  gives the same id however often it is written or sent, so the outbox's unique key and
  the LRS (which keeps one statement per id) both refuse a duplicate.
- The actor is the learner's account on this site (`homePage` = PUBLIC_BASE_URL, `name` =
  the account's id), never the e-mail address or the name: the LRS learns who did what
  without personal data it could leak.
- Activities are the public pages: the cycle page, the lesson page, the certificate's
  verification page. The enrollment is the statement's `registration`.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.urls import reverse

ADL = "http://adlnet.gov/expapi/verbs/"
ACTIVITY_TYPES = "http://adlnet.gov/expapi/activities/"
VERSION = "1.0.3"


def _site() -> str:
    return settings.PUBLIC_BASE_URL


def _verb_for_site(name: str) -> str:
    # Verbs ADL's vocabulary lacks; IRIs under the site's own address (docs/xapi.md).
    return f"{_site()}/xapi/verbs/{name}"


# kind → (verb IRI, display). ADL's verbs where one exists, Activity Streams' join/leave
# for taking and giving up a seat (both in the xAPI registry), our own IRI otherwise.
VERBS: dict[str, tuple[str, str]] = {
    "applied": (ADL + "registered", "registered"),
    "seated": ("http://activitystrea.ms/schema/1.0/join", "joined"),
    "withdrew": ("http://activitystrea.ms/schema/1.0/leave", "left"),
    "lesson_completed": (ADL + "completed", "completed"),
    "check_passed": (ADL + "passed", "passed"),
    "check_failed": (ADL + "failed", "failed"),
    "attended": (ADL + "attended", "attended"),
    "cycle_completed": (ADL + "completed", "completed"),
    "certificate_earned": ("", "earned"),
    "certificate_revoked": ("", "revoked"),
}


def _verb(kind: str) -> dict:
    iri, display = VERBS[kind]
    return {"id": iri or _verb_for_site(display), "display": {"en-US": display}}


def statement_id(kind: str, *ids: object) -> str:
    """The one id of this event: a retry, a second writer or a resend gives the same."""
    name = "/".join([_site(), "xapi", kind, *(str(i) for i in ids)])
    return str(uuid.uuid5(uuid.NAMESPACE_URL, name))


def absolute(path_or_url: str) -> str:
    return path_or_url if "://" in path_or_url else _site() + path_or_url


def actor(user) -> dict:
    return {"objectType": "Agent", "account": {"homePage": _site(), "name": str(user.pk)}}


def activity(iri: str, *, type_: str, name: str) -> dict:
    """An activity; `type_` is one of ADL's activity types, or a full IRI."""
    return {
        "objectType": "Activity",
        "id": iri,
        "definition": {
            "type": type_ if "://" in type_ else ACTIVITY_TYPES + type_,
            "name": {"en-US": name},
        },
    }


def cycle_activity(cycle) -> dict:
    url = absolute(reverse("courses:cycle_detail", args=[cycle.code]))
    return activity(url, type_="course", name=f"{cycle.code}: {cycle.title}")


def page_activity(page, *, type_: str) -> dict:
    return activity(absolute(page.get_url() or page.url_path), type_=type_, name=page.title)


def _timestamp(when: datetime) -> str:
    return when.isoformat()


def build(
    kind: str,
    *,
    ids: tuple,
    enrollment,
    when: datetime,
    obj: dict,
    parent: dict | None = None,
    result: dict | None = None,
    extensions: dict | None = None,
) -> dict:
    """One statement of `kind` about `enrollment`'s learner. Its context: the enrollment as
    `registration`, the programme and the cycle as `grouping`, `parent` when given (the
    lesson of a knowledge check)."""
    cycle = enrollment.cycle
    grouping = [page_activity(cycle.programme, type_="course")]
    if obj["id"] != cycle_activity(cycle)["id"]:
        grouping.append(cycle_activity(cycle))
    context_activities: dict = {"grouping": grouping}
    if parent is not None:
        context_activities["parent"] = [parent]
    context: dict = {
        "registration": statement_id("enrollment", enrollment.pk),
        "platform": "PATIT LMS",
        "contextActivities": context_activities,
    }
    if extensions:
        context["extensions"] = {
            f"{_site()}/xapi/extensions/{key}": value for key, value in extensions.items()
        }
    statement = {
        "id": statement_id(kind, *ids),
        "actor": actor(enrollment.learner),
        "verb": _verb(kind),
        "object": obj,
        "context": context,
        "timestamp": _timestamp(when),
        "version": VERSION,
    }
    if result is not None:
        statement["result"] = result
    return statement
