"""Site search: one URL, two renders (the whole page, or the results fragment for htmx as the reader types)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.vary import vary_on_headers

from newsroom.http import HtmxHttpRequest
from newsroom.page_cache import public_page
from newsroom.pages.search import search_page
from newsroom.search import clean_query


@public_page()
@vary_on_headers("HX-Request")
def search(request: HtmxHttpRequest) -> HttpResponse:
    """`?q=` searches published articles; an empty query shows the prompt and asks the database nothing."""
    query = clean_query(request.GET.get("q", ""))
    found = search_page(query, request.GET.get("page")) if query.text else None
    # htmx restoring history (the form turns its cache off) wants the whole page back, not the fragment.
    fragment = bool(request.htmx) and not request.htmx.history_restore_request
    context = {"query": query, "found": found, "page_obj": found.page_obj if found else None, "fragment": fragment}
    return render(request, "newsroom/search.html#results" if fragment else "newsroom/search.html", context)
