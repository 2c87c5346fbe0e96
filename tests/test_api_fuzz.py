"""The JSON API fuzzed from its own OpenAPI document: schemathesis drives the WSGI app in-process (no server) over
a small newsroom made with the factories, and checks every answer: no 5xx, the status documented, the body and
headers as the document states them, JSON, schema-violating input refused and schema-valid input accepted.

Every operation runs its examples, schemathesis's coverage cases (boundaries, wrong types, missing and invalid
credentials, unsupported methods) and up to FUZZ's max_examples generated cases, derandomized so that CI runs the
same cases each time. Reads run anonymously and with a journalist's personal API token; the score API with the
data desk's token (its coverage cases send none, or a wrong one, too).
"""

from __future__ import annotations

import datetime as dt

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode

from newsroom.actions import create_api_token
from newsroom.wsgi import application
from tests import factories

DESK_TOKEN = "desk-secret-token"
FUZZ = settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
# The quote archive refuses an unknown speaker, club or competition with a 400 naming it, as its page and exports
# do (tests/newsroom/test_quote_archive.py); no OpenAPI document can say which slugs exist, so there a
# schema-valid request may be a 400 too. The standings refuse a group the season does not have the same way (no
# document can say which groups a season has). Every other check applies to them unchanged.
archive_schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json",
    application,
    config=SchemathesisConfig.from_dict(
        {"checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "400", "401", "403", "404", "429"]}}}
    ),
)
STANDINGS = "/api/v1/competitions/{code}/seasons/{season}/standings"
reads = schema.include(method="GET").exclude(path="/api/v1/quotes").exclude(path=STANDINGS)
archive_search = archive_schema.include(method="GET", path="/api/v1/quotes")
standings_by_group = archive_schema.include(method="GET", path=STANDINGS)
# The score API refuses a score that contradicts itself or its match (extra time or a shoot-out in a league match,
# a level shoot-out, extra time after a 90 minutes that were not level) with a 400 naming the field, as the
# importer and the admin do (tests/matches/test_score_api.py); which of these apply depends on the match and on
# the other fields, which no OpenAPI document can say, so there a schema-valid request may be a 400 too. Every
# other check applies to it unchanged.
score_schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json",
    application,
    config=SchemathesisConfig.from_dict(
        {
            "checks": {
                "positive_data_acceptance": {
                    "expected-statuses": ["2xx", "3xx", "400", "401", "403", "404", "409", "429", "5xx"]
                }
            }
        }
    ),
)
score = score_schema.include(method="POST", path="/api/v1/matches/{match_id}/score")
credentials = pytest.mark.parametrize("credential", ["anonymous", "token"])


@pytest.fixture
def in_the_tests_transaction():
    """The WSGI app closes the database connection after each request (Django's `close_old_connections`), which
    would end the test's transaction; Django's own test client holds it open the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def newsroom(db, settings, journalist, in_the_tests_transaction):
    """The demo's shape in small: La Liga 2024-25 with a played, a live and a scheduled Clasico, Xabi Alonso with
    a tenure, a move and quotes, and a journalist's token. The examples in the document name these."""
    settings.SCORE_API_TOKEN = DESK_TOKEN
    settings.RATE_LIMITS = {"anonymous": 10**9, "journalist": 10**9, "token": 10**9}
    season = factories.SeasonFactory(competition__code="es.1", label="2024-25")
    barca = factories.ClubFactory(name="FC Barcelona", slug="fc-barcelona")
    madrid = factories.ClubFactory(name="Real Madrid CF", slug="real-madrid-cf")
    matches = [
        factories.MatchFactory(season=season, home=barca, away=madrid, played=True),
        factories.MatchFactory(season=season, home=madrid, away=barca, live=True),
        factories.MatchFactory(season=season, home=barca, away=madrid),
    ]
    alonso = factories.PersonFactory(name="Xabi Alonso", slug="xabi-alonso")
    factories.TenureFactory(person=alonso, club=madrid, start_date=dt.date(2025, 6, 1))
    move = factories.ManagerMoveFactory(person=alonso, to_club=madrid)
    factories.ManagerMoveUpdateFactory(move=move)
    quotes = [factories.QuoteFactory(speaker=alonso, match=matches[0]) for _ in range(3)]
    _, secret = create_api_token(owner=journalist, name="Notebook", created_by=journalist)
    return {"token": secret, "match_id": [m.pk for m in matches], "quote_id": [q.pk for q in quotes]}


def aimed(case, newsroom) -> None:
    """Half the valid ids generated become real ones, so that valid cases reach real rows and not only 404s.

    And a date range generated the wrong way round is turned round: the document cannot say that `date_from`
    comes before `date_to`, and the API refuses the other order with a 400 it documents (tested elsewhere).
    """
    if case.meta is not None and case.meta.generation.mode == GenerationMode.POSITIVE:
        for name, value in (case.path_parameters or {}).items():
            if name in ("match_id", "quote_id") and isinstance(value, int) and value % 2 == 0:
                case.path_parameters[name] = newsroom[name][value // 2 % len(newsroom[name])]
    query = case.query or {}
    start, end = query.get("date_from"), query.get("date_to")
    if isinstance(start, str) and isinstance(end, str) and is_day(start) and is_day(end) and start > end:
        query["date_from"], query["date_to"] = end, start


def is_day(value: str) -> bool:
    try:
        return len(value) == 10 and bool(dt.date.fromisoformat(value))
    except ValueError:
        return False


def headers_for(credential: str, newsroom) -> dict[str, str]:
    return {"Authorization": f"Bearer {newsroom['token']}"} if credential == "token" else {}


@credentials
@reads.parametrize()
@FUZZ
def test_reads(case, credential, newsroom):
    aimed(case, newsroom)
    case.call_and_validate(headers=headers_for(credential, newsroom))


@credentials
@archive_search.parametrize()
@FUZZ
def test_the_archive_search(case, credential, newsroom):
    aimed(case, newsroom)
    case.call_and_validate(headers=headers_for(credential, newsroom))


@credentials
@standings_by_group.parametrize()
@FUZZ
def test_the_standings(case, credential, newsroom):
    aimed(case, newsroom)
    case.call_and_validate(headers=headers_for(credential, newsroom))


@score.parametrize()
@FUZZ
def test_the_data_desks_score(case, newsroom):
    aimed(case, newsroom)
    case.call_and_validate(headers={"Authorization": f"Bearer {DESK_TOKEN}"})
