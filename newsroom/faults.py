"""What the site answers when the request or the platform is at fault, the same way on every address: a NUL byte
in the address is a 400; a database that is down or out of connections is a 503 that says to come back; and
every error under /api/ is JSON, whichever layer (URL resolver, the API, a middleware) raised it.

`FaultsMiddleware` goes first in MIDDLEWARE (after SecurityMiddleware), so that nothing below it sees a NUL and
any database failure a view or middleware below raises reaches its `process_exception`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from urllib.parse import unquote_to_bytes

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
RETRY_AFTER_SECONDS = 5
NUL_MESSAGE = "The address holds a NUL byte (%00), which no page or parameter can take."
DATABASE_DOWN_MESSAGE = "The newsroom database is not answering. Please try again in a few seconds."


def under_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def json_error(status: int, detail: str | None = None) -> JsonResponse:
    response = JsonResponse({"detail": detail or HTTPStatus(status).phrase}, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def holds_nul(request: HttpRequest) -> bool:
    """A NUL in the path, or in the name of a query parameter, written as %00 or sent as is. PostgreSQL refuses
    NUL in any text, so one that reached a query would be a 500. A NUL in a parameter's value is left to the
    page that reads it, which names the parameter in its 400 (forms refuse NUL) or drops it (search)."""
    names = (pair.partition("=")[0] for pair in request.META.get("QUERY_STRING", "").split("&"))
    return "\x00" in request.path or any(b"\x00" in unquote_to_bytes(name) for name in names)


def nul_message(request: HttpRequest) -> str:
    """Which part of the address holds the NUL, as the API's 400s say it: `slug: ...`."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return NUL_MESSAGE
    named = [name for name, value in match.kwargs.items() if "\x00" in str(value)]
    return f"{named[0]}: {NUL_MESSAGE}" if named else NUL_MESSAGE


def is_database_down(error: BaseException) -> bool:
    """A connection refused, dropped or timed out, or a pool with no connection to give in time. Not a query's
    own error (IntegrityError, DataError): those are bugs or bad input and stay a 500 or a 4xx."""
    from psycopg_pool import PoolTimeout

    return isinstance(error, OperationalError | InterfaceError | PoolTimeout) or (
        isinstance(error, DatabaseError) and isinstance(error.__cause__, PoolTimeout)
    )


class Outage:
    """The database's outage as this process sees it, logged once when it starts and once when it ends, rather
    than at every request refused meanwhile. Its end is the first connection made after it
    (`connection_created`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.since: float | None = None

    def started(self, request: HttpRequest, error: BaseException) -> None:
        with self._lock:
            if self.since is not None:
                return
            self.since = time.monotonic()
        logger.warning(
            "The database is unreachable (%s: %s, first for %s): answering 503 until it is back.",
            type(error).__name__,
            str(error).strip(),
            request.path,
        )

    def connected(self, **kwargs: object) -> None:
        """A `connection_created` receiver: a connection made while an outage is open ends it."""
        if self.since is None:
            return
        with self._lock:
            if self.since is None:
                return
            seconds, self.since = time.monotonic() - self.since, None
        logger.info("The database answers again, after %.1f seconds unreachable.", seconds)


database_outage = Outage()


def database_down_response(request: HttpRequest) -> HttpResponse:
    if under_api(request):
        response: HttpResponse = json_error(503, DATABASE_DOWN_MESSAGE)
    else:
        # Standalone page: no request context, since context processors and the base template query the database.
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response._has_been_logged = True  # type: ignore[attr-defined]  # the outage is logged once, not each 503
    return response


def bad_request_response(request: HttpRequest, message: str) -> HttpResponse:
    if under_api(request):
        return json_error(400, message)
    return render(request, "400.html", {"message": message}, status=400)


class FaultsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if holds_nul(request):
            return bad_request_response(request, nul_message(request))
        response = self.get_response(request)
        if under_api(request) and response.status_code >= 400 and not is_json(response):
            # Django's and ninja's own refusals (405 Method not allowed, a CSRF 403) are plain text or HTML.
            return json_refusal_like(response)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_down(exception):
            return None
        database_outage.started(request, exception)
        return database_down_response(request)


def is_json(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").startswith("application/json")


def json_refusal_like(response: HttpResponse) -> HttpResponse:
    replacement = json_error(response.status_code)
    for header in ("Allow", "Retry-After", "WWW-Authenticate"):
        if header in response:
            replacement[header] = response[header]
    return replacement
