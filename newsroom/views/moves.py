"""The moves tracker: every open and recent move as it stood on a day, filtered; one URL, two renders."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.vary import vary_on_headers

from newsroom.http import HtmxHttpRequest
from newsroom.page_cache import public_page
from newsroom.pages.moves import MOVES_PER_PAGE, MovesForm, clubs_on_the_move, form_errors, moves_context
from newsroom.pages.paging import page_of
from people.selectors import tracked_moves


@public_page()
@vary_on_headers("HX-Request")
def moves(request: HtmxHttpRequest) -> HttpResponse:
    """`?status=&competition=&club=&date_from=&date_to=&as_of=` (all optional); htmx asks for the results alone.
    An address the tracker cannot read is a 400 that says which filter is wrong."""
    form = MovesForm(request.GET)
    if not form.is_valid():
        return render(request, "400.html", {"message": form_errors(form)}, status=400)
    filters = form.filters()
    page = page_of(request, tracked_moves(filters), MOVES_PER_PAGE)
    context = {**moves_context(filters), "form": form, "clubs": clubs_on_the_move(), "page_obj": page}
    # htmx restoring history after a cache miss wants the whole page back, not the fragment.
    fragment = request.htmx and not request.htmx.history_restore_request
    return render(request, "people/moves.html#results" if fragment else "people/moves.html", context)
