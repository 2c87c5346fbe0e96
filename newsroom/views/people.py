"""A person: career with records in charge, moves, honours, what they said and what was written about them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from newsroom.page_cache import depends_on, public_page
from newsroom.pages.person import person_context
from newsroom.pages.shows import person_shows
from people.models import Person


@public_page()
def person(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.with_history(), slug=slug)
    depends_on(request, person_shows(person))
    return render(request, "people/person.html", person_context(person))
