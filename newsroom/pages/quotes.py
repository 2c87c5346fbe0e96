"""The quote archive's pages: a page of search results with facets and highlights, and a quote's own page with
the speaker's other words from the same occasion and ready citations (plain, linked, BibTeX, CSL-JSON).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, cast

from django.contrib.postgres.search import SearchHeadline
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.safestring import SafeString

from newsroom import archive
from newsroom.archive import FacetValue, Filters
from newsroom.models import QUOTE_SEARCH_CONFIG, Quote, quote_search_query
from newsroom.search import START, STOP, highlight, marked_to_html
from newsroom.search_terms import search_terms

QUOTES_PER_PAGE = archive.FIRST_PAGE
OCCASION_SHOWN = 5


@dataclass(frozen=True)
class Hit:
    quote: Quote
    text_html: SafeString


@dataclass(frozen=True)
class ArchivePage:
    page_obj: Page
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    capped: bool  # more than archive.COUNT_CAP matches: the count says "more than", the facets count a sample
    locked: bool  # another page was asked for, and further pages need a journalist's login


class CountedIds:
    """The page's ids, sliced lazily, with the count the summary already made (the paginator's count)."""

    ordered = True

    def __init__(self, ids: QuerySet, total: int) -> None:
        self.ids, self.total = ids, total

    def count(self) -> int:
        return self.total

    def __getitem__(self, index: slice) -> list[int]:
        return list(self.ids[index])


def archive_page(filters: Filters, page: str | None, *, everything: bool) -> ArchivePage:
    """One page of the archive: the count and facets (one query), 25 ids, then their rows with related ones
    and highlights (one query). Without `everything`, only the first page: asking for another gives the first,
    with `locked` set."""
    found = archive.summary(filters)
    ids = archive.ordered(archive.matching(filters), filters).values_list("pk", flat=True)
    paginator = Paginator(cast(Any, CountedIds(ids, min(found.total, archive.COUNT_CAP))), QUOTES_PER_PAGE)
    page_obj = paginator.get_page(page if everything else 1)
    locked = not everything and page not in (None, "", "1") and paginator.num_pages > 1
    hits = load_hits(list(page_obj.object_list), filters.q)
    return ArchivePage(page_obj, hits, found.facets, found.capped, locked)


def load_hits(ids: list[int], q: str) -> list[Hit]:
    """The quotes `ids`, in that order, with what a result shows and the words `q` matched marked (one query)."""
    quotes = Quote.objects.filter(pk__in=ids).with_related()
    postgres = bool(q) and connection.vendor == "postgresql"
    if postgres:
        headline = SearchHeadline(
            "text",
            quote_search_query(q),
            config=QUOTE_SEARCH_CONFIG,
            start_sel=START,
            stop_sel=STOP,
            highlight_all=True,
        )
        quotes = quotes.annotate(text_marked=headline)
    by_id = {quote.pk: quote for quote in quotes}
    terms = search_terms(q).required if q else []
    return [
        Hit(quote, marked_to_html(cast(Any, quote).text_marked) if postgres else highlight(quote.text, terms))
        for quote in (by_id[pk] for pk in ids if pk in by_id)
    ]


# ---- A quote's page ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Citations:
    plain: str
    linked: str
    bibtex: str
    csl_json: str


def same_occasion(quote: Quote) -> list[Quote]:
    """The speaker's other public quotes from the same match, or the same day and occasion (one query)."""
    others = Quote.objects.public().on_same_occasion(quote).select_related("speaker")
    return list(others.order_by("said_on", "paragraph", "pk")[:OCCASION_SHOWN])


def citations(quote: Quote, url: str) -> Citations:
    return Citations(citation_line(quote, url), linked_citation(quote, url), bibtex(quote, url), csl_json(quote, url))


def citation_line(quote: Quote, url: str) -> str:
    """One line a journalist can paste: the words, who said them where and when, the source, and this page."""
    source = citation_source(quote)
    parts = (f"“{quote.text}” — {attribution(quote)}.", f"{source}." if source else "", url)
    return " ".join(part for part in parts if part)


def linked_citation(quote: Quote, url: str) -> str:
    """The same, as Markdown: the words link to this page."""
    source = citation_source(quote)
    return " ".join(
        part for part in (f"[“{quote.text}”]({url}) — {attribution(quote)}.", f"{source}." if source else "") if part
    )


def attribution(quote: Quote) -> str:
    """ "Carlo Ancelotti, pre-match press conference, 9 May 2025": "other" and an unknown date are left out."""
    occasion = quote.get_occasion_display().lower() if quote.occasion != Quote.Occasion.OTHER else ""
    return ", ".join(part for part in (quote.speaker_label, occasion, said_when(quote)) if part)


def said_when(quote: Quote) -> str:
    """The date as precisely as it is known: "9 May 2025", "May 2025" or "2025"."""
    if quote.said_on is None:
        return ""
    formats = {Quote.Precision.MONTH: "F Y", Quote.Precision.YEAR: "Y"}
    return format_date(quote.said_on, formats.get(cast(Quote.Precision, quote.said_on_precision), "j F Y"))


def citation_source(quote: Quote) -> str:
    article = quote.source_article
    if article is None or article.published_at is None:
        return quote.source_url
    published = format_date(timezone.localtime(article.published_at), "j F Y")
    return f"Quoted in “{article.headline}”, Pressbox, {published}"


def csl_item(quote: Quote, url: str) -> dict[str, Any]:
    """The quote as a CSL-JSON item (type "speech"), what reference managers import."""
    item: dict[str, Any] = {"id": f"pressbox-quote-{quote.pk}", "type": "speech", "title": quote.text, "URL": url}
    if quote.speaker_label:
        item["author"] = [{"literal": quote.speaker_label}]
    if quote.said_on:
        parts = {Quote.Precision.YEAR: 1, Quote.Precision.MONTH: 2}.get(
            cast(Quote.Precision, quote.said_on_precision), 3
        )
        item["issued"] = {"date-parts": [[quote.said_on.year, quote.said_on.month, quote.said_on.day][:parts]]}
    if quote.occasion != Quote.Occasion.OTHER:
        item["genre"] = quote.get_occasion_display()
    if source := citation_source(quote):
        item["container-title" if quote.source_article else "source"] = source
    item["language"] = quote.language
    return item


def csl_json(quote: Quote, url: str) -> str:
    return json.dumps([csl_item(quote, url)], ensure_ascii=False, indent=2)


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


def bibtex_text(text: str) -> str:
    """Text safe inside a BibTeX field's braces: its special characters escaped."""
    return _BIBTEX_SPECIAL.sub(lambda m: "\\textbackslash{}" if m[1] == "\\" else f"\\{m[1]}", text)


def bibtex(quote: Quote, url: str) -> str:
    fields = {"title": quote.text, "author": quote.speaker_label, "howpublished": citation_source(quote)}
    if quote.said_on:
        fields["year"] = str(quote.said_on.year)
    if quote.occasion != Quote.Occasion.OTHER:
        fields["note"] = attribution(quote)
    lines = [f"  {name} = {{{bibtex_text(value)}}}," for name, value in fields.items() if value]
    if quote.said_on and quote.said_on_precision != Quote.Precision.YEAR:
        lines.append(f"  month = {format_date(quote.said_on, 'b')},")  # BibTeX's own month macro: jan, feb, ...
    url_line = f"  url = {{{url}}}"  # a URL is written as it is, for the url package
    return "\n".join([f"@misc{{pressbox-quote-{quote.pk},", *lines, url_line, "}"])
