"""A match: its score, its place in the competition, and what was written and said about it."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from matches.facts import match_facts
from matches.models import Match
from matches.tables import TABLE_STAGES
from newsroom.views.live import polls
from newsroom.views.reads import citable_quotes, public_articles


def match(request: HttpRequest, pk: int) -> HttpResponse:
    match = get_object_or_404(Match.objects.with_related().select_related("tie__winner"), pk=pk)
    context = {
        "match": match,
        "other_legs": other_legs(match),
        "articles": public_articles().filter(match=match),
        "quotes": citable_quotes().filter(match=match),
        "polls": polls(match),
    }
    if match.stage in TABLE_STAGES:
        context["facts"] = match_facts(match, live=match.is_in_play)
    return render(request, "matches/match.html", context)


def other_legs(match: Match) -> QuerySet[Match] | list[Match]:
    """The other leg of a two-legged tie, found by its clubs and stage so it shows even before a Tie exists."""
    if match.leg is None:
        return []
    same_round = Match.objects.in_season(match.season).filter(stage=match.stage, leg__isnull=False)
    return same_round.between(match.home, match.away).exclude(pk=match.pk).with_related()
