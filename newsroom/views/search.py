"""Site search: one URL, two renders (the whole page, or the results fragment for htmx as the reader types)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.vary import vary_on_headers

from newsroom.http import HtmxHttpRequest
from newsroom.pages.paging import page_of
from newsroom.search import clean_query, hits, search_articles

RESULTS_PER_PAGE = 10


@vary_on_headers("HX-Request")
def search(request: HtmxHttpRequest) -> HttpResponse:
    """`?q=` searches published articles; an empty query shows the prompt and asks the database nothing."""
    query = clean_query(request.GET.get("q", ""))
    page = page_of(request, search_articles(query), RESULTS_PER_PAGE) if query.text else None
    if page is not None:
        page.object_list = hits(page.object_list, query)
    # htmx restoring history (the form turns its cache off) wants the whole page back, not the fragment.
    fragment = bool(request.htmx) and not request.htmx.history_restore_request
    context = {"query": query, "page_obj": page, "fragment": fragment}
    return render(request, "newsroom/search.html#results" if fragment else "newsroom/search.html", context)
