"""The archive's search as a file: CSV or a JSON array, streamed row by row in the archive's keyset order
(`newest_first`, over `.iterator(chunk_size=...)`), so an export of 100,000 quotes never sits in memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest

from newsroom import archive
from newsroom.archive import Filters
from newsroom.models import Quote

CHUNK_SIZE = 2000
COLUMNS = [
    "id", "url", "text", "language", "translation", "speaker", "speaker_name", "speaker_role", "said_on",
    "said_on_precision", "occasion", "match", "competition", "club", "source_article", "source_url", "context",
    "verification", "verified_at", "tags",
]  # fmt: skip
TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
# A spreadsheet runs a cell that starts with one of these as a formula: such a cell is written with a quote first.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def bad_parameters(problems: list[dict[str, str]]) -> dict[str, Any]:
    """The 400 answer, worded as the API words it."""
    summary = "; ".join(f"{p['parameter']}: {p['message']}" for p in problems)
    return {"detail": summary, "errors": problems}


def rows(filters: Filters, *, everything: bool) -> Iterator[Quote]:
    """Every quote the search matches, newest first; without `everything`, the first page's as /quotes/ shows it."""
    quotes = archive.matching(filters)
    if not everything:
        first = list(archive.ordered(quotes, filters).values_list("pk", flat=True)[: archive.FIRST_PAGE])
        by_id = Quote.objects.filter(pk__in=first).for_export().in_bulk()
        return iter([by_id[pk] for pk in first])
    return quotes.newest_first().for_export().iterator(chunk_size=CHUNK_SIZE)


def as_row(quote: Quote, request: HttpRequest) -> dict[str, Any]:
    article = quote.source_article
    return {
        "id": quote.pk,
        "url": request.build_absolute_uri(quote.get_absolute_url()),
        "text": quote.text,
        "language": quote.language,
        "translation": quote.translation,
        "speaker": quote.speaker.slug if quote.speaker else None,
        "speaker_name": quote.speaker_name,
        "speaker_role": quote.speaker_role,
        "said_on": quote.said_on,
        "said_on_precision": quote.said_on_precision,
        "occasion": quote.occasion,
        "match": quote.match_id,
        "competition": quote.competition.code if quote.competition else None,
        "club": quote.club.slug if quote.club else None,
        "source_article": request.build_absolute_uri(article.get_absolute_url()) if article else None,
        "source_url": quote.source_url,
        "context": quote.context,
        "verification": quote.verification,
        "verified_at": quote.verified_at,
        "tags": [tag.name for tag in quote.tags.all()],
    }


class _Line:
    """What csv.writer writes to: hands each line back instead of keeping it."""

    def write(self, line: str) -> str:
        return line


def csv_stream(quotes: Iterable[Quote], request: HttpRequest) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield writer.writerow(COLUMNS)
    for quote in quotes:
        row = as_row(quote, request)
        yield writer.writerow([csv_cell(row[name]) for name in COLUMNS])


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    text = "|".join(value) if isinstance(value, list) else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def json_stream(quotes: Iterable[Quote], request: HttpRequest) -> Iterator[str]:
    """A JSON array, written an element at a time."""
    yield "["
    for number, quote in enumerate(quotes):
        yield (
            ("," if number else "")
            + "\n"
            + json.dumps(as_row(quote, request), cls=DjangoJSONEncoder, ensure_ascii=False)
        )
    yield "\n]\n"


STREAMS: dict[str, Callable[[Iterable[Quote], HttpRequest], Iterator[str]]] = {"csv": csv_stream, "json": json_stream}
