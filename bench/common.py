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
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(name)))
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
        [sys.executable, "-m", "celery", "-A", "lms", "worker", "--pool=prefork",
         f"--concurrency={concurrency}", "--prefetch-multiplier=1", "--without-heartbeat",
         "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
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
