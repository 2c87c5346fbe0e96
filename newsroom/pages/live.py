"""Live fragments of a match (the score, and the league table around it) as open pages poll them over htmx.

Each fragment's ETag is built from versions the cache holds (newsroom.live_polls), so an unchanged poll is a 304
with no database query and no rendering. A changed one renders once per version and is cached, so many
readers polling the same match cost one render between score changes.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache

from matches.facts import match_facts
from matches.models import Match

FRAGMENT_TTL = 60 * 60


def cached_fragment(etag: str, build: Callable[[], str]) -> str:
    """The fragment for `etag` from the cache, built once per version."""
    key = f"fragment:{etag}"
    html = cache.get(key)
    if html is None:
        html = build()
        cache.set(key, html, FRAGMENT_TTL)
    return html


def table_context(match: Match) -> dict[str, object]:
    """The table as it stood at kick-off, or as it stands while the match is on."""
    return {"match": match, "facts": match_facts(match, live=match.is_in_play), "polls": match.polls()}
