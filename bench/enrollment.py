"""Enrollment under load: many learners apply at once, over HTTP, to one capped cycle.

What it measures, in one run against one server:

1. The baseline: requests per second of a trivial view (`GET /healthz`), N requests from a
   pool of threads, one new connection per request.
2. Applications per second: `--applicants` learners (default 200), each signed in with its
   own session and CSRF token, POST `/cycles/<code>/apply/` at the same instant (a
   `threading.Barrier`) to a cycle of `--capacity` seats (default 20). Rate = applicants /
   wall time from the release of the barrier to the last response.

Then it reads the database and checks rule 1 of docs/architecture.md: exactly `capacity` seats taken
(enrolled + offered), everyone else waitlisted at distinct positions 1..n, no errors. It
exits non-zero when a check fails.

The server is gunicorn (`--workers`, default 2, sync) on 127.0.0.1 with
`config.settings.production`, against PostgreSQL. The database named in `--database-url`
(default `patit_bench`) is dropped and created at the start, migrated and filled with the
factories of `tests/factories.py`; it is left in place afterwards for inspection. Static
files are collected into a temporary directory that is removed at the end.

Without `--broker-url`, Celery tasks run in the web process (the embedded default), so each
application also composes its e-mail in the request; e-mail is discarded (`dummymail://`).
With `--broker-url redis://...` the e-mails are only queued, as in the production shape;
no worker is started, so the queued messages stay in that broker: give it a scratch
database.

With `--scale`, the database first gets the history of `manage.py seed_scale` (the
`--quick` size: 2,000 learners, 40 cycles; `--full`: 100,000 and 1,000) and the applicants
apply to a new cycle of one of its programmes; the ratio is printed with issue 14's target
(0.25x the trivial view).

Run it from the project directory:

    .venv/bin/python bench/enrollment.py
    .venv/bin/python bench/enrollment.py --scale [--full]
    .venv/bin/python bench/enrollment.py --applicants 500 --workers 4
"""

from __future__ import annotations

import argparse
import concurrent.futures
import html
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import psycopg
from django.conf import settings  # lazy: read only after django.setup()

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    burst,
    free_port,
    recreate_database,
    server_env,
    session_cookie,
    start_gunicorn,
    wait_until_up,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/patit_bench"
HOST = "127.0.0.1"
TARGET = 0.25  # applications/s as a share of the trivial view's requests/s (issue 14)
TIMEOUT = 120  # seconds per HTTP request: 200 queued applications on 2 workers take a while

