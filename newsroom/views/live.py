"""Live fragments of a match: the score and the league table around it, polled by open pages over htmx.

Each fragment's ETag is built from versions the cache holds (matches.live), so an unchanged poll is a 304
with no database query and no rendering. A changed one renders once per version and is cached, so many
readers polling the same match cost one render between score changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_GET

from matches import live
from matches.facts import MatchFacts, match_facts
from matches.models import Match

# Bump when the fragments' templates change, so no reader is served a cached fragment of the old design.
FRAGMENT_VERSION = 1
FRAGMENT_TTL = 60 * 60
# A match is polled from a little before kick-off (line-ups, a late start) until it is finished.
POLL_BEFORE_KICKOFF = dt.timedelta(hours=1)
POLL_AFTER_KICKOFF = dt.timedelta(hours=4)


def polls(match: Match, now: dt.datetime | None = None) -> bool:
    """Whether a page showing `match` should keep asking for its score."""
    if match.is_in_play:
        return True
    now = now or timezone.now()
    starting = match.kickoff - POLL_BEFORE_KICKOFF <= now <= match.kickoff + POLL_AFTER_KICKOFF
    return match.status == Match.Status.SCHEDULED and starting


def live_match(pk: int) -> Match:
    return get_object_or_404(Match.objects.with_related(), pk=pk)


def season_of(pk: int) -> int | None:
    """A match's season, remembered in the cache: a match never moves season, and a poll should not need
    the database to learn whether anything changed."""
    key = f"match:{pk}:season"
    season_id = cache.get(key)
    if season_id is None:
        season_id = Match.objects.filter(pk=pk).values_list("season_id", flat=True).first()
        if season_id is not None:
            cache.set(key, season_id, live.VERSION_TTL)
    return season_id


def etag_for(name: str, match_id: int, season_id: int | None = None) -> str:
    return f'W/"{name}-{FRAGMENT_VERSION}-{match_id}-{live.versions(match_id=match_id, season_id=season_id)}"'


def conditional_fragment(request: HttpRequest, etag: str, build: Callable[[], str]) -> HttpResponse:
    """304 when the client has `etag`; else the fragment from the cache, built once per version."""
    if etag in request.headers.get("If-None-Match", ""):
        response: HttpResponse = HttpResponseNotModified()
    else:
        key = f"fragment:{etag}"
        html = cache.get(key)
        if html is None:
            html = build()
            cache.set(key, html, FRAGMENT_TTL)
        response = HttpResponse(html)
    response["ETag"] = etag
    # Every poll revalidates: a fragment is fresh only for as long as its version has not moved.
    patch_cache_control(response, no_cache=True, private=True)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def score(request: HttpRequest, pk: int) -> HttpResponse:
    """The live score of a match, for htmx; a reader following the link gets the match page."""
    if not request.htmx:
        return redirect("match", pk=pk)
    etag = etag_for("score", pk)
    return conditional_fragment(request, etag, lambda: render_score(live_match(pk), request))


def render_score(match: Match, request: HttpRequest) -> str:
    context = {"match": match, "polls": polls(match)}
    return render_to_string("matches/live.html#score", context, request=request)


@require_GET
def table(request: HttpRequest, pk: int) -> HttpResponse:
    """The league table around a match: as it stood at kick-off, or as it stands while the match is on."""
    if not request.htmx:
        match = live_match(pk)
        return render(request, "matches/live_table.html", table_context(match))
    etag = etag_for("table", pk, season_of(pk))

    def build() -> str:
        return render_to_string("matches/live.html#table", table_context(live_match(pk)), request=request)

    return conditional_fragment(request, etag, build)


def table_context(match: Match) -> dict[str, object]:
    facts: MatchFacts = match_facts(match, live=match.is_in_play)
    return {"match": match, "facts": facts, "polls": polls(match)}
