"""Django's error views (handler400/403/404/500 in newsroom/urls.py): JSON under /api/, pages elsewhere."""

from django.http import HttpRequest, HttpResponse
from django.views import defaults

from newsroom.faults import json_error, under_api


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if under_api(request):
        return json_error(400)
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if under_api(request):
        return json_error(403)
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if under_api(request):
        return json_error(404, "There is nothing at this address of the API: see /api/v1/docs.")
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if under_api(request):
        return json_error(500, "The API failed to answer; the error has been logged.")
    return defaults.server_error(request)
