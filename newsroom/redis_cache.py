"""The shared cache on Redis, as an accelerator and never a dependency (settings use it when REDIS_URL is set).

Django's RedisCache raises on every operation while Redis is unreachable, so an outage was a 500 on every page
that reads the cache and a traceback per request. `ResilientRedisCache` answers as an empty cache instead: a
read is a miss, a write does nothing, `incr` raises ValueError as for a key the cache does not hold (the one
error its callers already handle), so pages are built from the database, slower. The outage is logged once,
with a warning, and its end once, at INFO. While Redis is down the process stops asking it for
`retry_after` seconds at a time, so a Redis that hangs rather than refuses costs one socket timeout per
interval, not one per cache call.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

T = TypeVar("T")
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class CacheUnavailable(Exception):
    """Raised inside the backend only, while it waits before asking an unreachable Redis again."""


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client builds a new redis-py client for every operation, whose constructor alone (its table of
    response callbacks) cost about as much as the round trip to Redis on an unchanged poll. A redis-py client
    over a connection pool is safe to share between threads: one per pool is kept."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        django: Any = self  # Django's own attributes, which its type stubs do not declare
        index = django._get_connection_pool_index(write)  # the server, as Django picks it (replicas for reads)
        client = self._clients.get(index)
        if client is None:
            if index not in django._pools:
                django._pools[index] = django._pool_class.from_url(django._servers[index], **django._pool_options)
            client = self._clients[index] = django._client(connection_pool=django._pools[index])
        return client


class ResilientRedisCache(RedisCache):
    # Seconds between attempts while Redis is down.
    retry_after: float = 5.0

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self._lock = threading.Lock()
        self._down_since: float | None = None
        self._next_attempt = 0.0

    @property
    def is_down(self) -> bool:
        return self._down_since is not None

    def _call(self, operation: Callable[[], T], fallback: T) -> T:
        if self._down_since is not None and time.monotonic() < self._next_attempt:
            return fallback
        try:
            result = operation()
        except UNREACHABLE as error:
            self._went_down(error)
            return fallback
        if self._down_since is not None:
            self._came_back()
        return result

    def _went_down(self, error: BaseException) -> None:
        with self._lock:
            self._next_attempt = time.monotonic() + self.retry_after
            if self._down_since is None:
                self._down_since = time.monotonic()
                logger.warning(
                    "The cache (Redis) is unreachable: serving without it until it answers again (%s: %s).",
                    type(error).__name__,
                    error,
                )

    def _came_back(self) -> None:
        with self._lock:
            if self._down_since is None:
                return
            seconds, self._down_since = time.monotonic() - self._down_since, None
        logger.info("The cache (Redis) answers again, after %.0f seconds unreachable.", seconds)

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._call(lambda: super(ResilientRedisCache, self).add(key, value, timeout, version), False)

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._call(lambda: super(ResilientRedisCache, self).get(key, default, version), default)

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        self._call(lambda: super(ResilientRedisCache, self).set(key, value, timeout, version), None)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._call(lambda: super(ResilientRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._call(lambda: super(ResilientRedisCache, self).delete(key, version), False)

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        return self._call(lambda: super(ResilientRedisCache, self).get_many(keys, version), {})

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._call(lambda: super(ResilientRedisCache, self).has_key(key, version), False)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        value: int | None = self._call(lambda: super(ResilientRedisCache, self).incr(key, delta, version), None)
        if value is None:
            raise ValueError(f"Key '{key}' not found (the cache is unreachable).")
        return value

    def set_many(self, data: dict[Any, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> list[Any]:
        return self._call(lambda: super(ResilientRedisCache, self).set_many(data, timeout, version), [])

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        self._call(lambda: super(ResilientRedisCache, self).delete_many(keys, version), None)

    def clear(self) -> None:
        self._call(lambda: super(ResilientRedisCache, self).clear(), None)
