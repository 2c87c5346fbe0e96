"""The quote archive's pages: who can be filtered on, and the line a journalist pastes to cite a quote."""

from __future__ import annotations

from django.utils import timezone
from django.utils.dateformat import format as format_date

from newsroom.models import Quote
from people.models import Person, PersonQuerySet


def quoted_people() -> PersonQuerySet:
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
    if article is None or article.published_at is None:
        return quote.source_url
    published = format_date(timezone.localtime(article.published_at), "j F Y")
    return f"Quoted in “{article.headline}”, Pressbox, {published}"
