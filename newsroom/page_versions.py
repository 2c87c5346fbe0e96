"""What a cached page depends on, as dependency tags whose versions live in the cache, and the writes that move them.

A tag names one thing a page shows ("article:12", "club:3", "match:40") or a coarse family ("news", "results").
Its version is a counter in the cache, moved with an atomic `incr` once the write has committed; a page cached
with the versions it was built from is fresh while every one of them is unchanged. A version the cache has lost
(flushed, evicted, Redis restarted) is started afresh from the clock, so no page built on the old one can match
it again: pages are rebuilt, never served stale.

A season's results are a timeline: besides its counter, each change records the kick-off of the match it
touched, under the counter's new value (`log`). A preview shows the table as it stood at its own kick-off, so
it depends only on changes before that moment: when the counter has moved it reads the few entries since its
version (one `get_many`, at most `LOG_LIMIT`), and stays fresh if every one of them is at or after its kick-off.

The receivers at the end are the one place where writes become version moves: signals, because this is cache
bookkeeping that must follow every write path (actions, admin, importer, shell), not domain logic.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction

from newsroom.models import Article

PREFIX = "pv:"
VERSION_TTL = 60 * 60 * 24 * 7
# How many changes of a timeline a cached page may catch up on before it is simply rebuilt.
LOG_LIMIT = 16
# The version every write moves: a page built while it moved is not stored.
ANY_WRITE = "all"
# The moment of a change whose matches are not known one by one (an import, a correction in the admin):
# before every page's kick-off.
EVERYTHING = 0


def version_key(tag: str) -> str:
    return f"{PREFIX}{tag}"


def log_key(tag: str, version: int) -> str:
    return f"{PREFIX}{tag}@{version}"


def pair(home_id: int, away_id: int) -> str:
    """The tag of the meetings of two clubs, whichever was at home."""
    low, high = sorted((home_id, away_id))
    return f"pair:{low}:{high}"


def season_timeline(season_id: int) -> str:
    """A season's results: as a tag, any change; as a timeline (`Shows.since`), the changes before a moment."""
    return f"season:{season_id}"


@dataclass(frozen=True)
class Shows:
    """What a page shows, for the whole-page cache: `tags`; timelines of which only the changes before a moment
    matter (`since`); the moment it turns by the clock alone (`until`); whether a match on it is on (`live`)."""

    tags: tuple[str, ...] = ()
    since: tuple[tuple[str, dt.datetime], ...] = ()
    until: dt.datetime | None = None
    live: bool = False

    def __add__(self, other: Shows) -> Shows:
        untils = [u for u in (self.until, other.until) if u is not None]
        return Shows(
            (*self.tags, *other.tags), (*self.since, *other.since), min(untils, default=None), self.live or other.live
        )


@dataclass(frozen=True)
class Since:
    """A page's dependency on the changes of `timeline` before `moment` (epoch seconds), from `version` on."""

    timeline: str
    moment: int
    version: int


def versions_of(tags: Iterable[str]) -> dict[str, int] | None:
    """The current version of each tag, starting afresh those the cache has lost. None when the cache cannot
    hold them (down): a page built then must not be stored."""
    keys = sorted({version_key(tag) for tag in tags})
    found: dict[str, int] = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, time.time_ns(), VERSION_TTL)
        found |= cache.get_many(missing)
    if any(key not in found for key in keys):
        return None
    return found


def bump(*tags: str) -> None:
    """Move each tag's version now (call it once the write has committed: `bump_on_commit`)."""
    for tag in set(tags):
        next_version(tag)


def next_version(tag: str) -> int:
    key = version_key(tag)
    try:
        return cache.incr(key)
    except ValueError:  # lost (or the cache is down): start afresh; add, so two writers agree on one start
        cache.add(key, time.time_ns(), VERSION_TTL)
        try:
            return cache.incr(key)
        except ValueError:
            return 0


def log(timeline: str, moment: int) -> None:
    """Record a change of `timeline` at `moment`: its counter moves, and the moment is kept under the new value.
    A reader that sees the counter before the moment is written takes the entry for lost and rebuilds."""
    version = next_version(timeline)
    if version:
        cache.set(log_key(timeline, version), moment, VERSION_TTL)


def bump_on_commit(*tags: str, timelines: Iterable[tuple[str, int]] = (), forget: str = "") -> None:
    """Once the write commits: `bump_all`."""
    logged = list(timelines)
    transaction.on_commit(lambda: bump_all(tags, timelines=logged, forget=forget))


def bump_all(tags: Iterable[str], *, timelines: Iterable[tuple[str, int]] = (), forget: str = "") -> None:
    """Move `tags`, and "all", which every write moves; log each (timeline, moment); drop the key `forget`."""
    if forget:
        cache.delete(forget)
    bump(ANY_WRITE, *tags)
    for timeline, moment in timelines:
        log(timeline, moment)


def still_fresh(since: Since, current: int | None) -> bool | None:
    """True when `since`'s timeline has not moved; False when it cannot be caught up (lost, restarted, too many
    changes); None when the log entries between must be read (`caught_up`)."""
    if current == since.version:
        return True
    if current is None or not 0 < current - since.version <= LOG_LIMIT:
        return False
    return None


def entries_between(since: Since, current: int) -> list[str]:
    return [log_key(since.timeline, version) for version in range(since.version + 1, current + 1)]


def caught_up(since: Since, current: int, moments: dict[str, int]) -> bool:
    """Whether every change of the timeline since the page's version was at or after its moment."""
    keys = entries_between(since, current)
    return all(key in moments and moments[key] >= since.moment for key in keys)


# ---- When the next scheduled story goes live --------------------------------------------------------------------

# A story scheduled for later goes live at its time with no job to run: every page listing stories is good only
# until then. The moment is kept here (NONE when nothing is scheduled), forgotten by every article write and read
# again from the database by the first page stored after that, or after the moment has passed.
SCHEDULE = f"{PREFIX}schedule"
NONE = -1.0


def next_publication(now: float) -> float | None:
    """The epoch of the next scheduled publication, None when nothing is scheduled."""
    moment = cache.get(SCHEDULE)
    if moment is None or NONE < moment <= now:
        published_at = Article.objects.scheduled().order_by("published_at").values_list("published_at", flat=True)
        first = published_at.first()
        moment = NONE if first is None else first.timestamp()
        cache.set(SCHEDULE, moment, VERSION_TTL)
    return None if moment == NONE else moment
