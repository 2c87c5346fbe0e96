"""The front page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.vary import vary_on_headers

from matches.models import Match
from matches.tables import SeasonTable, season_table
from newsroom.models import Article
from newsroom.views.reads import front_page, recent_results, upcoming_fixtures

# The lead story and a dozen more: enough to fill the grid in threes and twos.
FRONT_PAGE_STORIES = 13
SNIPPET_ROWS = 6


@vary_on_headers("HX-Request")
def home(request: HttpRequest) -> HttpResponse:
    """The front page; htmx polls ask for today's matches alone while any of them is in play."""
    today = todays_matches()
    context = {"today": today, "today_live": any(m.is_in_play for m in today)}
    if request.htmx:
        return render(request, "newsroom/home.html#today", context)
    lead, *latest = front_page(FRONT_PAGE_STORIES) or [None]
    context |= {
        "lead": lead,
        "latest": latest,
        "results": recent_results(Match.objects.all()),
        "fixtures": upcoming_fixtures(Match.objects.all()),
        "snippet": table_snippet(lead),
    }
    return render(request, "newsroom/home.html", context)


def todays_matches() -> list[Match]:
    """Matches kicking off today (the site's day), and any still in play from last night."""
    today = Match.objects.filter(kickoff_date=timezone.localdate()) | Match.objects.in_play()
    return list(today.with_related().order_by("kickoff", "pk"))


def table_snippet(lead: Article | None) -> SeasonTable | None:
    """The top of the table of the lead story's competition, as it stands (three queries), if it is a league."""
    if lead is None or lead.match is None or lead.match.stage != "league":
        return None
    return season_table(lead.match.season)
