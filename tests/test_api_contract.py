"""The OpenAPI document is a contract: every operation declares each answer it can give, with the JSON body it
really sends, and bounds every number it takes or gives. Read from the document the API serves."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import jsonschema_rs
import pytest
import time_machine
from django.db import OperationalError

from matches.models import Match
from newsroom.actions import create_api_token
from tests import factories

pytestmark = pytest.mark.django_db

DESK_TOKEN = "desk-secret-token"
NONE = 2**62  # an id no test database reaches
STANDINGS = "/api/v1/competitions/{code}/seasons/{season}/standings"
SCORE = "/api/v1/matches/{match_id}/score"
READS_WITH_A_LOOKUP = ["/api/v1/quotes/{quote_id}", "/api/v1/people/{slug}", "/api/v1/clubs/{slug}"]
# Every status each operation can answer, besides 200; 503 is the database down (and, for the score, score writes
# turned off on this server).
DECLARED = {
    ("get", STANDINGS): {400, 401, 404, 429, 503},
    ("get", "/api/v1/matches"): {400, 401, 404, 429, 503},
    ("post", SCORE): {400, 401, 404, 409, 503},
    ("get", "/api/v1/quotes"): {400, 401, 403, 429, 503},
    **{("get", path): {400, 401, 404, 429, 503} for path in READS_WITH_A_LOOKUP},
    ("get", "/api/v1/moves"): {400, 401, 404, 429, 503},
}


@pytest.fixture
def document(client) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield method, path, operation


def resolved(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def test_every_operation_declares_every_answer_it_gives(document):
    declared = {
        (method, path): {int(status) for status in operation["responses"]}
        for method, path, operation in operations(document)
    }
    assert declared == {key: {200} | statuses for key, statuses in DECLARED.items()}


def test_every_refusal_is_declared_as_json_with_a_detail(document):
    for method, path, operation in operations(document):
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                schema = resolved(document, response["content"]["application/json"]["schema"])
                assert "detail" in schema["required"], (method, path, status)
                assert response["description"] not in ("", "Unknown Status Code"), (method, path, status)


def schemas_in(value: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every JSON schema object anywhere in the document, with where it is."""
    if isinstance(value, dict):
        if value.get("type") in ("integer", "number"):
            yield where, value
        for key, item in value.items():
            yield from schemas_in(item, f"{where}/{key}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from schemas_in(item, f"{where}/{n}")


def test_every_number_is_bounded_both_ways(document):
    numbers = list(schemas_in(document))
    assert len(numbers) > 50  # parameters, bodies, answers and headers alike
    unbounded = [where for where, schema in numbers if "minimum" not in schema or "maximum" not in schema]
    assert unbounded == []
    # Constraints the generator did not understand would be written raw, as pydantic's keywords.
    assert '"ge"' not in json.dumps(document) and '"le"' not in json.dumps(document)


def test_every_parameter_states_its_shape(document):
    """Strings in the address or the query are bounded (a length, a pattern, a date format or a list)."""
    for method, path, operation in operations(document):
        for parameter in operation.get("parameters", []):
            schema = parameter["schema"]
            choices = [resolved(document, s) for s in schema.get("anyOf", [schema]) if s.get("type") != "null"]
            for choice in choices:
                if choice.get("type") == "string":
                    shaped = {"maxLength", "format", "enum"} & choice.keys() or "enum" in schema
                    assert shaped, (method, path, parameter["name"])
            if parameter["name"] in ("as_of", "date_from", "date_to"):
                assert [c.get("format") for c in choices] == ["date"], (path, parameter["name"])


# Real answers: one request for each declared status of each operation, the body checked against the document.


@pytest.fixture
def newsroom(settings, journalist):
    settings.SCORE_API_TOKEN = DESK_TOKEN
    season = factories.SeasonFactory(competition__code="es.1", label="2024-25")
    madrid = factories.ClubFactory(name="Real Madrid CF", slug="real-madrid-cf")
    match = factories.MatchFactory(season=season, home=madrid, live=True)
    postponed = factories.MatchFactory(season=season, status=Match.Status.POSTPONED)
    alonso = factories.PersonFactory(name="Xabi Alonso", slug="xabi-alonso")
    factories.TenureFactory(person=alonso, club=madrid, start_date=dt.date(2025, 6, 1))
    quotes = [factories.QuoteFactory(speaker=alonso, said_on=dt.date(2025, 5, n + 1)) for n in range(30)]
    _, secret = create_api_token(owner=journalist, name="Notebook", created_by=journalist)
    return {"match": match.pk, "postponed": postponed.pk, "quote": quotes[0].pk, "token": secret}


def answers(client, newsroom) -> Iterator[tuple[str, str, int, Any]]:
    """(method, path template, the status expected, the response) for each case."""
    standings = "/api/v1/competitions/es.1/seasons/2024-25/standings"
    quote = f"/api/v1/quotes/{newsroom['quote']}"
    reads = {
        STANDINGS: (standings, f"{standings}?as_of=0", "/api/v1/competitions/zz.9/seasons/2024-25/standings"),
        "/api/v1/matches": ("/api/v1/matches", "/api/v1/matches?offset=-1", "/api/v1/matches?club=nowhere"),
        "/api/v1/quotes/{quote_id}": (quote, "/api/v1/quotes/0", f"/api/v1/quotes/{NONE}"),
        "/api/v1/people/{slug}": ("/api/v1/people/xabi-alonso", "/api/v1/people/%3Cx%3E", "/api/v1/people/nobody"),
        "/api/v1/clubs/{slug}": ("/api/v1/clubs/real-madrid-cf", "/api/v1/clubs/a%20b", "/api/v1/clubs/nowhere"),
        "/api/v1/moves": ("/api/v1/moves", "/api/v1/moves?status=sacked", "/api/v1/moves?club=nowhere"),
        "/api/v1/quotes": ("/api/v1/quotes", "/api/v1/quotes?occasion=party", None),
    }
    for path, (good, bad, missing) in reads.items():
        yield "get", path, 200, client.get(good)
        yield "get", path, 400, client.get(bad)
        if missing:
            yield "get", path, 404, client.get(missing)
        yield "get", path, 401, client.get(good, headers={"Authorization": "Bearer pbx_wrong"})
    first = client.get("/api/v1/quotes").json()
    yield "get", "/api/v1/quotes", 403, client.get(first["next"])
    yield from score_answers(client, newsroom)


def score_answers(client, newsroom) -> Iterator[tuple[str, str, int, Any]]:
    def post(match_id: int, body: dict[str, Any], token: str | None = DESK_TOKEN):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        url = f"/api/v1/matches/{match_id}/score"
        return client.post(url, json.dumps(body), content_type="application/json", headers=headers)

    yield "post", SCORE, 200, post(newsroom["match"], {"home": 1, "away": 0, "minute": 23})
    yield "post", SCORE, 400, post(newsroom["match"], {"home": -1, "away": 0})
    yield "post", SCORE, 400, post(newsroom["match"], {"home": False, "away": 0})
    yield "post", SCORE, 401, post(newsroom["match"], {"home": 1, "away": 0}, token=None)
    yield "post", SCORE, 404, post(NONE, {"home": 1, "away": 0})
    yield "post", SCORE, 409, post(newsroom["postponed"], {"home": 1, "away": 0})


def check_against_the_document(document, method: str, path: str, status: int, response) -> None:
    declared = document["paths"][path][method]["responses"][str(status)]
    assert response.status_code == status, (method, path, status, response.content)
    assert response["Content-Type"].startswith("application/json")
    schema = {**declared["content"]["application/json"]["schema"], "components": document["components"]}
    jsonschema_rs.Draft202012Validator(schema).validate(response.json())
    for name, header in declared.get("headers", {}).items():
        if header.get("required"):
            assert name in response, (method, path, status, name)


def test_each_declared_answer_is_real_and_matches_the_document(client, document, newsroom):
    seen = set()
    for method, path, status, response in answers(client, newsroom):
        check_against_the_document(document, method, path, status, response)
        seen.add((method, path, status))
    assert {(m, p, s) for (m, p), statuses in DECLARED.items() for s in statuses - {429, 503}} <= seen


@pytest.mark.parametrize("path", [p for m, p in DECLARED if m == "get"])
def test_past_the_rate_limit_the_429_matches_the_document(client, document, newsroom, settings, path):
    settings.RATE_LIMITS = {"anonymous": 1, "journalist": 1, "token": 1}
    url = path.format(code="es.1", season="2024-25", quote_id=newsroom["quote"], slug="xabi-alonso")
    url = url.replace("/clubs/xabi-alonso", "/clubs/real-madrid-cf")
    with time_machine.travel(dt.datetime(2025, 5, 11, 16, 15, tzinfo=dt.UTC), tick=False):  # one rate window
        client.get(url)
        check_against_the_document(document, "get", path, 429, client.get(url))


def test_the_database_down_is_a_503_as_documented(client, document, newsroom, monkeypatch):
    def down(*args: object, **kwargs: object) -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr("matches.api.get_season", down)
    response = client.get("/api/v1/competitions/es.1/seasons/2024-25/standings")
    check_against_the_document(document, "get", STANDINGS, 503, response)


def test_score_writes_turned_off_are_a_503_as_documented(client, document, newsroom, settings):
    settings.SCORE_API_TOKEN = ""
    response = client.post(f"/api/v1/matches/{newsroom['match']}/score", "{}", content_type="application/json")
    check_against_the_document(document, "post", SCORE, 503, response)
