"""The site's addresses and two views decorated the way the archive's views are (tests/newsroom/test_access.py)."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path

from newsroom.access import client_of, rate_limited, require_full_access
from newsroom.urls import urlpatterns as site


@rate_limited("test-page")
def page(request: HttpRequest) -> HttpResponse:
    client = client_of(request)
    return HttpResponse(f"{client.kind} {client.may_see_everything}")


@rate_limited("test-export", json=True)
def export(request: HttpRequest) -> JsonResponse:
    require_full_access(client_of(request), "Whole exports")
    return JsonResponse({"rows": ["everything"]})


@rate_limited("test-page")
def further(request: HttpRequest) -> HttpResponse:
    require_full_access(client_of(request), "Further pages")
    return HttpResponse("page two")


urlpatterns = [
    path("test-access/page/", page),
    path("test-access/page/2/", further),
    path("test-access/export/", export),
    *site,
]
