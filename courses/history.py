"""A cycle's history, for its instructors and the administrators (decision 0009).

Two parts. Wagtail's site history lists the admin's log entries of every object whose
model the user holds any permission on: an instructor, who may view cycles, read every
cycle's. `scope_site_history()` narrows the entries of cycle-bound models (registered in
CYCLE_SCOPED_LOGS: the model and the path to its cycle) to the user's own cycles for
anyone who does not manage every cycle.

And the events the services record about a whole cycle or its seminar (`CycleEvent`,
`seminars.SessionEvent`) are read by `cycle_history()` for the cycle's history page. Apps
that build on courses add their own rows through HISTORY_SOURCES, so that courses does not
import them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast

from core.permissions import ADMINISTER_CYCLES

from .models import Cycle, CycleEvent, Enrollment


@dataclass(frozen=True)
class HistoryRow:
    when: datetime
    actor: object  # a user, or None for the system
    action: str
    detail: str


# (model, path from the model to its cycle; "" for the cycle itself)
CYCLE_SCOPED_LOGS: list[tuple[type, str]] = [(Cycle, ""), (Enrollment, "cycle")]
# Callables `source(cycle) -> Iterable[HistoryRow]`, registered from AppConfig.ready().
HISTORY_SOURCES: list[Callable[[Cycle], Iterable[HistoryRow]]] = []


def _detail(event: CycleEvent) -> str:
    parts = [event.reason] if event.reason else []
    if event.action == CycleEvent.Action.CAPACITY_CHANGED and event.detail:
        parts.append(f"{event.detail.get('from')} → {event.detail.get('to')}")
    elif event.detail:
        parts.append(", ".join(f"{key}: {value}" for key, value in event.detail.items()))
    return " · ".join(str(part) for part in parts)


def cycle_events(cycle: Cycle) -> Iterable[HistoryRow]:
    for event in CycleEvent.objects.filter(cycle=cycle).select_related("actor"):
        yield HistoryRow(event.created_at, event.actor, event.get_action_display(), _detail(event))


HISTORY_SOURCES.append(cycle_events)


def cycle_history(*, cycle: Cycle) -> list[HistoryRow]:
    """Every recorded event of the cycle and its seminar, newest first."""
    rows = [row for source in HISTORY_SOURCES for row in source(cycle)]
    return sorted(rows, key=lambda row: row.when, reverse=True)


def scope_site_history() -> None:
    """Narrow Wagtail's site history for whoever does not manage every cycle (see the module
    docstring). Called once from CoursesConfig.ready()."""
    from wagtail.models.audit_log import ModelLogEntryManager

    if getattr(ModelLogEntryManager, "_cycle_scoped", False):
        return
    original = ModelLogEntryManager.viewable_by_user

    def viewable_by_user(self, user):
        from .selectors import cycles_for

        entries = original(self, user)
        if user.is_superuser or user.has_perm(ADMINISTER_CYCLES):
            return entries
        mine = cycles_for(user=user).values("pk")
        for model, path in CYCLE_SCOPED_LOGS:
            allowed = model.objects.filter(**{f"{path}__in" if path else "pk__in": mine})
            ids = allowed.annotate(id_text=Cast("pk", CharField())).values("id_text")
            content_type = ContentType.objects.get_for_model(model)
            entries = entries.exclude(Q(content_type=content_type) & ~Q(object_id__in=ids))
        return entries

    ModelLogEntryManager.viewable_by_user = viewable_by_user
    ModelLogEntryManager._cycle_scoped = True
