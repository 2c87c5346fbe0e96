"""The request a view gets once django-htmx's middleware has run (it is in MIDDLEWARE for every request).

Annotate a view that reads `request.htmx` with `HtmxHttpRequest`; Django's own `HttpRequest` has no such
attribute as far as the type checker knows.
"""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails
