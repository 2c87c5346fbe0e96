"""The front page."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.vary import vary_on_headers

from newsroom.http import HtmxHttpRequest
from newsroom.pages.home import front_page, todays_matches


@vary_on_headers("HX-Request")
def home(request: HtmxHttpRequest) -> HttpResponse:
    """The front page; htmx polls ask for today's matches alone while any of them is in play."""
    today = todays_matches()
    context: dict[str, object] = {"today": today, "today_live": any(m.is_in_play for m in today)}
    if request.htmx:
        return render(request, "newsroom/home.html#today", context)
    return render(request, "newsroom/home.html", context | front_page())
