"""A person: career with records in charge, moves, honours, what they said and what was written about them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from newsroom.pages.person import person_context
from people.models import Person


def person(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.with_history(), slug=slug)
    return render(request, "people/person.html", person_context(person))
