"""A match: its score, its place in the competition, and what was written and said about it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from matches.facts import match_facts
from matches.models import Match
from newsroom.models import Article, Quote
from newsroom.page_cache import depends_on, public_page
from newsroom.pages.shows import match_shows


@public_page()
def match(request: HttpRequest, pk: int) -> HttpResponse:
    match = get_object_or_404(Match.objects.with_related().select_related("tie__winner"), pk=pk)
    depends_on(request, match_shows(match))
    context = {
        "match": match,
        "other_legs": Match.objects.other_legs(match),
        "articles": Article.objects.listed().filter(match=match),
        "quotes": Quote.objects.citable().filter(match=match),
        "polls": match.polls(),
        "facts": match_facts(match, live=match.is_in_play) if match.has_table else None,
    }
    return render(request, "matches/match.html", context)
