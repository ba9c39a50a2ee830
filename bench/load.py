"""Load: simulated learners browse, apply, study and verify at once against the production
shape (gunicorn + PostgreSQL + Redis + a Celery worker), then the rules are checked.

locust runs headless in this process: `--users` learners (100 by default) for `--seconds`
(60), each signed in with its own session. A learner mostly browses (open cycles, the
programme, their dashboard), studies (opens the next lesson and completes it), verifies a
certificate, and applies once to an oversubscribed cycle. Afterwards the worker finishes
the renders and the script checks that no cycle holds more seats than its capacity and
that every completed enrollment has exactly one issued certificate.

Run it from the project directory (it drops and recreates `patit_bench_load`; needs
`pip install -e '.[bench]'` for locust):

    .venv/bin/python bench/load.py
"""

from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    free_port,
    recreate_database,
    server_env,
    session_cookie,
    setup_django,
    start_celery_worker,
    start_gunicorn,
    stop,
    wait_until_up,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/patit_bench_load"
DEFAULT_BROKER_URL = "redis://127.0.0.1:6379/3"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--broker-url", default=DEFAULT_BROKER_URL)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--capacity", type=int, default=30, help="seats of the open cycle")
    return parser.parse_args(argv)


def build(users: int, capacity: int):
    """Two programmes: one with a running cycle where every simulated learner is seated
    (they study it), one with an open cycle smaller than the crowd (they apply to it)."""
    from django.core.management import call_command

    from certificates import services as certificate_services
    from cms.builders import ensure_home_page
    from courses import services
    from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory

    call_command("createcachetable", verbosity=0)
    ensure_home_page()
    study = ProgrammeFactory(modules=2, seminar=False, lessons=3)
    running = CycleFactory(
        programme=study, capacity=users + 10, seminar_requirement="none", code="LOAD-STUDY"
    )
    apply_to = CycleFactory(
        programme=ProgrammeFactory(modules=1, seminar=False, lessons=1),
        capacity=capacity,
        code="LOAD-OPEN",
        offer_hours=48,
    )
    learners = LearnerFactory.create_batch(users)
    for learner in learners:
        services.apply(learner=learner, cycle=running)
    # A certificate to verify: one more learner who completed.
    graduate = LearnerFactory()
    services.apply(learner=graduate, cycle=running)
    for module in study.modules():
        for lesson in module.lessons():
            services.complete_lesson(learner=graduate, lesson=lesson)
    certificate = graduate.enrollments.get().certificates.get()
    certificate_services.render_certificate(certificate_id=certificate.pk)
    lessons = [lesson.url for module in study.modules() for lesson in module.lessons()]
    lesson_ids = [lesson.pk for module in study.modules() for lesson in module.lessons()]
    return {
        "cookies": [session_cookie(learner) for learner in learners],
        "lessons": list(zip(lessons, lesson_ids, strict=True)),
        "programme": study.url,
        "open_cycle": apply_to.code,
        "verify": f"/verify/{certificate.code}/",
    }


