"""The quote archive: search with facets (one URL, two renders for htmx), a citable page per quote, and the
same search exported as CSV or JSON, streamed. Bad parameters are a 400 that names them.

Who may read past the first page, or export a whole search, is `archive.may_see_everything`, and only that.
Every view counts against its client's rate limit (newsroom.access): per address, or per journalist or token.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.vary import vary_on_headers

from newsroom import archive, exports
from newsroom.access import rate_limited
from newsroom.archive import ArchiveForm
from newsroom.http import HtmxHttpRequest
from newsroom.models import Quote
from newsroom.page_cache import depends_on, public_page
from newsroom.pages.quotes import archive_page, citations, same_occasion
from newsroom.pages.shows import quote_shows


@public_page()
@rate_limited("quotes")
@vary_on_headers("HX-Request")
def quote_list(request: HtmxHttpRequest) -> HttpResponse:
    """`?q=` words (web-search syntax), `speaker`, `club`, `competition`, `date_from`, `date_to`, `occasion`,
    `verification`, `order` (relevance or date), `page`. An unknown value is a 400 page saying which."""
    form = ArchiveForm(request.GET)
    # htmx restoring history after a cache miss wants the whole page back, not the fragment.
    fragment = request.htmx and not request.htmx.history_restore_request
    template = "newsroom/quote_list.html#results" if fragment else "newsroom/quote_list.html"
    if not form.is_valid():
        return render(request, template, {"form": form, "problems": form.problems()}, status=400)
    everything = archive.may_see_everything(request)
    page = archive_page(form.filters(), request.GET.get("page"), everything=everything)
    context = {"form": form, "filters": form.filters(), "page": page, "page_obj": page.page_obj}
    return render(request, template, context | {"everything": everything, "total_cap": archive.COUNT_CAP})


@public_page()
@rate_limited("quotes")
def quote(request: HttpRequest, pk: int) -> HttpResponse:
    quote = get_object_or_404(Quote.objects.citable(), pk=pk)
    depends_on(request, quote_shows(quote))
    context = {
        "quote": quote,
        "citations": citations(quote, request.build_absolute_uri(quote.get_absolute_url())),
        "same_occasion": same_occasion(quote),
    }
    return render(request, "newsroom/quote_detail.html", context)


@rate_limited("quotes-export", json=True)
def export_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    return export(request, "csv")


@rate_limited("quotes-export", json=True)
def export_json(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    return export(request, "json")


def export(request: HttpRequest, kind: str) -> HttpResponse | StreamingHttpResponse:
    """The search `/quotes/` shows, every row (the first page's without a journalist's login), streamed."""
    form = ArchiveForm(request.GET)
    if not form.is_valid():
        return JsonResponse(exports.bad_parameters(form.problems()), status=400)
    rows = exports.rows(form.filters(), everything=archive.may_see_everything(request))
    response = StreamingHttpResponse(exports.STREAMS[kind](rows, request), content_type=exports.TYPES[kind])
    response["Content-Disposition"] = f'attachment; filename="quotes.{kind}"'
    return response
