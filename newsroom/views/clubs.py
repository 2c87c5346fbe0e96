"""A club: its head coach, where it stands in its league, its results and fixtures everywhere, its stories."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from matches.models import Club
from newsroom.page_cache import depends_on, public_page
from newsroom.pages.club import club_context
from newsroom.pages.shows import club_shows


@public_page()
def club(request: HttpRequest, slug: str) -> HttpResponse:
    club = get_object_or_404(Club, slug=slug)
    depends_on(request, club_shows(club))
    return render(request, "matches/club.html", club_context(club))
