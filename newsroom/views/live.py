"""Live fragments of a match, polled by open pages over htmx, with 304s for what has not changed.

Django's conditional-request handling (`condition`) parses `If-None-Match` (lists, `*`, weak tags); the
ETags come from `newsroom.live_polls` (whose middleware answers an unchanged poll before this view), the
cached renderings from `newsroom.pages.live`. Every answer, a 304 included, says that it
must be revalidated and that it varies with HX-Request.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_GET
from django.views.decorators.vary import vary_on_headers

from matches.models import Match
from newsroom.http import HtmxHttpRequest
from newsroom.live_polls import fragment_etag
from newsroom.pages.live import cached_fragment, table_context


@require_GET
def score(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The live score of a match, for htmx; a reader following the link gets the match page."""
    if not request.htmx:
        return redirect("match", pk=pk)
    return score_fragment(request, pk)


@vary_on_headers("HX-Request")
@cache_control(no_cache=True, private=True)
@condition(etag_func=lambda request, pk: fragment_etag("score", pk))
def score_fragment(request: HttpRequest, pk: int) -> HttpResponse:
    def build() -> str:
        match = get_object_or_404(Match.objects.with_related(), pk=pk)
        return render_to_string("matches/live.html#score", {"match": match, "polls": match.polls()}, request)

    return HttpResponse(cached_fragment(fragment_etag("score", pk), build))


@require_GET
@vary_on_headers("HX-Request")
@cache_control(no_cache=True, private=True)
@condition(etag_func=lambda request, pk: fragment_etag("table" if request.htmx else "page", pk, with_season=True))
def table(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The league table around a match: as it stood at kick-off, or as it stands while the match is on.
    htmx asks for the fragment; a reader following the link gets it as a page of its own."""
    if not request.htmx:
        match = get_object_or_404(Match.objects.with_related(), pk=pk)
        return render(request, "matches/live_table.html", table_context(match))

    def build() -> str:
        match = get_object_or_404(Match.objects.with_related(), pk=pk)
        return render_to_string("matches/live.html#table", table_context(match), request)

    return HttpResponse(cached_fragment(fragment_etag("table", pk, with_season=True), build))
