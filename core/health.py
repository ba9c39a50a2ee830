"""`/healthz/services`: is each service the site uses reachable, told apart (decision 0008).

For a load balancer or a person on call: 200 when the database, the cache and the broker all
answer, 503 naming the one that does not. The site itself stays up without the cache or the
broker (they degrade it); without the database nothing works. The answer names services and
the kind of error only, never an address, a user name or a password.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        # Past the tolerant layer, which would answer "miss" for a server that is down.
        backend._cache.get_client(write=True).ping()
        return
    backend.set("lms:health", 1, 10)
    if backend.get("lms:health") != 1:
        raise RuntimeError("the cache did not keep a value")


def _broker() -> None:
    # The project's Celery app (config/celery.py) is the current one once Django has
    # started; asked for this way, the floor does not import the roof.
    from celery import current_app as app

    if app.conf.task_always_eager:
        return  # tasks run in the web process: no broker to reach
    with app.connection_for_write() as broker:
        broker.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)


CHECKS: dict[str, Callable[[], None]] = {
    "database": _database,
    "cache": _cache,
    "broker": _broker,
}


def _check(probe: Callable[[], None]) -> dict:
    try:
        probe()
    except Exception as error:  # any failure means "down"; only its kind is shown
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True}


@never_cache
@require_GET
def services(request):
    report = {name: _check(probe) for name, probe in CHECKS.items()}
    down = [name for name, result in report.items() if not result["ok"]]
    return JsonResponse({**report, "down": down}, status=503 if down else 200)


@require_GET
def healthz(request):
    """A trivial view: the baseline the benchmarks compare pages against."""
    return HttpResponse("ok", content_type="text/plain")
