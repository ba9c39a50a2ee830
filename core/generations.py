"""Values kept in the shared cache until something they were computed from changes.

A `Generation` is a number in the cache that the signals of the tables a value depends on
increase. A value is stored with the generation it was computed under and read back in the
same round trip as the current generation: equal, it is served; different, it is computed
again. Nothing is deleted key by key, so a change can never miss one of the keys it
affects. Used for users' permissions (`accounts/auth_backends.py`) and for the curriculum's
shape (`courses/selectors/curriculum.py`, bumped by `cms/generation.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction


class Generation:
    def __init__(self, name: str, *, timeout: int):
        self.key = f"lms:generation:{name}"
        self.prefix = f"lms:{name}:"
        # A backstop, not the mechanism: a change made behind the signals' back (raw SQL)
        # is seen within this many seconds.
        self.timeout = timeout

    def current(self) -> int:
        # add() keeps a generation another process set first.
        cache.add(self.key, 1, None)
        return cache.get(self.key) or 1

    def bump(self, **_signal_kwargs) -> None:
        """Every value computed so far is stale, now and again once the change commits (a
        reader between the two may have stored the old rows under the new number)."""
        self._increase()
        transaction.on_commit(self._increase)

    def _increase(self) -> None:
        try:
            cache.incr(self.key)
        except ValueError:  # no generation yet: nothing was stored under one
            cache.add(self.key, 1, None)

    def cached(self, key: str, compute: Callable[[], Any], *, keep_none: bool = True) -> Any:
        """`compute()`, or the value it returned under the current generation. With
        `keep_none=False` a None is not stored (addresses that lead nowhere would otherwise
        fill the cache with whatever a visitor types)."""
        return self.cached_many({key: key}, lambda _ids: {key: compute()}, keep_none=keep_none)[key]

    def cached_many(
        self, keys: dict, compute: Callable[[list], dict], *, keep_none: bool = True
    ) -> dict:
        """{id: value} for `keys` ({id: key}) in one round trip; `compute(ids)` is called
        once with the ids whose value is missing or stale and returns {id: value}."""
        full = {item: self.prefix + key for item, key in keys.items()}
        return self._evaluate(full, cache.get_many([self.key, *full.values()]), compute, keep_none)

    def keys_of(self, key: str) -> list[str]:
        """The cache keys `cached_from` reads, for a caller that reads them together with
        others in one round trip (the read API's rate limit, `api/auth.py`)."""
        return [self.key, self.prefix + key]

    def cached_from(self, found: dict, key: str, compute: Callable[[], Any]) -> Any:
        """`cached(key, compute)`, with the cache's answer for `keys_of(key)` already read."""
        full = {key: self.prefix + key}
        return self._evaluate(full, found, lambda _ids: {key: compute()}, True)[key]

    def _evaluate(self, full: dict, found: dict, compute, keep_none: bool) -> dict:
        generation = found.get(self.key) or self.current()
        result, missing = {}, []
        for item, key in full.items():
            hit = found.get(key)
            if hit is not None and hit[0] == generation:
                result[item] = hit[1]
            else:
                missing.append(item)
        if missing:
            computed = compute(missing)
            cache.set_many(
                {
                    full[item]: (generation, computed[item])
                    for item in missing
                    if keep_none or computed[item] is not None
                },
                self.timeout,
            )
            result.update(computed)
        return result
