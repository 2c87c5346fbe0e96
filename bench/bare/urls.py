from django.http import HttpRequest, HttpResponse
from django.urls import path


def ok(request: HttpRequest) -> HttpResponse:
    """The baseline of bench.site: the least a Django view can answer."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("", ok)]
