"""Competitions, and each season's table, results and fixtures."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.vary import vary_on_headers

from matches.models import Competition, Season
from newsroom.views.season_page import season_page, season_round
from newsroom.views.season_query import BadQuery, parse_season_query


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


@vary_on_headers("HX-Request")
def season(request: HttpRequest, code: str, season: str) -> HttpResponse:
    """The table (`?table=`, as it stood `?matchday=` or `?as_of=`) and one round of results (`?round=`); htmx
    asks for the round alone. An address the page cannot show is a 400 that says what is wrong."""
    season = get_object_or_404(Season.objects.for_url(code, season))
    # htmx restoring history after a cache miss wants the whole page back, not the fragment.
    fragment = request.htmx and not request.htmx.history_restore_request
    try:
        query = parse_season_query(request.GET)
        if fragment:
            return render(
                request, "matches/season.html#round", {"season": season, "rounds": season_round(season, query)}
            )
        page = season_page(season, query)
    except BadQuery as error:
        return bad_request(request, str(error), back=season)
    seasons = Season.objects.filter(competition=season.competition).order_by("-label")
    context = {"season": season, "competition": season.competition, "seasons": seasons, "query": query, "page": page}
    return render(request, "matches/season.html", {**context, "rounds": page.rounds})


def bad_request(request: HttpRequest, message: str, *, back: Season) -> HttpResponse:
    """The site's 400 page: what was wrong with the address, and the way back to the season's own page."""
    return render(request, "400.html", {"message": message, "back": back}, status=400)
