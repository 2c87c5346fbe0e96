"""The quote archive: a filterable list (one URL, two renders for htmx) and a citable page per quote."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.vary import vary_on_headers

from newsroom.http import HtmxHttpRequest
from newsroom.models import Quote
from newsroom.pages.paging import page_of
from newsroom.pages.quotes import citation_line, quoted_people
from people.models import Person

QUOTES_PER_PAGE = 25


@vary_on_headers("HX-Request")
def quote_list(request: HtmxHttpRequest) -> HttpResponse:
    """`?speaker=<slug>` narrows the list to one person (an unknown slug is a 404); `?page=` pages it."""
    speaker_slug = request.GET.get("speaker", "")
    speaker = get_object_or_404(Person, slug=speaker_slug) if speaker_slug else None
    quotes = Quote.objects.citable().newest_first()
    if speaker is not None:
        quotes = quotes.filter(speaker=speaker)
    context = {"page_obj": page_of(request, quotes, QUOTES_PER_PAGE), "speaker": speaker, "speakers": quoted_people()}
    # htmx restoring history after a cache miss wants the whole page back, not the fragment.
    fragment = request.htmx and not request.htmx.history_restore_request
    template = "newsroom/quote_list.html#results" if fragment else "newsroom/quote_list.html"
    return render(request, template, context)


def quote(request: HttpRequest, pk: int) -> HttpResponse:
    quote = get_object_or_404(Quote.objects.citable(), pk=pk)
    citation = citation_line(quote, request.build_absolute_uri(quote.get_absolute_url()))
    return render(request, "newsroom/quote_detail.html", {"quote": quote, "citation": citation})
