"""Shared set-up for the benchmarks: a scratch PostgreSQL database, Django against it,
Celery workers as real processes, and a free port. Benchmarks print their own figures."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.parse
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def require_scratch_name(database_url: str) -> str:
    name = urllib.parse.urlsplit(database_url).path.lstrip("/")
    if "bench" not in name:
        # The database is dropped: refuse anything that does not look like a scratch one.
        raise SystemExit(f"refusing to drop database {name!r}: its name must contain 'bench'")
    return name


def recreate_database(database_url: str) -> None:
    parts = urllib.parse.urlsplit(database_url)
    name = require_scratch_name(database_url)
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        # FORCE ends connections left by an interrupted earlier run (PostgreSQL 13+).
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def setup_django(env: dict[str, str]) -> None:
    """Configure this process's Django from `env` (the same one given to servers and
    workers), make the project importable, and migrate."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_celery_worker(env: dict[str, str], *, concurrency: int, log) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - our own worker
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=prefork",
            f"--concurrency={concurrency}",
            "--prefetch-multiplier=1",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    import signal

    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# --- A real server: gunicorn, sessions, plain HTTP ------------------------------------------


def server_env(*, database_url: str, static_root: str, broker_url: str = "") -> dict[str, str]:
    """Production settings on plain HTTP at 127.0.0.1, shared by this process and gunicorn
    (same SECRET_KEY, so sessions written here are valid there). SSL redirection is off; the
    Secure cookies are sent back by our client's Cookie header regardless."""
    import secrets

    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=database_url,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=f"{HOST},localhost",
        # Production refuses to start without these (a shared cache, the public address).
        PUBLIC_BASE_URL=os.environ.get("BENCH_PUBLIC_BASE_URL", f"http://{HOST}"),
        CACHE_URL=os.environ.get("BENCH_CACHE_URL", "rediscache://127.0.0.1:6379/14"),
        SECURE_SSL_REDIRECT="false",
        STATIC_ROOT=static_root,
        EMAIL_URL="dummymail://",
        CELERY_BROKER_URL=broker_url,
        LOG_LEVEL="WARNING",
    )
    return env


def session_cookie(user) -> str:
    """A signed-in session, written as django.contrib.auth.login() writes it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "accounts.auth_backends.CachedPermissionsBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def start_gunicorn(env, *, port: int, workers: int, log) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - our own server
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def http_get(port: int, path: str, *, cookie: str = "", timeout: float = 60):
    """(status, body) of one GET on its own connection (gunicorn's sync workers close it)."""
    import http.client

    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        headers = {"Connection": "close", **({"Cookie": cookie} if cookie else {})}
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_until_up(server: subprocess.Popen, port: int, *, timeout: float = 60) -> None:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode} before answering")
        try:
            if http_get(port, "/healthz", timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer /healthz within {timeout:.0f} s")


def burst(one, *, requests: int, threads: int) -> tuple[float, float, list]:
    """(calls per second, seconds, each call's result) of `requests` calls of `one(i)` from
    `threads` client threads: the one timing loop of every HTTP bench."""
    import concurrent.futures
    import time

    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        start = time.perf_counter()
        results = list(pool.map(one, range(requests)))
        elapsed = time.perf_counter() - start
    return requests / elapsed, elapsed, results


def requests_per_second(
    port: int, path: str, *, cookie: str = "", requests: int, threads: int
) -> tuple[float, int]:
    """(requests per second, failures) of `requests` GETs from `threads` client threads."""

    def one(_):
        try:
            return http_get(port, path, cookie=cookie)[0] == 200
        except OSError:
            return False

    per_second, _seconds, results = burst(one, requests=requests, threads=threads)
    return per_second, results.count(False)


def query_counts(paths: dict[str, str], *, headers=None, users=None) -> dict[str, int]:
    """The queries of one warm GET of each path (by name), through Django's test client,
    signed in as `users[name]` or sending `headers[name]` when given; a page that does not
    answer 200 stops the bench."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for name, path in paths.items():
        client = Client(HTTP_HOST=HOST)
        if users and name in users:
            client.force_login(users[name])
        sent = (headers or {}).get(name) or {}
        client.get(path, secure=True, headers=sent)  # warm caches, as the server is warm
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path, secure=True, headers=sent).status_code
        if status != 200:
            raise SystemExit(f"{name} ({path}) answered {status}")
        counts[name] = len(queries.captured_queries)
    return counts


def print_rates(
    rates: dict[str, float], queries: dict[str, int], targets: dict, *, heading: str
) -> None:
    """The bench's table: each URL's requests per second, its ratio to the bare Wagtail
    page, its target (when it has one) and verdict, and its queries; the machine's cores and
    load first, since a shared machine's figures mean nothing without them."""
    bare = rates["bare Wagtail page"]
    print(
        f"  CPU cores: {os.cpu_count()}; load average (1, 5, 15 min): "
        + " ".join(f"{x:.2f}" for x in os.getloadavg())
    )
    print(f"  {heading:<28} {'req/s':>8} {'vs bare':>8} {'target':>7} {'':6} {'queries':>8}")
    for name, rate in rates.items():
        ratio = rate / bare
        target = targets.get(name)
        verdict = "" if target is None else ("PASS" if ratio >= target else "BELOW")
        shown = f"{target:.2f}x" if target else ""
        print(f"  {name:<28} {rate:8.1f} {ratio:7.2f}x {shown:>7} {verdict:6} {queries[name]:8d}")
