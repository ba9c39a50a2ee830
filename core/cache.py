"""The shared cache, tolerant of an outage (decision 0008).

Everything the site keeps in the cache can be computed again from the database: users'
permissions and the curriculum's shape (generations, `core/generations.py`), Wagtail's site
roots, rate-limit counters. So an unreachable Redis is a slower site, not a broken one: with
`TolerantRedisCache` a failed read is a miss, a failed write is skipped, a failed `incr`
counts nothing, and each failure is logged (once a minute, not once a request).

A value written before the outage may be older than the database once the same server
answers again (a partition, not a restart, keeps its data): a change made during the outage
could not increase its generation. So a process that skipped a write empties the cache the
first time it reaches it again; everything is computed afresh once.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import environ
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

# Loopback or a LAN: a server that does not answer within these is treated as down, so an
# outage costs a request at most this long per cache call, not the kernel's TCP timeout.
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}
REDIS_BACKENDS = ("django.core.cache.backends.redis.RedisCache", "django_redis.cache.RedisCache")


def cache_from_url(url: str) -> dict:
    """The CACHES entry for CACHE_URL: django-environ's, with a Redis cache made tolerant."""
    config = environ.Env.cache_url_config(url)
    if config["BACKEND"] in REDIS_BACKENDS:
        config["BACKEND"] = "core.cache.TolerantRedisCache"
        config["OPTIONS"] = {**DEFAULT_OPTIONS, **config.get("OPTIONS", {})}
    return config


class TolerantRedisCache(RedisCache):
    _last_logged = 0.0
    # Set by a skipped write; the next call that reaches the server empties the cache.
    _missed_write = False

    def _failed(self, operation: str, error: Exception, *, write: bool) -> None:
        if write:
            TolerantRedisCache._missed_write = True
        now = time.monotonic()
        if now - TolerantRedisCache._last_logged > 60:
            TolerantRedisCache._last_logged = now
            log.warning("Cache unreachable (%s): %s; using the database", operation, error)

    def _recover(self) -> None:
        if TolerantRedisCache._missed_write:
            TolerantRedisCache._missed_write = False
            super().clear()
            log.warning("Cache reachable again: emptied, as writes were skipped while it was down")

    def _call(self, operation: str, fallback: Any, *args, write: bool, **kwargs) -> Any:
        try:
            if TolerantRedisCache._missed_write:
                self._recover()
            return getattr(super(), operation)(*args, **kwargs)
        except RedisError as error:
            self._failed(operation, error, write=write)
            return fallback

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version, write=False)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version, write=False)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version, write=False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version, write=True)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version, write=True)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version, write=True)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version, write=True)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version, write=True)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version, write=True)

    def incr(self, key, delta=1, version=None):
        # Counts nothing: a rate limit lets the request through
        # (docs/operations.md, "A cache outage").
        return self._call("incr", 0, key, delta, version, write=True)

    def decr(self, key, delta=1, version=None):
        return self._call("decr", 0, key, delta, version, write=True)

    def clear(self):
        return self._call("clear", False, write=True)

    def count(self, key: str, timeout: int, read=()) -> tuple[int, dict]:
        try:
            if TolerantRedisCache._missed_write:
                self._recover()
            return _redis_count(self, key, timeout, read)
        except RedisError as error:
            self._failed("count", error, write=True)
            # Counts nothing: a rate limit lets the request through (decision 0008); what
            # was to be read is missing, so computed again.
            return 0, {}


def _redis_count(backend: RedisCache, key: str, timeout: int, read) -> tuple[int, dict]:
    counter = backend.make_and_validate_key(key)
    made = {backend.make_and_validate_key(k): k for k in read}
    client = backend._cache.get_client(counter, write=True)
    # INCR creates a missing counter at 1; EXPIRE NX gives it its lifetime and leaves a
    # running counter's alone. One round trip for both and the reads (a pipeline, not a
    # transaction: two requests interleaving still count once each).
    pipe = client.pipeline(transaction=False)
    pipe.incr(counter)
    pipe.expire(counter, timeout, nx=True)
    if made:
        pipe.mget(list(made))
    answers = pipe.execute()
    found = {}
    if made:
        loads = backend._cache._serializer.loads
        found = {
            made[k]: loads(value)
            for k, value in zip(made, answers[2], strict=True)
            if value is not None
        }
    return answers[0], found


def count(key: str, *, timeout: int, read=()) -> tuple[int, dict]:
    """Add one to the counter `key` (created for `timeout` seconds) and return its new
    value, with `get_many(read)`: one round trip on Redis, where Django's `incr` costs two
    (it asks whether the key exists first), a counter's creation (`add`) a third and the
    reads a fourth. (0, {}) with the cache unreachable."""
    from django.core.cache import caches

    backend = caches["default"]
    if isinstance(backend, TolerantRedisCache):
        return backend.count(key, timeout, read)
    if isinstance(backend, RedisCache):
        return _redis_count(backend, key, timeout, read)
    # A process-local cache (development, most tests): no round trip to save.
    found = backend.get_many(read) if read else {}
    backend.add(key, 0, timeout)
    try:
        return backend.incr(key), found
    except ValueError:  # expired between the two calls: this request is the first
        backend.add(key, 1, timeout)
        return 1, found
