"""The ETags of a match's live fragments, and an unchanged poll answered before the rest of the site runs.

Open match pages poll `/matches/<id>/score/` and `/table/` every few seconds with htmx and the ETag they hold;
between goals the answer is a 304. `LivePollMiddleware`, near the top of MIDDLEWARE, answers it from one cache
read (the match's and its season's versions, `get_many`): no session, no database, no template, no URL
resolving. Anything else (a first poll, a changed one, versions the cache has lost, the cache down) goes on to
the view, which builds the fragment, from the database when it must.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponseBase, HttpResponseNotModified
from django.utils.http import parse_etags

from matches import live
from newsroom.memo import ProcessMemo

# Bump when the fragments' templates change, so no reader is served a cached fragment of the old design.
FRAGMENT_VERSION = 2
POLL = re.compile(r"^/matches/(?P<pk>[0-9]{1,18})/(?P<name>score|table)/$")
# What every answer to a poll says (newsroom.views.live): revalidate each time, and it varies with HX-Request.
POLL_HEADERS = {"Cache-Control": "no-cache, private", "Vary": "HX-Request"}

# Each process keeps the ETags it read for POLL_MEMO_SECONDS: a match polled by many open pages costs one cache
# read a second per process, not one a poll. A change made elsewhere reaches a poll at most that much later (a poll
# comes every few seconds anyway); one made by this process clears them at once.
POLL_MEMO_SECONDS = 1.0
_etags: ProcessMemo[tuple[str, int], tuple[str, float]] = ProcessMemo(limit=10_000)

# A match never moves season, so each process remembers which season a polled match is in (bounded).
_seasons: ProcessMemo[int, int] = ProcessMemo(limit=10_000)


def remembered_season(match_id: int) -> int | None:
    """The season of a match, from this process's memory or else the cache (never the database)."""
    season_id = _seasons.get(match_id)
    if season_id is None:
        season_id = cache.get(live.season_key_of(match_id))
        if season_id is not None:
            _seasons.keep(match_id, season_id)
    return season_id


def etag_of(name: str, match_id: int, versions: str) -> str:
    return f'W/"{name}-{FRAGMENT_VERSION}-{match_id}-{versions}"'


def fragment_etag(name: str, match_id: int, *, with_season: bool = False) -> str:
    """A weak ETag naming the fragment and the versions it was built from; no database unless the cache has
    lost which season the match is in."""
    season_id = live.season_of(match_id) if with_season else None
    return etag_of(name, match_id, live.versions(match_id=match_id, season_id=season_id))


def unchanged_etag(name: str, match_id: int) -> str | None:
    """The fragment's ETag as this process read it in the last POLL_MEMO_SECONDS, or from one cache read (two
    the first time this process sees the match's table); None if the cache cannot give it (a version or the
    match's season lost, the cache down)."""
    now = time.monotonic()
    memo = _etags.get((name, match_id))
    if memo is not None and memo[1] > now:
        return memo[0]
    etag = etag_from_cache(name, match_id)
    if etag is not None:
        _etags.keep((name, match_id), (etag, now + POLL_MEMO_SECONDS))
    return etag


def forget_etags(**kwargs: object) -> None:
    """A `results_changed` receiver: a change this process made is seen by its next poll."""
    _etags.clear()


def etag_from_cache(name: str, match_id: int) -> str | None:
    season_id = None
    if name == "table":
        season_id = remembered_season(match_id)
        if season_id is None:
            return None
    versions = live.current_versions(match_id=match_id, season_id=season_id)
    return None if versions is None else etag_of(name, match_id, versions)


def weak(etag: str) -> str:
    return etag.removeprefix("W/")


class LivePollMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        asked = request.META.get("HTTP_IF_NONE_MATCH")
        if asked and request.method == "GET" and request.META.get("HTTP_HX_REQUEST") == "true":
            found = POLL.match(request.path_info)
            if found is not None:
                etag = unchanged_etag(found["name"], int(found["pk"]))
                if etag is not None and weak(etag) in {weak(tag) for tag in parse_etags(asked)}:
                    response = HttpResponseNotModified()
                    response["ETag"] = etag
                    for header, value in POLL_HEADERS.items():
                        response[header] = value
                    return response
        return self.get_response(request)


def forget_seasons() -> None:
    """For tests: what this process remembers of matches' seasons and their fragments' ETags."""
    _seasons.clear()
    _etags.clear()
