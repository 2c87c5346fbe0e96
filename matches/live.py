"""Versions of what live pages show, kept in the cache so that a poll can be answered without the database.

Every change to a match's score bumps the version of that match and of its season. Fragments are cached
and their ETags built from these versions, so an unchanged poll costs one cache read and a 304, and a
score change invalidates exactly the fragments of that match and that season's tables.
Works with any Django cache: local memory on one process, Redis (REDIS_URL) across app servers.
"""

from __future__ import annotations

import time

from django.core.cache import cache

from matches.models import Match

VERSION_TTL = 60 * 60 * 24 * 7


def match_key(match_id: int) -> str:
    return f"live:match:{match_id}:v"


def season_key(season_id: int) -> str:
    return f"live:season:{season_id}:v"


def versions(*, match_id: int | None = None, season_id: int | None = None) -> str:
    """The current version of a match and/or season, as a string for an ETag. A version the cache has
    lost is started afresh from the clock, so a restart can only make clients re-fetch, never go stale."""
    keys = [k for k in (match_id and match_key(match_id), season_id and season_key(season_id)) if k]
    found = cache.get_many(keys)
    missing = {k: time.time_ns() for k in keys if k not in found}
    if missing:
        cache.set_many(missing, VERSION_TTL)
        found |= missing
    return "-".join(str(found[k]) for k in keys)


def season_of(match_id: int) -> int | None:
    """A match's season, remembered in the cache: a match never moves season, and a poll should not need
    the database to learn whether anything changed. None for a match that does not exist."""
    key = f"live:match:{match_id}:season"
    season_id = cache.get(key)
    if season_id is None:
        season_id = Match.objects.filter(pk=match_id).values_list("season_id", flat=True).first()
        if season_id is not None:
            cache.set(key, season_id, VERSION_TTL)
    return season_id


def bump(*, match_id: int, season_id: int) -> None:
    """Mark a match and its season changed: every fragment built from either is rebuilt on its next poll."""
    bump_many(match_ids=[match_id], season_id=season_id)


def bump_many(*, match_ids: list[int], season_id: int) -> None:
    """Mark several matches of one season changed at once (an import that corrected scores).

    Versions are counters, incremented atomically (Redis INCR with REDIS_URL), so two app servers
    recording scores at the same moment still move every version on.
    """
    for key in [*map(match_key, match_ids), season_key(season_id)]:
        try:
            cache.incr(key)
        except ValueError:  # not in the cache (expired, evicted, restarted): start afresh from the clock
            cache.set(key, time.time_ns(), VERSION_TTL)
