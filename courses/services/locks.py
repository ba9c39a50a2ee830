"""Row locks, named, so that each service locks exactly the rows it means.

`select_for_update()` with `select_related()` would lock every joined row on PostgreSQL
(the cycle and the learner too): a learner finishing a lesson would then wait behind every
application to their cycle. `of=("self",)` locks only the row asked for. On SQLite the
IMMEDIATE transaction already holds the database's write lock and these add nothing.
"""

from __future__ import annotations

from ..models import Cycle, Enrollment


def lock_cycle(pk: int) -> Cycle:
    """The cycle row, locked: taken before seats are counted or its curriculum pinned."""
    return Cycle.objects.select_for_update(of=("self",)).select_related("programme").get(pk=pk)


def lock_enrollment(pk: int) -> Enrollment:
    """One enrollment row, locked (not its cycle nor its learner): serialises one learner's
    progress writes so that the cycle completes exactly once."""
    return (
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("cycle", "cycle__programme", "learner")
        .get(pk=pk)
    )
