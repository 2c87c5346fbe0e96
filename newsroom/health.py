"""What a load balancer asks before it sends traffic: is the database up, is the shared cache up.

The database is required: down, the instance cannot serve and says 503. The cache is an accelerator
(newsroom/redis_cache.py): down, the instance still serves, slower, and says it is degraded. "local" is the
per-process cache used without REDIS_URL: nothing shared to check.
"""

from __future__ import annotations

import logging
import secrets
from typing import Literal

from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)

State = Literal["ok", "down", "local"]
PROBE_KEY = "health:probe"


def database_state() -> State:
    from psycopg_pool import PoolTimeout

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except (DatabaseError, PoolTimeout) as error:
        logger.warning("Health check: the database is down (%s).", type(error).__name__)
        return "down"
    return "ok"


def cache_state() -> State:
    if isinstance(caches["default"], LocMemCache):
        return "local"
    token = secrets.token_hex(8)
    try:
        cache.set(PROBE_KEY, token, 30)
        return "ok" if cache.get(PROBE_KEY) == token else "down"
    except Exception:  # a backend other than ours may raise its own errors; any of them means unusable
        return "down"


def health() -> tuple[dict[str, str], int]:
    """The report and its HTTP status: 200 while the database is up (the cache down only degrades), else 503."""
    database, cache_ = database_state(), cache_state()
    status = "down" if database == "down" else "degraded" if cache_ == "down" else "ok"
    return {"status": status, "database": database, "cache": cache_}, 503 if database == "down" else 200
