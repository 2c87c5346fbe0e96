"""The JSON API at /api/v1/, with its OpenAPI document at /api/v1/openapi.json.

Every operation without an auth of its own is counted against its client's rate limit and sees who the client
is as `request.auth` (newsroom/access.py): anonymous, a journalist's login, or a personal API token.
"""

from __future__ import annotations

from typing import Any

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from ninja import Field, Schema
from ninja.errors import ValidationError
from ninja.openapi.schema import OpenAPISchema
from psycopg_pool import PoolTimeout

from matches.api import MAX_COUNT, Refusal
from matches.api import router as football
from newsroom.access import AccessAPI, ClientAuth
from newsroom.archive_api import router as quote_archive
from newsroom.faults import database_down_response, database_outage
from newsroom.people_api import router as people


class Problem(Schema):
    parameter: str | None = Field(
        description="The parameter at fault (`score.home` for a field of the score's body); null when it is the "
        "request as a whole."
    )
    message: str


class BadInput(Refusal):
    errors: list[Problem] = Field(
        default_factory=list, description="For malformed parameters or body: one entry for each at fault."
    )


class TooMany(Refusal):
    retry_after: int = Field(ge=1, le=MAX_COUNT, description="Seconds until the limit resets, as Retry-After.")


# What each refusal means, for every operation that can give it; the operations declare which they give.
REFUSALS: dict[int, tuple[type[Refusal], str]] = {
    400: (
        BadInput,
        "Malformed input: a parameter or body field not as documented (named in `errors`), values "
        "that do not fit together, or a NUL byte in the address.",
    ),
    401: (Refusal, "A token that is wrong, revoked or expired, or none where one is required. Nothing changed."),
    403: (Refusal, "Further pages without a journalist's login or personal API token."),
    404: (Refusal, "Nothing with that id, slug or code (the detail names which)."),
    409: (Refusal, "The match cannot take a live score in its status (postponed, awarded)."),
    429: (TooMany, "Past the client's rate limit: try again after Retry-After seconds."),
    503: (
        Refusal,
        "The database is not answering (retry after Retry-After seconds), or the operation is turned "
        "off on this server.",
    ),
}
RATE_HEADERS = {
    "RateLimit-Limit": "Requests allowed in the current window (absent while the cache is down).",
    "RateLimit-Remaining": "Requests left in the current window.",
    "RateLimit-Reset": "Seconds until the window resets.",
}


class PressboxAPI(AccessAPI):
    """The API whose OpenAPI document states every answer an operation gives: its 200, the refusals its own code
    raises (declared with the route), and those every operation can give (malformed input, a bad token, the
    rate limit, the database down), each with the JSON body the API really sends."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for model in (Refusal, BadInput, TooMany):
            add_component(components, model)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                declare_refusals(operation)
        return schema


def add_component(components: dict[str, Any], model: type[Schema]) -> None:
    found = model.model_json_schema(ref_template="#/components/schemas/{model}", mode="serialization")
    components.update(found.pop("$defs", {}))
    components[model.__name__] = found


def declare_refusals(operation: dict[str, Any]) -> None:
    responses = operation["responses"]
    security = [name for requirement in operation.get("security", []) for name in requirement]
    statuses = {400, 503} | ({401} if security else set()) | ({429} if ClientAuth.__name__ in security else set())
    for status in statuses:
        responses.setdefault(status, {})
    for status, response in responses.items():
        if int(status) in REFUSALS:
            model, description = REFUSALS[int(status)]
            response["description"] = description
            response["content"] = {"application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}}
    if 429 in responses:
        responses[429]["headers"] = {
            "Retry-After": {"required": True, "schema": {"type": "integer", "minimum": 1, "maximum": MAX_COUNT}}
        }
    if ClientAuth.__name__ in security:
        headers = {
            name: {"description": text, "schema": {"type": "integer", "minimum": 0, "maximum": MAX_COUNT}}
            for name, text in RATE_HEADERS.items()
        }
        for status, response in responses.items():
            if int(status) < 400:
                response.setdefault("headers", {}).update(headers)


api = PressboxAPI(
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
