"""Page speed: a lesson page, the learner's dashboard and the instructor's progress matrix
with 200 learners in the cycle, next to a bare Wagtail page, on one gunicorn server.

For each page: requests per second (production settings, gunicorn with `--workers`, against
PostgreSQL; many GETs from a pool of client threads), the ratio to the bare Wagtail page
(the programme's home page, served to an anonymous visitor) measured in the same run, and
the number of SQL queries the page runs (measured in this process with Django's test
client on the same database).

Run it from the project directory (it drops and recreates `patit_bench_pages`):

    .venv/bin/python bench/pages.py
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    free_port,
    recreate_database,
    requests_per_second,
    server_env,
    session_cookie,
    setup_django,
    start_gunicorn,
    wait_until_up,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/patit_bench_pages"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--requests", type=int, default=600, help="GETs per page")
    parser.add_argument("--threads", type=int, default=8, help="client threads")
    return parser.parse_args(argv)


def build(learners: int):
    """The PATIT-shaped programme, a running cycle with `learners` seated at different
    points, an assigned instructor; returns the paths and the cookies to measure with."""
    from django.core.management import call_command

    from cms.builders import ensure_home_page
    from courses import services
    from courses.models import LessonCompletion
    from tests.factories import (
        CycleFactory,
        InstructorFactory,
        LearnerFactory,
        ProgrammeFactory,
    )

    call_command("collectstatic", interactive=False, verbosity=0)
    home = ensure_home_page()
    programme = ProgrammeFactory(modules=4, seminar=True, lessons=3, checks=True)
    cycle = CycleFactory(programme=programme, capacity=learners)
    lessons = [lesson for module in programme.modules() for lesson in module.lessons()]
    people = LearnerFactory.create_batch(learners, password=None)
    completions = []
    for i, learner in enumerate(people):
        enrollment = services.apply(learner=learner, cycle=cycle)
        # Progress data as a cycle has it mid-way (bulk: this is set-up, not the subject).
        completions += [LessonCompletion(enrollment=enrollment, lesson=lesson)
                        for lesson in lessons[: i % 10]]
    LessonCompletion.objects.bulk_create(completions)
    instructor = InstructorFactory()
    services.assign_instructor(cycle=cycle, instructor=instructor)
    learner = people[0]
    return {
        "bare Wagtail page": (home.url, ""),
        "lesson page": (lessons[0].url, session_cookie(learner)),
        "dashboard (/my/)": ("/my/", session_cookie(learner)),
        "progress matrix": (f"/admin/cycles/progress/{cycle.pk}/",
                            session_cookie(instructor)),
    }, {"learner": learner, "instructor": instructor}


def query_counts(pages, users) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for name, (path, _cookie) in pages.items():
        client = Client(HTTP_HOST="127.0.0.1")
        if name in ("lesson page", "dashboard (/my/)"):
            client.force_login(users["learner"])
        elif name == "progress matrix":
            client.force_login(users["instructor"])
        client.get(path, secure=True)  # warm caches, as the server is warm
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path, secure=True).status_code
        if status != 200:
            raise SystemExit(f"{name} ({path}) answered {status}")
        counts[name] = len(queries.captured_queries)
    return counts


def main(argv=None) -> int:
    args = parse_args(argv)
    static_root = tempfile.mkdtemp(prefix="patit-bench-static-")
    try:
        env = server_env(database_url=args.database_url, static_root=static_root)
        recreate_database(args.database_url)
        setup_django(env)
        pages, users = build(args.learners)
        queries = query_counts(pages, users)
        from django.db import connections

        connections.close_all()
        port = free_port()
        with tempfile.TemporaryFile("w+") as log:
            server = start_gunicorn(env, port=port, workers=args.workers, log=log)
            try:
                wait_until_up(server, port)
                rates = {}
                for name, (path, cookie) in pages.items():
                    requests_per_second(port, path, cookie=cookie, requests=50,
                                        threads=args.threads)  # warm-up
                    rate, failures = requests_per_second(
                        port, path, cookie=cookie, requests=args.requests,
                        threads=args.threads)
                    if failures:
                        log.seek(0)
                        raise SystemExit(f"{name}: {failures} failed requests\n"
                                         + log.read()[-2000:])
                    rates[name] = rate
            finally:
                stop_server(server)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)

    bare = rates["bare Wagtail page"]
    print()
    print(f"Pages with {args.learners} learners in the cycle "
          f"(gunicorn {args.workers} workers, PostgreSQL, {args.threads} client threads)")
    print(f"  {'page':<20} {'req/s':>8} {'vs bare':>8} {'queries':>8}")
    for name in pages:
        print(f"  {name:<20} {rates[name]:8.1f} {rates[name] / bare:7.2f}x {queries[name]:8d}")
    return 0


def stop_server(server):
    server.terminate()
    try:
        server.wait(timeout=20)
    except Exception:  # noqa: BLE001 - a server that will not stop is killed
        server.kill()


if __name__ == "__main__":
    sys.exit(main())
