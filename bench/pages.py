"""Page speed: a lesson page, the learner's dashboard and the instructor's progress matrix
with 200 learners in the cycle, next to a bare Wagtail page, on one gunicorn server.

For each page: requests per second (production settings, gunicorn with `--workers`, against
PostgreSQL; many GETs from a pool of client threads), the ratio to the bare Wagtail page
(the programme's home page, served to an anonymous visitor) measured in the same run, and
the number of SQL queries the page runs (measured in this process with Django's test
client on the same database).

With `--scale`, the data is the history of `manage.py seed_scale` (the `--quick` size:
2,000 learners, 40 cycles; `--full`: 100,000 and 1,000): the lesson and module pages of a
learner in a running cycle, the dashboard of a learner with 10 past cycles, and the matrix
of a running cycle of 2,000 learners, each printed with its target ratio (issue 14).

Run it from the project directory (it drops and recreates `patit_bench_pages`):

    .venv/bin/python bench/pages.py
    .venv/bin/python bench/pages.py --scale [--full]
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
    print_rates,
    query_counts,
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
    parser.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    parser.add_argument(
        "--scale", action="store_true", help="measure with seed_scale's data (the --quick size)"
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="with --scale: seed_scale's full size (100,000 learners)",
    )
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
        completions += [
            LessonCompletion(enrollment=enrollment, lesson=lesson) for lesson in lessons[: i % 10]
        ]
    LessonCompletion.objects.bulk_create(completions)
    instructor = InstructorFactory()
    services.assign_instructor(cycle=cycle, instructor=instructor)
    learner = people[0]
    return {
        "bare Wagtail page": (home.url, ""),
        "lesson page": (lessons[0].url, session_cookie(learner)),
        "dashboard (/my/)": ("/my/", session_cookie(learner)),
        "progress matrix": (f"/admin/reports/progress/{cycle.pk}/", session_cookie(instructor)),
    }, {"lesson page": learner, "dashboard (/my/)": learner, "progress matrix": instructor}


# Issue 14's targets, as a share of the bare Wagtail page's rate.
TARGETS = {
    "lesson page": 0.8,
    "module page": 0.8,
    "dashboard, 10 past cycles": 0.8,
    "matrix, 2,000 learners": 0.5,
}


def build_scale(*, full: bool):
    """seed_scale's history, a running cycle of 2,000 learners and its instructor; the pages
    of issue 14's targets with the users that see them."""
    from django.core.management import call_command

    from accounts.models import User
    from cms.builders import ensure_home_page
    from courses import services
    from courses.models import Enrollment
    from demo.scale import seed_large_cycle, seed_scale
    from demo.scale_people import VETERAN
    from tests.factories import InstructorFactory

    call_command("collectstatic", interactive=False, verbosity=0)
    sizes = {"learners": 100_000, "cycles": 1000} if full else {"learners": 2000, "cycles": 40}
    summary = seed_scale(**sizes)
    print(
        f"seed_scale {sizes}: {summary.rows}; "
        + ", ".join(f"{k} {v:.0f} s" for k, v in summary.timings.items())
    )
    home = ensure_home_page()
    large = seed_large_cycle(learners=2000)
    instructor = InstructorFactory()
    services.assign_instructor(cycle=large, instructor=instructor)
    # A learner of a running cycle of the first programme, part-way through it.
    enrollment = (
        Enrollment.objects.filter(
            cycle__code__startswith="SCALE-1-",
            status=Enrollment.Status.ENROLLED,
            cycle__curriculum__isnull=False,
        )
        .select_related("cycle__programme")
        .order_by("pk")
        .first()
    )
    module = enrollment.cycle.programme.modules().first()
    lesson = module.lessons().first()
    learner, veteran = enrollment.learner, User.objects.get(email=VETERAN)
    return {
        "bare Wagtail page": (home.url, ""),
        "lesson page": (lesson.url, session_cookie(learner)),
        "module page": (module.url, session_cookie(learner)),
        "dashboard, 10 past cycles": ("/my/", session_cookie(veteran)),
        "matrix, 2,000 learners": (
            f"/admin/reports/progress/{large.pk}/",
            session_cookie(instructor),
        ),
    }, {
        "lesson page": learner,
        "module page": learner,
        "dashboard, 10 past cycles": veteran,
        "matrix, 2,000 learners": instructor,
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    static_root = tempfile.mkdtemp(prefix="patit-bench-static-")
    try:
        env = server_env(database_url=args.database_url, static_root=static_root)
        recreate_database(args.database_url)
        setup_django(env)
        pages, users = build_scale(full=args.full) if args.scale else build(args.learners)
        queries = query_counts({name: path for name, (path, _cookie) in pages.items()}, users=users)
        from django.db import connections

        connections.close_all()
        port = args.port or free_port()
        with tempfile.TemporaryFile("w+") as log:
            server = start_gunicorn(env, port=port, workers=args.workers, log=log)
            try:
                wait_until_up(server, port)
                rates = {}
                for name, (path, cookie) in pages.items():
                    requests_per_second(
                        port, path, cookie=cookie, requests=50, threads=args.threads
                    )  # warm-up
                    rate, failures = requests_per_second(
                        port, path, cookie=cookie, requests=args.requests, threads=args.threads
                    )
                    if failures:
                        log.seek(0)
                        raise SystemExit(
                            f"{name}: {failures} failed requests\n" + log.read()[-2000:]
                        )
                    rates[name] = rate
            finally:
                stop_server(server)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)

    print()
    if args.scale:
        size = "100,000 learners, 1,000 cycles" if args.full else "2,000 learners, 40 cycles"
        print(
            f"Pages with seed_scale's data ({size}; "
            f"gunicorn {args.workers} workers, PostgreSQL, {args.threads} client threads)"
        )
    else:
        print(
            f"Pages with {args.learners} learners in the cycle "
            f"(gunicorn {args.workers} workers, PostgreSQL, {args.threads} client threads)"
        )
    print_rates({name: rates[name] for name in pages}, queries, TARGETS, heading="page")
    return 0


def stop_server(server):
    server.terminate()
    try:
        server.wait(timeout=20)
    except Exception:  # noqa: BLE001 - a server that will not stop is killed
        server.kill()


if __name__ == "__main__":
    sys.exit(main())
