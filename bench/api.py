"""Read API speed: a list endpoint of /api/v1/ (50 enrollments a page, read with a bearer
token) next to a bare Wagtail page, on one gunicorn server in the same run.

For each URL: requests per second (production settings, gunicorn with `--workers`, against
PostgreSQL; many GETs from a pool of client threads), the ratio to the bare Wagtail page
(the home page, served to an anonymous visitor), and the number of SQL queries (measured in
this process with Django's test client on the same database). The target is 1x: the API's
list is no slower than the lightest page of the site.

Run it from the project directory (it drops and recreates `patit_bench_api`):

    .venv/bin/python bench/api.py [--learners 200]
"""

from __future__ import annotations

import argparse
import http.client
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    HOST,
    burst,
    free_port,
    print_rates,
    query_counts,
    recreate_database,
    server_env,
    setup_django,
    start_gunicorn,
    wait_until_up,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/patit_bench_api"
TARGET = 1.0


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--requests", type=int, default=600, help="GETs per URL")
    parser.add_argument("--threads", type=int, default=8, help="client threads")
    parser.add_argument("--rounds", type=int, default=6, help="URLs measured in turn")
    return parser.parse_args(argv)


def build(learners: int):
    """A PATIT-shaped programme and a running cycle with `learners` at different points
    (a waitlist included), a focal point of their mission; tokens of an administrator and
    of the focal point. Returns {name: (path, token or "")}."""
    from django.core.management import call_command

    from api import tokens
    from cms.builders import ensure_home_page
    from courses import services
    from courses.models import LessonCompletion
    from missions import services as mission_services
    from tests.factories import (
        AdministratorFactory,
        CycleFactory,
        LearnerFactory,
        ProgrammeFactory,
        UserFactory,
    )

    call_command("collectstatic", interactive=False, verbosity=0)
    home = ensure_home_page()
    programme = ProgrammeFactory(modules=4, seminar=True, lessons=3)
    cycle = CycleFactory(programme=programme, capacity=learners * 3 // 4)
    lessons = [lesson for module in programme.modules() for lesson in module.lessons()]
    completions = []
    for i, learner in enumerate(
        LearnerFactory.create_batch(learners, password=None, member_state="GHA")
    ):
        enrollment = services.apply(learner=learner, cycle=cycle)
        completions += [
            LessonCompletion(enrollment=enrollment, lesson=lesson) for lesson in lessons[: i % 10]
        ]
    LessonCompletion.objects.bulk_create(completions)
    administrator = AdministratorFactory()
    focal = UserFactory(member_state="GHA")
    mission_services.appoint(user=focal, member_state="GHA", by=administrator)
    admin_token = tokens.create_token(user=administrator, name="bench")[1]
    focal_token = tokens.create_token(user=focal, name="bench")[1]
    return {
        "bare Wagtail page": (home.url, ""),
        "enrollments, administrator": ("/api/v1/enrollments/?limit=50", admin_token),
        "enrollments, focal point": ("/api/v1/enrollments/?limit=50", focal_token),
        "cycles, administrator": ("/api/v1/cycles/", admin_token),
    }


def get(port: int, path: str, token: str) -> int:
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        headers = {"Connection": "close"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def rate(port: int, path: str, token: str, *, requests: int, threads: int) -> tuple[float, int]:
    """(requests per second, failures) of `requests` GETs from `threads` client threads."""

    def one(_):
        try:
            return get(port, path, token) == 200
        except OSError:
            return False

    per_second, _seconds, results = burst(one, requests=requests, threads=threads)
    return per_second, results.count(False)


def main(argv=None) -> int:
    args = parse_args(argv)
    static_root = tempfile.mkdtemp(prefix="patit-bench-static-")
    try:
        env = server_env(database_url=args.database_url, static_root=static_root)
        # The per-token limit would stop the bench itself: lifted for this run.
        env["API_RATE_LIMIT_PER_MINUTE"] = str(10 * args.requests)
        # No certificate is signed here: production's demand for UNITAR's keys is waived.
        env["CERTIFICATE_SIGNING"] = "off"
        recreate_database(args.database_url)
        setup_django(env)
        urls = build(args.learners)
        # The statistics a production database has: without them the planner guesses the
        # freshly filled tables hold a few rows (nested loops over every user), until
        # autovacuum analyses them at some moment of the run, for some URLs and not others.
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        queries = query_counts(
            {name: path for name, (path, _token) in urls.items()},
            headers={
                name: {"Authorization": f"Bearer {token}"}
                for name, (_path, token) in urls.items()
                if token
            },
        )
        from django.db import connections

        connections.close_all()
        port = free_port()
        with tempfile.TemporaryFile("w+") as log:
            server = start_gunicorn(env, port=port, workers=args.workers, log=log)
            try:
                wait_until_up(server, port)
                for path, token in urls.values():
                    rate(port, path, token, requests=50, threads=args.threads)  # warm-up
                # Round after round, each URL in turn: on a shared machine the load drifts,
                # and every URL then meets the same drift.
                spent = dict.fromkeys(urls, 0.0)
                per_round = max(1, args.requests // args.rounds)
                for _round in range(args.rounds):
                    for name, (path, token) in urls.items():
                        per_second, failures = rate(
                            port, path, token, requests=per_round, threads=args.threads
                        )
                        if failures:
                            log.seek(0)
                            raise SystemExit(f"{name}: {failures} failed\n" + log.read()[-2000:])
                        spent[name] += per_round / per_second
                rates = {name: per_round * args.rounds / spent[name] for name in urls}
            finally:
                server.terminate()
                server.wait(timeout=30)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)

    print()
    print(
        f"Read API with {args.learners} learners in the cycle (gunicorn {args.workers} workers, "
        f"PostgreSQL, {args.threads} client threads)"
    )
    targets = {name: TARGET for name in urls if name != "bare Wagtail page"}
    print_rates({name: rates[name] for name in urls}, queries, targets, heading="URL")
    return 0


if __name__ == "__main__":
    sys.exit(main())
