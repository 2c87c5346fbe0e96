"""Competitions, and each season's table, results and fixtures."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.vary import vary_on_headers

from matches.models import Competition, Season
from newsroom.http import HtmxHttpRequest
from newsroom.page_cache import depends_on, public_page
from newsroom.pages.season import season_page, season_round
from newsroom.pages.season_query import BadQuery, parse_season_query
from newsroom.pages.shows import season_shows


@public_page()
def competition_list(request: HttpRequest) -> HttpResponse:
    seasons = Prefetch("seasons", queryset=Season.objects.order_by("-label"))
    competitions = Competition.objects.prefetch_related(seasons)
    return render(request, "matches/competition_list.html", {"competitions": competitions})


def competition(request: HttpRequest, code: str) -> HttpResponse:
    """A competition's address leads to its latest season (labels sort by the year they start)."""
    latest = Season.objects.select_related("competition").filter(competition__code=code).order_by("-label").first()
    if latest is None:
        raise Http404("No such competition, or it has no seasons yet.")
    return redirect(latest)


@public_page(params=["table", "matchday", "as_of", "round"])
@vary_on_headers("HX-Request")
def season(request: HtmxHttpRequest, code: str, season: str) -> HttpResponse:
    """The table (`?table=`, as it stood `?matchday=` or `?as_of=`) and one round of results (`?round=`); htmx
    asks for the round alone. An address the page cannot show is a 400 that says what is wrong, with the way
    back to the season's own page."""
    found = get_object_or_404(Season.objects.for_url(code, season))
    depends_on(request, season_shows(found))
    # htmx restoring history after a cache miss wants the whole page back, not the fragment.
    fragment = request.htmx and not request.htmx.history_restore_request
    try:
        query = parse_season_query(request.GET)
        if fragment:
            context = {"season": found, "rounds": season_round(found, query)}
            return render(request, "matches/season.html#round", context)
        page = season_page(found, query)
    except BadQuery as error:
        return render(request, "400.html", {"message": str(error), "back": found}, status=400)
    seasons = Season.objects.links_of(found.competition)
    context = {"season": found, "competition": found.competition, "seasons": seasons, "query": query, "page": page}
    return render(request, "matches/season.html", {**context, "rounds": page.rounds})
