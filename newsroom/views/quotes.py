"""The quote archive: a filterable list (one URL, two renders for htmx) and a citable page per quote."""

from __future__ import annotations

from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.views.decorators.vary import vary_on_headers

from newsroom.models import Quote
from newsroom.views.paging import page_of
from newsroom.views.reads import citable_quotes
from people.models import Person

QUOTES_PER_PAGE = 25


@vary_on_headers("HX-Request")
def quote_list(request: HttpRequest) -> HttpResponse:
    """`?speaker=<slug>` narrows the list to one person (an unknown slug is a 404); `?page=` pages it."""
    speaker_slug = request.GET.get("speaker", "")
    speaker = get_object_or_404(Person, slug=speaker_slug) if speaker_slug else None
    quotes = newest_first(citable_quotes())
    if speaker is not None:
        quotes = quotes.filter(speaker=speaker)
    context = {"page_obj": page_of(request, quotes, QUOTES_PER_PAGE), "speaker": speaker, "speakers": quoted_people()}
    # htmx restoring history after a cache miss wants the whole page back, not the fragment.
    fragment = request.htmx and not request.htmx.history_restore_request
    template = "newsroom/quote_list.html#results" if fragment else "newsroom/quote_list.html"
    return render(request, template, context)


def quote(request: HttpRequest, pk: int) -> HttpResponse:
    quote = get_object_or_404(citable_quotes(), pk=pk)
    citation = citation_line(quote, request.build_absolute_uri(quote.get_absolute_url()))
    return render(request, "newsroom/quote_detail.html", {"quote": quote, "citation": citation})


def newest_first(quotes: QuerySet[Quote]) -> QuerySet[Quote]:
    # Within one article, reading order: the quotes of a story read as the story does.
    return quotes.order_by(F("said_on").desc(nulls_last=True), F("source_article").desc(nulls_last=True), "paragraph")


def quoted_people() -> QuerySet[Person]:
    """Everyone with a public quote, for the speaker filter. Lazy: the htmx fragment never reads it."""
    return Person.objects.filter(quotes__in=Quote.objects.public()).distinct().order_by("name")


def citation_line(quote: Quote, url: str) -> str:
    """One line a journalist can paste: the words, who said them where and when, the source, and this page."""
    source = citation_source(quote)
    parts = (f"“{quote.text}” — {attribution(quote)}.", f"{source}." if source else "", url)
    return " ".join(part for part in parts if part)


def attribution(quote: Quote) -> str:
    """ "Carlo Ancelotti, press conference, 9 May 2025": an "other" occasion or an unknown date is left out."""
    occasion = quote.get_occasion_display().lower() if quote.occasion != Quote.Occasion.OTHER else ""
    said_on = format_date(quote.said_on, "j F Y") if quote.said_on else ""
    return ", ".join(part for part in (quote.speaker_label, occasion, said_on) if part)


def citation_source(quote: Quote) -> str:
    article = quote.source_article
    if article is None:
        return quote.source_url
    published = format_date(timezone.localtime(article.published_at), "j F Y")
    return f"Quoted in “{article.headline}”, Pressbox, {published}"
