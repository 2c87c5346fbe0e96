"""One version for everything editors change, kept in the cache: cached pages key on it.

Any save or delete of an article, quote, person, tenure or manager move (or its updates) moves it, so a
cached article page is never older than the newsroom's last edit. Signals are the right hook here: this is
cache bookkeeping, not domain logic, and it must follow every write path (admin, actions, shell, imports).
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction

KEY = "newsroom:content:v"
TTL = 60 * 60 * 24 * 7


def content_version() -> int:
    version = cache.get(KEY)
    if version is None:
        version = time.time_ns()
        cache.add(KEY, version, TTL)
        version = cache.get(KEY, version)
    return version


def bump_content(**kwargs: object) -> None:
    """A signal receiver: move the version once the write has committed."""

    def bump() -> None:
        try:
            cache.incr(KEY)
        except ValueError:
            cache.set(KEY, time.time_ns(), TTL)

    transaction.on_commit(bump)
