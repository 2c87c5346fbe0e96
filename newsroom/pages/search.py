"""The site search's page: a page of ten results with highlights, and the count, in three queries however many
stories match (the capped count, the page's rows, their bylines). Best match first while the matches are at
most COUNT_CAP; past that, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.core.paginator import Page, Paginator

from newsroom import search
from newsroom.models import Article
from newsroom.search import Query

RESULTS_PER_PAGE = 10


@dataclass(frozen=True)
class SearchPage:
    page_obj: Page  # its object_list: search.Hit
    capped: bool  # more than `cap` stories match: the count says "more than `cap`", newest first
    cap: int


class Results:
    """The results as the paginator reads them: the count already made, and each page read on its own."""

    ordered = True

    def __init__(self, query: Query, total: int, *, newest: bool) -> None:
        self.query, self.total, self.newest = query, total, newest

    def count(self) -> int:
        return self.total

    def __getitem__(self, index: slice) -> list[Article]:
        if not self.total:
            return []  # nothing matched: no page to read
        return list(search.search_articles(self.query, index.start or 0, index.stop, newest=self.newest))


def search_page(query: Query, page: str | None) -> SearchPage:
    """Page `page` of the results for `query` (a number that is not a page gives the nearest real one).
    Precondition: query.text."""
    total = search.count_matches(query)
    capped = total > search.COUNT_CAP
    # Past the cap, the newest matches first: ranking them all would read every one of them.
    counted = Results(query, min(total, search.COUNT_CAP), newest=capped)
    page_obj = Paginator(cast(Any, counted), RESULTS_PER_PAGE).get_page(page)
    page_obj.object_list = search.hits(page_obj.object_list, query)
    return SearchPage(page_obj, capped=capped, cap=search.COUNT_CAP)
