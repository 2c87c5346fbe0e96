"""A person: career, moves, honours, what they said and what was written about them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from newsroom.models import Article, Quote
from people.models import Person

QUOTES_SHOWN = 10
ARTICLES_SHOWN = 10


def person(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.with_history(), slug=slug)
    context = {
        "person": person,
        "quotes": Quote.objects.citable().filter(speaker=person)[:QUOTES_SHOWN],
        "articles": Article.objects.listed().filter(people=person)[:ARTICLES_SHOWN],
    }
    return render(request, "people/person.html", context)
