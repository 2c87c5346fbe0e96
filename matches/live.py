"""Versions of what live pages show, kept in the cache so that a poll can be answered without the database.

Every change to a match's score bumps the version of that match and of its season. Fragments are cached
and their ETags built from these versions, so an unchanged poll costs one cache read and a 304, and a
score change invalidates exactly the fragments of that match and that season's tables.
Works with any Django cache: local memory on one process, Redis (REDIS_URL) across app servers.
"""

from __future__ import annotations

import datetime as dt
import time

from django.core.cache import cache
from django.dispatch import Signal

from matches.models import Match

VERSION_TTL = 60 * 60 * 24 * 7

# Sent (sender=Match) once scores have changed and committed, with `match_ids`, `season_id` and `since`: the
# earliest kick-off among the changed matches, or None when it is not known (an import, a correction of any field
# in the admin). Whatever else caches what a match shows listens here; this app knows nothing of it.
results_changed = Signal()


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


def current_versions(*, match_id: int | None = None, season_id: int | None = None) -> str | None:
    """As `versions`, from what the cache holds only (one read, no write): None if any of them is missing."""
    keys = [k for k in (match_id and match_key(match_id), season_id and season_key(season_id)) if k]
    found = cache.get_many(keys)
    if any(k not in found for k in keys):
        return None
    return "-".join(str(found[k]) for k in keys)


def season_key_of(match_id: int) -> str:
    return f"live:match:{match_id}:season"


def season_of(match_id: int) -> int | None:
    """A match's season, remembered in the cache: a match never moves season, and a poll should not need
    the database to learn whether anything changed. None for a match that does not exist."""
    key = season_key_of(match_id)
    season_id = cache.get(key)
    if season_id is None:
        season_id = Match.objects.filter(pk=match_id).values_list("season_id", flat=True).first()
        if season_id is not None:
            cache.set(key, season_id, VERSION_TTL)
    return season_id


def bump(*, match_id: int, season_id: int, kickoff: dt.datetime | None = None) -> None:
    """Mark a match and its season changed: every fragment built from either is rebuilt on its next poll.
    `kickoff`: the match's, when only its score changed (so what stood before it has not)."""
    bump_many(match_ids=[match_id], season_id=season_id, since=kickoff)


def bump_many(*, match_ids: list[int], season_id: int, since: dt.datetime | None = None) -> None:
    """Mark several matches of one season changed at once (an import that corrected scores).

    Versions are counters, incremented atomically (Redis INCR with REDIS_URL), so two app servers
    recording scores at the same moment still move every version on.
    """
    for key in [*map(match_key, match_ids), season_key(season_id)]:
        try:
            cache.incr(key)
        except ValueError:  # not in the cache (expired, evicted, restarted): start afresh from the clock
            cache.set(key, time.time_ns(), VERSION_TTL)
    results_changed.send(sender=Match, match_ids=match_ids, season_id=season_id, since=since)
