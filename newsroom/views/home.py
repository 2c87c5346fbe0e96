"""The front page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from matches.models import Match
from newsroom.views.reads import front_page, recent_results, upcoming_fixtures

# The lead story and a dozen more: enough to fill the grid in threes and twos.
FRONT_PAGE_STORIES = 13


def home(request: HttpRequest) -> HttpResponse:
    lead, *latest = front_page(FRONT_PAGE_STORIES) or [None]
    context = {
        "lead": lead,
        "latest": latest,
        "results": recent_results(Match.objects.all()),
        "fixtures": upcoming_fixtures(Match.objects.all()),
    }
    return render(request, "newsroom/home.html", context)
