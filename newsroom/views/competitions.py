"""Competitions, and each season's fixtures and results."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from matches.models import Competition, Match, Season
from newsroom.views.rounds import by_round


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


def season(request: HttpRequest, code: str, season: str) -> HttpResponse:
    season = get_object_or_404(Season.objects.for_url(code, season))
    matches = Match.objects.in_season(season).with_related()
    context = {
        "season": season,
        "competition": season.competition,
        "seasons": Season.objects.filter(competition=season.competition).order_by("-label"),
        "rounds": by_round(matches),
    }
    return render(request, "matches/season.html", context)
