"""The JSON API at /api/v1/, with its OpenAPI document at /api/v1/openapi.json.

Every operation without an auth of its own is counted against its client's rate limit and sees who the client
is as `request.auth` (newsroom/access.py): anonymous, a journalist's login, or a personal API token.
"""

from __future__ import annotations

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from ninja.errors import ValidationError
from psycopg_pool import PoolTimeout

from matches.api import router as football
from newsroom.access import AccessAPI
from newsroom.archive_api import router as quote_archive
from newsroom.faults import database_down_response, database_outage
from newsroom.people_api import router as people

api = AccessAPI(
    title="Pressbox API",
    version="1",
    description=(
        "Standings, matches and live scores; people, their records in charge, clubs and manager moves; the "
        "quote archive, from the Pressbox newsroom. Reads are rate-limited per client: per address without a "
        "token; per token, at a higher limit, with a personal API token (`Authorization: Bearer <token>`). "
        "Past the limit: 429 with Retry-After. Every answer carries "
        "RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset (seconds)."
    ),
    urls_namespace="api",
)
api.add_router("", football)
api.add_router("", quote_archive)
api.add_router("", people)


@api.exception_handler(ValidationError)
def bad_input(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """Malformed input is a 400 that says which parameter is wrong and why (ninja's default is a 422)."""
    problems = [
        {"parameter": ".".join(str(part) for part in e.get("loc", ())[1:]) or None, "message": e.get("msg", "")}
        for e in error.errors
    ]
    summary = "; ".join(f"{p['parameter']}: {p['message']}" if p["parameter"] else p["message"] for p in problems)
    return api.create_response(request, {"detail": summary, "errors": problems}, status=400)


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
@api.exception_handler(PoolTimeout)
def database_down(request: HttpRequest, error: Exception) -> HttpResponse:
    """The database down or out of connections: a JSON 503 to retry, as the site's pages answer (faults.py)."""
    database_outage.started(request, error)
    return database_down_response(request)
