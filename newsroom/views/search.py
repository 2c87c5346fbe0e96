"""Site search: one URL, two renders (the whole page, or the results fragment for htmx as the reader types)."""

from __future__ import annotations

from django.core.paginator import Page
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.vary import vary_on_headers

from newsroom.search import Query, clean_query, hits, search_articles
from newsroom.views.paging import page_of

RESULTS_PER_PAGE = 10


@vary_on_headers("HX-Request")
def search(request: HttpRequest) -> HttpResponse:
    """`?q=` searches published articles; an empty query shows the prompt and asks the database nothing."""
    query = clean_query(request.GET.get("q", ""))
    # htmx restoring history (the form turns its cache off) wants the whole page back, not the fragment.
    fragment = bool(request.htmx) and not request.htmx.history_restore_request
    page = results_page(request, query) if query.text else None
    context = {"query": query, "page_obj": page, "fragment": fragment}
    return render(request, "newsroom/search.html#results" if fragment else "newsroom/search.html", context)


def results_page(request: HttpRequest, query: Query) -> Page:
    page = page_of(request, search_articles(query), RESULTS_PER_PAGE)
    page.object_list = hits(page.object_list, query)
    return page
