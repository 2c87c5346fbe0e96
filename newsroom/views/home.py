"""The front page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from newsroom.http import HtmxHttpRequest
from newsroom.page_cache import depends_on, public_page
from newsroom.page_versions import Shows
from newsroom.pages.home import front_page, todays_matches
from newsroom.pages.shows import front_page_shows


@public_page()
@vary_on_headers("HX-Request")
def home(request: HtmxHttpRequest) -> HttpResponse:
    """The front page; htmx polls ask for today's matches alone while any of them is in play."""
    today = todays_matches()
    context: dict[str, object] = {"today": today, "today_live": any(m.is_in_play for m in today)}
    depends_on(request, front_page_shows() + Shows(live=bool(context["today_live"])))
    if request.htmx:
        return render(request, "newsroom/home.html#today", context)
    return render(request, "newsroom/home.html", context | front_page())


@require_GET
def favicon(request: HttpRequest) -> HttpResponseRedirect | HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's): sent on to the site's icon. Not for
    good: in production its address carries a hash of its content, which changes with the icon."""
    return redirect(static("favicon.svg"))