# Production settings, because the figures go into docs/performance.md as what a deployment does:
# the same middleware, security settings and manifest static storage as a real server.
# Plain HTTP on 127.0.0.1 needs SSL redirection off; the session and CSRF cookies stay
# `Secure`, which only tells browsers not to send them over HTTP -- this client sends them
# back in its Cookie header regardless. The price is a `collectstatic` (about 10 s) into a
# temporary STATIC_ROOT, which production's manifest storage needs to render any page.
SETTINGS_MODULE = "config.settings.production"

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--applicants", type=int, default=200, help="learners applying at once (default 200)"
    )
    parser.add_argument("--capacity", type=int, default=20, help="seats in the cycle (default 20)")
    parser.add_argument(
        "--database-url",
        default=DEFAULT_DATABASE_URL,
        help="PostgreSQL database to DROP and recreate; its name must contain "
        f"'bench' (default {DEFAULT_DATABASE_URL})",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument(
        "--baseline-requests",
        type=int,
        default=2000,
        help="GET /healthz requests of the baseline (default 2000)",
    )
    parser.add_argument(
        "--baseline-threads",
        type=int,
        default=32,
        help="client threads of the baseline (default 32)",
    )
    parser.add_argument(
        "--broker-url",
        default="",
        help="Celery broker for the server (default: none, tasks in-process)",
    )
    parser.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    parser.add_argument(
        "--scale", action="store_true", help="apply among seed_scale's data (the --quick size)"
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="with --scale: seed_scale's full size (100,000 learners)",
    )
    args = parser.parse_args(argv)
    if args.capacity < 0 or args.applicants <= args.capacity:
        parser.error("--applicants must be more than --capacity, so that some wait")
    if args.workers < 1 or args.baseline_requests < 1 or args.baseline_threads < 1:
        parser.error("--workers, --baseline-requests and --baseline-threads must be positive")
    name = urllib.parse.urlsplit(args.database_url).path.lstrip("/")
    if "bench" not in name:
        # The database is dropped: refuse anything that does not look like a scratch one.
        parser.error(f"refusing to drop database {name!r}: its name must contain 'bench'")
    return args


# --- Setup: database, data, server ------------------------------------------------------------


@dataclass
class Data:
    cycle_code: str
    warmup_code: str
    cookies: list[str]  # "sessionid=...", one per applicant, in order
    warmup_cookies: list[str]


def build_data(args) -> Data:
    """Migrate, collect static files, and create the learners, cycles and signed-in sessions.

    Sessions are written the way `django.contrib.auth.login()` writes them, so that 200
    learners need no password logins (their passwords are unusable).
    """
    import django
    from django.core.management import call_command

    django.setup()
    from django.db import connections

    from tests.factories import CycleFactory, LearnerFactory, ProgrammeFactory

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)

    if args.scale:
        from cms.models import ProgrammePage
        from demo.scale import seed_scale

        sizes = (
            {"learners": 100_000, "cycles": 1000} if args.full else {"learners": 2000, "cycles": 40}
        )
        summary = seed_scale(**sizes)
        print(
            f"seed_scale {sizes}: {summary.rows}; "
            + ", ".join(f"{k} {v:.0f} s" for k, v in summary.timings.items())
        )
        # New learners apply to a new cycle of a programme with a long history.
        programme = ProgrammePage.objects.get(slug="scale-1")
    else:
        programme = ProgrammeFactory(modules=1, seminar=False, lessons=1)
    cycle = CycleFactory(programme=programme, capacity=args.capacity)
    # A separate cycle that warms both workers up on the apply path (first template
    # loads, e-mail rendering) before anything is timed; enough to fill it and wait.
    warmup = CycleFactory(programme=programme, capacity=2)
    warmup_size = 4 * args.workers

    learners = LearnerFactory.create_batch(args.applicants + warmup_size, password=None)
    cookies = [session_cookie(learner) for learner in learners]
    connections.close_all()
    return Data(
        cycle_code=cycle.code,
        warmup_code=warmup.code,
        cookies=cookies[: args.applicants],
        warmup_cookies=cookies[args.applicants :],
    )


# --- HTTP ------------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def cookies(self) -> dict[str, str]:
        jar = SimpleCookie()
        for header in self.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        return {name: morsel.value for name, morsel in jar.items()}


