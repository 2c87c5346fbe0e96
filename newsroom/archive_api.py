"""The quote archive in the JSON API: the search `/quotes/` runs, newest first, a page at a time behind an
opaque signed cursor over (date said, id); and one quote. Mounted by newsroom.api under /api/v1/.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from urllib.parse import urlencode

from django.http import HttpRequest
from ninja import Field, P, PathEx, Query, Router, Schema
from ninja.errors import HttpError, ValidationError
from pydantic import JsonValue

from matches.api import MAX_ID, Code, Day, Id, Refusal, Slug
from newsroom import archive, exports
from newsroom.archive import ArchiveForm, BadCursor
from newsroom.models import Quote

router = Router(tags=["quotes"])
MAX_LIMIT = 100


class QuoteOut(Schema):
    id: Id
    url: str
    text: str = Field(description="Verbatim, in `language`.")
    language: str
    translation: str
    speaker: str | None = Field(description="The speaker's slug, when the archive knows the person.")
    speaker_name: str = Field(description="The name as the source printed it.")
    speaker_role: str
    said_on: dt.date | None
    said_on_precision: str = Field(description="day, month or year: how much of `said_on` is known.")
    occasion: str
    match: Id | None
    competition: str | None
    club: str | None
    source_article: str | None
    source_url: str
    context: str
    verification: str
    verified_at: dt.datetime | None
    tags: list[str]


class QuotePage(Schema):
    results: list[QuoteOut]
    next: str | None = Field(description="The next page's address; null on the last page.")


PUBLIC_VERIFICATIONS: list[JsonValue] = [value for value, _ in archive.PUBLIC_VERIFICATIONS]


class QuoteFilters(Schema):
    """The archive's parameters as the OpenAPI document states them; `ArchiveForm` is what checks them (and
    whether the speaker, club or competition exists), for the API as for the page and the exports."""

    q: str | None = Field(
        None,
        description='Words, "a phrase", -excluded, or: web-search syntax.',
        max_length=archive.MAX_QUERY_LENGTH,
    )
    speaker: Slug | None = Field(None, description="Person slug, e.g. carlo-ancelotti")
    club: Slug | None = Field(None, description="Club slug")
    competition: Code | None = Field(None, description="Competition code, e.g. es.1")
    date_from: Day | None = None
    date_to: Day | None = None
    occasion: Quote.Occasion | None = None
    verification: str | None = Field(
        None,
        description="Quotes verified this way (rejected ones are never public).",
        json_schema_extra={"enum": PUBLIC_VERIFICATIONS},
    )
    cursor: str | None = Field(None, description="From the previous page's `next`.", max_length=200)
    limit: int = Field(archive.FIRST_PAGE, ge=1, le=MAX_LIMIT)


def parsed(filters: QuoteFilters) -> archive.Filters:
    given = filters.model_dump(mode="json", exclude={"cursor", "limit"}, exclude_none=True)
    form = ArchiveForm(given)
    if not form.is_valid():
        raise ValidationError([{"loc": ("query", p["parameter"]), "msg": p["message"]} for p in form.problems()])
    return dataclasses.replace(form.filters(), order="date")


@router.get("/quotes", response={200: QuotePage, 403: Refusal})
def quotes(request: HttpRequest, filters: Query[QuoteFilters]) -> QuotePage:
    """Public quotes matching every filter, newest first. Without a journalist's login only the first page
    (at most 25) is served: following `next` then answers 403."""
    found = archive.matching(parsed(filters)).newest_first()
    everything = archive.may_see_everything(request)
    if filters.cursor:
        if not everything:
            raise HttpError(
                403,
                "Only the first page of a search is open to all: log in as a journalist, or send a "
                "journalist's personal API token (Authorization: Bearer <token>), for more.",
            )
        found = found.after(*cursor_position(filters.cursor))
    limit = filters.limit if everything else min(filters.limit, archive.FIRST_PAGE)
    ids = list(found.values_list("pk", flat=True)[: limit + 1])
    page = Quote.objects.filter(pk__in=ids[:limit]).for_export().in_bulk()
    results = [QuoteOut(**exports.as_row(page[pk], request)) for pk in ids[:limit]]
    more = len(ids) > limit
    return QuotePage(results=results, next=next_url(request, page[ids[limit - 1]]) if more else None)


def cursor_position(cursor: str) -> tuple[dt.date | None, int]:
    try:
        return archive.read_cursor(cursor)
    except BadCursor as error:
        raise ValidationError([{"loc": ("query", "cursor"), "msg": str(error)}]) from None


def next_url(request: HttpRequest, last: Quote) -> str:
    params = {name: value for name, value in request.GET.items() if name != "cursor"}
    params["cursor"] = archive.cursor_after(last)
    return request.build_absolute_uri(f"{request.path}?{urlencode(params)}")


@router.get("/quotes/{quote_id}", response={200: QuoteOut, 404: Refusal})
def quote(request: HttpRequest, quote_id: PathEx[int, P(ge=1, le=MAX_ID)]) -> QuoteOut:
    found = Quote.objects.public().for_export().filter(pk=quote_id).first()
    if found is None:
        raise HttpError(404, f"No public quote with id {quote_id}.")
    return QuoteOut(**exports.as_row(found, request))
