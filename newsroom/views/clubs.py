"""A club: its head coach, where it stands in its league, its results and fixtures everywhere, its stories."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from matches.models import Club, Match
from newsroom.views.reads import head_coach, public_articles, recent_results, upcoming_fixtures
from newsroom.views.season_club import league_standing

ARTICLES_SHOWN = 10


def club(request: HttpRequest, slug: str) -> HttpResponse:
    club = get_object_or_404(Club, slug=slug)
    matches = Match.objects.for_club(club)
    context = {
        "club": club,
        "coach": head_coach(club),
        "results": recent_results(matches),
        "fixtures": upcoming_fixtures(matches),
        "articles": public_articles().about_club(club)[:ARTICLES_SHOWN],
        "league": league_standing(club),
    }
    return render(request, "matches/club.html", context)