def request(port, method, path, *, headers=None, body=None, timeout=TIMEOUT) -> Response:
    """One request on its own connection (no keep-alive: gunicorn's sync workers close it)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers={"Connection": "close", **(headers or {})})
        response = conn.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        conn.close()


@dataclass
class Applicant:
    cookie: str  # "sessionid=...; csrftoken=..."
    token: str  # the form's csrfmiddlewaretoken


def prepare_applicant(port, code, session_cookie) -> Applicant:
    """What a browser does first: open the cycle page, which sets the CSRF cookie."""
    page = request(port, "GET", f"/cycles/{code}/", headers={"Cookie": session_cookie})
    if page.status != 200:
        raise RuntimeError(f"GET /cycles/{code}/ answered {page.status}: {page.body[:300]!r}")
    csrf_cookie = page.cookies().get(settings.CSRF_COOKIE_NAME)
    match = CSRF_FIELD.search(page.body.decode())
    if not csrf_cookie or not match:
        raise RuntimeError(f"no CSRF cookie or apply form on /cycles/{code}/ (signed in?)")
    return Applicant(
        cookie=f"{session_cookie}; {settings.CSRF_COOKIE_NAME}={csrf_cookie}",
        token=html.unescape(match.group(1)),
    )


def apply(port, code, applicant: Applicant) -> Response:
    return request(
        port,
        "POST",
        f"/cycles/{code}/apply/",
        headers={"Cookie": applicant.cookie, "Content-Type": "application/x-www-form-urlencoded"},
        body=urllib.parse.urlencode({"csrfmiddlewaretoken": applicant.token}),
    )


def is_applied(response: Response) -> bool:
    return response.status == 302 and response.headers.get("Location") == "/my/"


# --- Timed phases ----------------------------------------------------------------------------


def measure_baseline(
    port, *, requests: int, threads: int, path: str = "/healthz"
) -> tuple[float, float, int]:
    """(requests per second, seconds, failures) of GET `path` (/healthz: the trivial view;
    /: the bare Wagtail page, for scale)."""

    def one(_):
        try:
            response = request(port, "GET", path)
            return response.status == 200 and (path != "/healthz" or response.body == b"ok")
        except OSError:
            return False

    per_second, elapsed, results = burst(one, requests=requests, threads=threads)
    return per_second, elapsed, results.count(False)


@dataclass
class Burst:
    seconds: float
    responses: list[Response | Exception] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)

    @property
    def errors(self) -> list[Response | Exception]:
        return [r for r in self.responses if not (isinstance(r, Response) and is_applied(r))]


def apply_all_at_once(port, code, applicants: list[Applicant]) -> Burst:
    """Release every application at the same instant; time until the last answer."""
    released = []
    barrier = threading.Barrier(
        len(applicants), action=lambda: released.append(time.perf_counter())
    )
    responses: list[Response | Exception | None] = [None] * len(applicants)
    finished = [0.0] * len(applicants)

    def worker(i):
        barrier.wait()
        try:
            responses[i] = apply(port, code, applicants[i])
        except Exception as error:  # noqa: BLE001 - counted as an error and reported
            responses[i] = error
        finished[i] = time.perf_counter()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(applicants))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    start = released[0]
    return Burst(
        seconds=max(finished) - start,
        responses=responses,
        latencies=sorted(t - start for t in finished),
    )


def prepare_all(port, code, cookies) -> list[Applicant]:
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        return list(pool.map(lambda c: prepare_applicant(port, code, c), cookies))


# --- Other load on the machine --------------------------------------------------------------

TICKS = os.sysconf("SC_CLK_TCK")
DISTURBED = 0.10  # above this share of the CPUs taken by other processes, say so


def _stat(pid) -> list[str]:
    # Fields after the command name: [0] state, [1] ppid, [11] utime, [12] stime.
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def _cpu_seconds(pid) -> float | None:
    try:
        fields = _stat(pid)
    except OSError:  # the process has ended
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS


def _machine_busy_seconds() -> float:
    user, nice, system, _idle, _iowait, irq, softirq, steal = (
        int(x) for x in Path("/proc/stat").read_text().split()[1:9]
    )
    return (user + nice + system + irq + softirq + steal) / TICKS


class OtherLoad:
    """The share of the machine's CPU time that processes other than this benchmark, its
    gunicorn and its PostgreSQL backends took during a phase (Linux /proc). Rates measured
    while something else ran are not comparable."""

    def __init__(self, *, server_pid: int, database_url: str):
        self.server_pid = server_pid
        parts = urllib.parse.urlsplit(database_url)
        self.database = parts.path.lstrip("/")
        self.admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
        self.share: float | None = None

    def _our_pids(self) -> set[int]:
        workers = set()
        for entry in os.listdir("/proc"):
            try:
                if entry.isdigit() and int(_stat(entry)[1]) == self.server_pid:
                    workers.add(int(entry))
            except OSError:
                pass
        with psycopg.connect(self.admin_url) as conn:
            backends = {
                row[0]
                for row in conn.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = %s", [self.database]
                )
            }
        return {os.getpid(), self.server_pid, *workers, *backends}

    def _ours(self) -> dict[int, float]:
        seconds = {pid: _cpu_seconds(pid) for pid in self._our_pids()}
        return {pid: value for pid, value in seconds.items() if value is not None}

    def __enter__(self):
        self.ours, self.busy, self.start = self._ours(), _machine_busy_seconds(), time.time()
        return self

    def __exit__(self, *exc):
        busy, wall = _machine_busy_seconds() - self.busy, time.time() - self.start
        ours = self._ours()
        # A process that ended in between keeps its last reading (counted as ours, not other).
        used = sum(ours.get(pid, before) - before for pid, before in self.ours.items())
        used += sum(value for pid, value in ours.items() if pid not in self.ours)
        self.share = max(busy - used, 0.0) / (wall * os.cpu_count())


# --- Results ---------------------------------------------------------------------------------


@dataclass
class Outcome:
    seated: int
    waitlisted: int
    other: int
    positions_ok: bool


def read_outcome(code) -> Outcome:
    from django.db import connections

    from courses import selectors
    from courses.models import Cycle, Enrollment

    S = Enrollment.Status
    cycle = Cycle.objects.get(code=code)
    statuses = list(cycle.enrollments.values_list("status", flat=True))
    seated = statuses.count(S.ENROLLED) + statuses.count(S.OFFERED)
    waitlisted = statuses.count(S.WAITLISTED)
    positions = selectors.waitlist_positions(cycle=cycle)
    positions_ok = sorted(positions.values()) == list(range(1, waitlisted + 1))
    connections.close_all()
    return Outcome(seated, waitlisted, len(statuses) - seated - waitlisted, positions_ok)


def describe(error: Response | Exception) -> str:
    if isinstance(error, Response):
        where = error.headers.get("Location")
        text = re.sub(r"(?s)<(style|script)\b.*?</\1>", " ", error.body.decode(errors="replace"))
        body = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())[:300]
        return f"HTTP {error.status}" + (f" -> {where}" if where else "") + f": {body}"
    return f"{type(error).__name__}: {error}"


def server_description(args) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0].split()[0]
    connection.close()
    tasks = f"tasks queued to {args.broker_url}" if args.broker_url else "tasks in-process"
    return (
        f"gunicorn {args.workers} sync workers, PostgreSQL {version}, {SETTINGS_MODULE}, "
        f"{tasks}, {os.cpu_count()} CPUs"
    )


def report(
    args,
    *,
    description,
    outcome,
    burst,
    baseline_rate,
    baseline_seconds,
    baseline_failures,
    bare_rate: float,
    other_load: dict[str, float],
) -> bool:
    rate = args.applicants / burst.seconds
    errors = burst.errors
    p50 = statistics.median(burst.latencies)
    checks = {
        f"seated == {args.capacity}": outcome.seated == args.capacity,
        "errors == 0": not errors,
        f"seated + waitlisted == {args.applicants}": outcome.seated + outcome.waitlisted
        == args.applicants
        and not outcome.other,
        "waitlist positions 1..n, distinct": outcome.positions_ok,
        "baseline without failures": baseline_failures == 0,
    }
    rows = [
        (f"seated (must be {args.capacity})", f"{outcome.seated}", ""),
        (
            "waitlisted",
            f"{outcome.waitlisted}",
            "positions 1..n, distinct" if outcome.positions_ok else "POSITIONS WRONG",
        ),
        ("errors (must be 0)", f"{len(errors)}", ""),
        (
            "applications per second",
            f"{rate:.1f}",
            f"{args.applicants} at once in {burst.seconds:.2f} s; median answer {p50:.2f} s",
        ),
        (
            "trivial view requests/s",
            f"{baseline_rate:.1f}",
            f"{args.baseline_requests} GET /healthz in {baseline_seconds:.2f} s, "
            f"{args.baseline_threads} threads",
        ),
        ("ratio", f"{rate / baseline_rate:.3f}", "applications/s / trivial requests/s"),
        (
            "bare Wagtail page req/s",
            f"{bare_rate:.1f}",
            f"GET / anonymous, same run: {bare_rate / baseline_rate:.3f}x the trivial view",
        ),
        (
            "target (issue 14)",
            f"{TARGET:.3f}",
            "PASS" if rate / baseline_rate >= TARGET else "BELOW",
        ),
        *(
            (f"other load, {phase}", f"{share:.0%}", "of the CPUs, taken by other processes")
            for phase, share in other_load.items()
        ),
    ]
    print(f"PATIT enrollment benchmark: {args.applicants} applicants, capacity {args.capacity}")
    print(description)
    print()
    for label, value, note in rows:
        print(f"  {label:<26} {value:>8}   {note}".rstrip())
    for error in errors[:3]:
        print(f"  error: {describe(error)}")
    if outcome.other:
        print(f"  {outcome.other} enrollments in another status")
    if max(other_load.values()) > DISTURBED:
        print(
            f"  warning: other processes took over {DISTURBED:.0%} of the CPUs: "
            "rerun on a quiet machine before quoting these rates"
        )
    failed = [name for name, ok in checks.items() if not ok]
    print()
    print("FAILED: " + ", ".join(failed) if failed else "OK: every check passed")
    return not failed


# --- Main ------------------------------------------------------------------------------------


def main(argv=None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(ROOT))
    started = time.perf_counter()
    static_root = tempfile.mkdtemp(prefix="patit-bench-static-")
    log = tempfile.NamedTemporaryFile(prefix="patit-bench-gunicorn-", suffix=".log", delete=False)
    server = None
    try:
        env = server_env(
            database_url=args.database_url, static_root=static_root, broker_url=args.broker_url
        )
        os.environ.update(env)
        recreate_database(args.database_url)
        data = build_data(args)
        port = args.port or free_port()
        server = start_gunicorn(env, port=port, workers=args.workers, log=log)
        wait_until_up(server, port)

        # Untimed: CSRF tokens (the cycle pages warm both workers up), then a few
        # applications to a separate cycle and some trivial requests.
        applicants = prepare_all(port, data.cycle_code, data.cookies)
        warmup = apply_all_at_once(
            port, data.warmup_code, prepare_all(port, data.warmup_code, data.warmup_cookies)
        )
        if warmup.errors:
            print(f"warm-up application failed: {describe(warmup.errors[0])}", file=sys.stderr)
        measure_baseline(port, requests=200, threads=args.baseline_threads)

        meter = {
            "baseline": OtherLoad(server_pid=server.pid, database_url=args.database_url),
            "applications": OtherLoad(server_pid=server.pid, database_url=args.database_url),
        }
        with meter["baseline"]:
            baseline_rate, baseline_seconds, baseline_failures = measure_baseline(
                port, requests=args.baseline_requests, threads=args.baseline_threads
            )
        with meter["applications"]:
            burst = apply_all_at_once(port, data.cycle_code, applicants)
        # For scale: what the cheapest page of the site does against the same trivial view.
        bare_rate, _seconds, _failures = measure_baseline(
            port, requests=args.baseline_requests // 4, threads=args.baseline_threads, path="/"
        )

        ok = report(
            args,
            description=server_description(args),
            outcome=read_outcome(data.cycle_code),
            burst=burst,
            baseline_rate=baseline_rate,
            baseline_seconds=baseline_seconds,
            baseline_failures=baseline_failures,
            bare_rate=bare_rate,
            other_load={phase: m.share for phase, m in meter.items()},
        )
    except Exception:
        if server is not None:
            log.flush()
            tail = Path(log.name).read_text(errors="replace")[-3000:]
            print(f"--- gunicorn log ({log.name}) ---\n{tail}", file=sys.stderr)
        raise
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        shutil.rmtree(static_root, ignore_errors=True)
        log.close()
    if ok:
        os.unlink(log.name)
    else:
        print(f"gunicorn's log is kept in {log.name}")
    print(f"(whole run {time.perf_counter() - started:.0f} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
