"""A club: its head coach, where it stands in its league, its results and fixtures everywhere, its stories;
and its place in every league season on record."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from matches.models import Club, Season
from newsroom.page_cache import depends_on, public_page
from newsroom.pages.club import PLACES_PER_PAGE, club_context, club_seasons_context
from newsroom.pages.paging import page_of
from newsroom.pages.shows import club_shows


@public_page()
def club(request: HttpRequest, slug: str) -> HttpResponse:
    club = get_object_or_404(Club, slug=slug)
    depends_on(request, club_shows(club))
    return render(request, "matches/club.html", club_context(club))


@public_page()
def club_seasons(request: HttpRequest, slug: str) -> HttpResponse:
    """Every league season of the club with its place, latest first, a page at a time."""
    club = get_object_or_404(Club, slug=slug)
    depends_on(request, club_shows(club))
    page = page_of(request, Season.objects.league_seasons_of(club), PLACES_PER_PAGE)
    return render(request, "matches/club_seasons.html", club_seasons_context(club, page))