def run_locust(host: str, world: dict, *, users: int, seconds: int):
    from locust import HttpUser, between, task
    from locust.env import Environment
    from locust.stats import stats_printer  # noqa: F401 - imported for its side effects

    cookies = list(world["cookies"])
    random.shuffle(cookies)

    class Learner(HttpUser):
        wait_time = between(0.5, 2)

        def on_start(self):
            self.cookie = cookies.pop()
            self.next_lesson = 0
            self.applied = False

        def get(self, path, name=None):
            return self.client.get(path, headers={"Cookie": self.cookie}, name=name or path)

        def post(self, path, name):
            # CSRF: the token cookie and the form field, as the browser sends them.
            page = self.get(reverse_safe(path), name=f"{name} (form page)")
            token = page.cookies.get("csrftoken") or re.search(
                r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text or ""
            ).group(1)
            return self.client.post(
                path,
                data={"csrfmiddlewaretoken": token},
                headers={"Cookie": f"{self.cookie}; csrftoken={token}", "Referer": host + path},
                name=name,
                allow_redirects=False,
            )

        @task(4)
        def browse(self):
            self.get("/cycles/")
            self.get(world["programme"], name="programme page")
            self.get("/my/")

        @task(4)
        def study(self):
            if self.next_lesson >= len(world["lessons"]):
                return
            url, lesson_id = world["lessons"][self.next_lesson]
            self.get(url, name="lesson page")
            response = self.post(f"/lessons/{lesson_id}/complete/", "complete a lesson")
            if response.status_code == 302:
                self.next_lesson += 1

        @task(1)
        def verify(self):
            self.get(world["verify"], name="verify")

        @task(1)
        def apply(self):
            if not self.applied:
                self.post(f"/cycles/{world['open_cycle']}/apply/", "apply")
                self.applied = True

    def reverse_safe(path):
        # The form for an action is on the page the learner was reading.
        if path.startswith("/lessons/"):
            lesson_id = int(path.split("/")[2])
            return next(url for url, pk in world["lessons"] if pk == lesson_id)
        return path.replace("/apply/", "/")

    env = Environment(user_classes=[Learner], host=host)
    runner = env.create_local_runner()
    runner.start(users, spawn_rate=max(users // 5, 1))
    time.sleep(seconds)
    runner.quit()
    return env.stats


def check_rules():
    from certificates.models import Certificate
    from courses import selectors
    from courses.models import Cycle, Enrollment

    over = [c.code for c in Cycle.objects.all() if selectors.seated_count(cycle=c) > c.capacity]
    open_cycle = Cycle.objects.get(code="LOAD-OPEN")
    print(
        f"  open cycle: {selectors.seated_count(cycle=open_cycle)} seated of "
        f"{open_cycle.capacity}, "
        f"{open_cycle.enrollments.filter(status='waitlisted').count()} waitlisted"
    )
    completed = Enrollment.objects.filter(status=Enrollment.Status.COMPLETED)
    wrong = [
        e.pk
        for e in completed
        if Certificate.objects.filter(enrollment=e, status="issued").count() != 1
    ]
    return over, completed.count(), wrong


def main(argv=None) -> int:
    args = parse_args(argv)
    recreate_database(args.database_url)
    static_root = tempfile.mkdtemp(prefix="patit-load-static-")
    env = server_env(
        database_url=args.database_url, static_root=static_root, broker_url=args.broker_url
    )
    # Every simulated learner comes from 127.0.0.1: lift the per-address limits that would
    # otherwise (rightly) throttle them, and say so.
    env.update(VERIFY_RATE_PER_MINUTE="1000000", LOGIN_FAILURE_LIMIT="1000000")
    setup_django(env)
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    world = build(args.users, args.capacity)
    port = free_port()
    log = open(Path(static_root) / "servers.log", "w")  # noqa: SIM115 - closed below
    server = start_gunicorn(env, port=port, workers=args.workers, log=log)
    worker = start_celery_worker(env, concurrency=1, log=log)
    try:
        wait_until_up(server, port)
        stats = run_locust(
            f"http://127.0.0.1:{port}", world, users=args.users, seconds=args.seconds
        )
        total = stats.total
        # Let the worker finish the renders the completions queued; sweep what is left.
        from certificates.services import sweep

        deadline = time.monotonic() + 120
        from certificates.models import Certificate

        while (
            time.monotonic() < deadline
            and Certificate.objects.exclude(status="issued").exclude(status="revoked").exists()
        ):
            sweep(now=None)
            time.sleep(2)
        over, completed, wrong = check_rules()
    finally:
        stop(worker)
        server.terminate()
        server.wait(timeout=30)
        log.close()
    print(f"  simulated learners            {args.users:>8}   for {args.seconds} s")
    print(f"  requests                      {total.num_requests:>8}")
    print(f"  requests per second           {total.total_rps:>8.1f}")
    print(f"  median answer (p50)           {total.get_response_time_percentile(0.5):>8.0f} ms")
    print(f"  95th percentile (p95)         {total.get_response_time_percentile(0.95):>8.0f} ms")
    print(f"  errors (must be 0)            {total.num_failures:>8}")
    for name, entry in sorted(stats.entries.items()):
        print(
            f"    {name[0][:40]:<40} {entry.num_requests:>6} req  "
            f"p50 {entry.get_response_time_percentile(0.5):>5.0f} ms  "
            f"p95 {entry.get_response_time_percentile(0.95):>5.0f} ms  "
            f"errors {entry.num_failures}"
        )
    print(f"  cycles over capacity (must be none)   {over or 'none'}")
    print(
        f"  completed enrollments          {completed:>8}; without exactly one issued "
        f"certificate (must be 0): {len(wrong)}"
    )
    shutil.rmtree(static_root, ignore_errors=True)
    return 0 if total.num_failures == 0 and not over and not wrong else 1


if __name__ == "__main__":
    raise SystemExit(main())
