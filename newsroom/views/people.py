"""A person: career, moves, honours, what they said and what was written about them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from newsroom.views.reads import citable_quotes, person_page, public_articles

QUOTES_SHOWN = 10
ARTICLES_SHOWN = 10


def person(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(person_page(slug))
    context = {
        "person": person,
        "quotes": citable_quotes().filter(speaker=person)[:QUOTES_SHOWN],
        "articles": public_articles().filter(people=person)[:ARTICLES_SHOWN],
    }
    return render(request, "people/person.html", context)
