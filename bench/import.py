"""Bulk import speed: a generated participant list (1,000 rows; 10,000 with --large) imported
with applications to one cycle, on PostgreSQL with production settings.

Prints rows per second and SQL queries per row for the whole import (checks, accounts,
applications through `courses.services.apply`), next to the checks alone (reading and
validating the file, no writes) measured in the same run.

Run it from the project directory (it drops and recreates `patit_bench_import`):

    .venv/bin/python bench/import.py [--large]
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import recreate_database, server_env, setup_django  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/patit_bench_import"
STATES = ["GHA", "France", "BRA", "Japan", "EGY", "Norway", "Peru", "IND", "Viet Nam", "JOR"]
RANKS = ["Counsellor", "First secretary", "second_secretary", "Attaché", "Ambassador"]


def generated_csv(rows: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["email", "first_name", "last_name", "member_state", "rank", "language"])
    for i in range(rows):
        writer.writerow(
            [
                f"diplomat{i}@missions.example.org",
                f"Prénom{i}",
                f"Nom{i}",
                STATES[i % len(STATES)],
                RANKS[i % len(RANKS)],
                ["en", "fr", "ar"][i % 3],
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--large", action="store_true", help="10,000 rows instead of 1,000")
    args = parser.parse_args(argv)
    rows = 10_000 if args.large else 1_000

    env = server_env(
        database_url=args.database_url, static_root=tempfile.mkdtemp(prefix="patit-bench-static-")
    )
    recreate_database(args.database_url)
    setup_django(env)
    from django.db import connection

    from people import importing
    from tests.factories import CycleFactory, ProgrammeFactory

    cycle = CycleFactory(
        programme=ProgrammeFactory(modules=1, seminar=False, lessons=1), capacity=rows // 10
    )
    content = generated_csv(rows)

    started = time.perf_counter()
    participants, problems = importing.check(importing.read_table(content, filename="list.csv"))
    checks_seconds = time.perf_counter() - started
    assert not problems and len(participants) == rows, problems[:5]

    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        result = importing.import_participants(content=content, filename="list.csv", cycle=cycle)
        seconds = time.perf_counter() - started
    seated = cycle.enrollments.filter(status="enrolled").count()
    assert result.created == rows and seated == cycle.capacity, (result.created, seated)

    print(f"  rows                          {rows:>8}")
    print(
        f"  seated / waitlisted           {result.enrolled:>8} / {result.waitlisted}"
        f"   (capacity {cycle.capacity})"
    )
    print(f"  whole import                  {rows / seconds:>8.1f} rows/s   ({seconds:.1f} s)")
    print(f"  queries per row               {queries / rows:>8.1f}")
    print(
        f"  checks alone (no writes)      {rows / checks_seconds:>8.1f} rows/s   "
        f"({checks_seconds:.2f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
