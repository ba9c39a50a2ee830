"""The waitlist order, computed in the database with window functions (PostgreSQL and
SQLite ≥ 3.25), so that a position costs one query and nothing is sorted in Python.

The order: an administrator's boost first, then the cycle's policy group, then application
time. For `mission_balance`, the promotion-by-promotion rule ("once a mission gets a seat
its other applicants fall behind") has a closed form: an applicant is in the first group
when their mission has nobody seated and they are their mission's first waiting applicant
(by boost, then application time). `order_waitlist` in `enrollment.py` is the same rule
written one promotion at a time; a property test checks that the two always agree.
"""

from __future__ import annotations

from django.db import connection

from accounts.models import SENIOR_RANKS

from ..models import Cycle, Enrollment

S = Enrollment.Status


# The SQL below interpolates only constants (the table name, placeholders, the policy's
# SQL); every value goes in as a parameter.
TABLE = Enrollment._meta.db_table


def _group_sql(cycle: Cycle) -> tuple[str, list]:
    """SQL for the policy group of a row of `mine` (0 goes first) and its parameters."""
    if cycle.policy == Cycle.Policy.SENIORITY:
        ranks = sorted(SENIOR_RANKS)
        marks = ", ".join(["%s"] * len(ranks))
        return f"CASE WHEN mine.rank IN ({marks}) THEN 0 ELSE 1 END", ranks
    if cycle.policy == Cycle.Policy.MISSION_BALANCE:
        seated = list(Enrollment.SEATED)
        marks = ", ".join(["%s"] * len(seated))
        table = connection.ops.quote_name(TABLE)
        return (
            "CASE WHEN mine.mission_rank = 1 AND mine.member_state <> '' AND "  # noqa: S608
            f"mine.member_state NOT IN (SELECT s.member_state FROM {table} s "
            f"WHERE s.cycle_id = %s AND s.status IN ({marks})) THEN 0 ELSE 1 END",
            [cycle.pk, *seated],
        )
    return "0", []


def _ranked_sql(cycle: Cycle) -> tuple[str, list]:
    """SELECT id, position, grp, priority_boost FROM the cycle's waitlist, position 1 first;
    the policy group and the boost explain a position (`courses/selectors/standing.py`).
    (The group's parameters come first: its SQL precedes the inner WHERE in the text.)"""
    group, group_params = _group_sql(cycle)
    table = connection.ops.quote_name(TABLE)
    sql = f"""
        SELECT ranked.id, ranked.position, ranked.grp, ranked.priority_boost FROM (
            SELECT grouped.id, grouped.grp, grouped.priority_boost, ROW_NUMBER() OVER (
                ORDER BY grouped.priority_boost DESC, grouped.grp, grouped.applied_at,
                         grouped.id
            ) AS position
            FROM (
                SELECT mine.id, mine.priority_boost, mine.applied_at, {group} AS grp
                FROM (
                    SELECT e.id, e.priority_boost, e.applied_at, e.rank, e.member_state,
                           ROW_NUMBER() OVER (
                               PARTITION BY e.member_state
                               ORDER BY e.priority_boost DESC, e.applied_at, e.id
                           ) AS mission_rank
                    FROM {table} e
                    WHERE e.cycle_id = %s AND e.status = %s
                ) mine
            ) grouped
        ) ranked
    """  # noqa: S608
    return sql, [*group_params, cycle.pk, S.WAITLISTED]


def ranked_ids(*, cycle: Cycle, limit: int | None = None) -> list[tuple[int, int]]:
    """(enrollment id, position) of the cycle's waitlist in order, at most `limit` rows."""
    sql, params = _ranked_sql(cycle)
    sql += " ORDER BY ranked.position"
    if limit is not None:
        sql += " LIMIT %s"
        params = [*params, int(limit)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(row[0], row[1]) for row in cursor.fetchall()]


def position_of(*, enrollment: Enrollment) -> int | None:
    """The enrollment's place on its cycle's waitlist (1 first), in one query; None when
    it is not waitlisted."""
    if enrollment.status != S.WAITLISTED:
        return None
    sql, params = _ranked_sql(enrollment.cycle)
    with connection.cursor() as cursor:
        cursor.execute(sql + " WHERE ranked.id = %s", [*params, enrollment.pk])
        row = cursor.fetchone()
    return row[1] if row else None


def positions_in_cycles(*, cycles, enrollment_ids=None) -> dict[int, int]:
    """Enrollment id → waitlist position for several cycles in one round trip (UNION ALL of
    each cycle's ranking): a page of the read API spans cycles, and must not cost a query
    per cycle. `enrollment_ids` keeps only those rows."""
    cycles = list(cycles)
    if not cycles:
        return {}
    parts: list[str] = []
    params: list = []
    for cycle in cycles:
        sql, cycle_params = _ranked_sql(cycle)
        parts.append(f"SELECT id, position FROM ({sql}) AS c{len(parts)}")  # noqa: S608
        params.extend(cycle_params)
    sql = " UNION ALL ".join(parts)
    if enrollment_ids is not None:
        ids = list(enrollment_ids)
        if not ids:
            return {}
        marks = ", ".join(["%s"] * len(ids))
        sql = f"SELECT id, position FROM ({sql}) AS everyone WHERE id IN ({marks})"  # noqa: S608
        params.extend(ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0]: row[1] for row in cursor.fetchall()}
