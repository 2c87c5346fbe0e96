"""The JSON API's reads, rate-limited per client, with personal API tokens (newsroom/access.py, newsroom/api.py)."""

import datetime
import json

import pytest
import time_machine
from django.utils import timezone

from newsroom.actions import create_api_token, revoke_api_token
from newsroom.models import ApiToken
from tests import factories

pytestmark = pytest.mark.django_db

MATCHES = "/api/v1/matches"
DESK_TOKEN = "desk-secret-token"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.RATE_LIMITS = {"anonymous": 2, "journalist": 4, "token": 4}
    settings.RATE_LIMIT_WINDOW = 60
    settings.SCORE_API_TOKEN = DESK_TOKEN


@pytest.fixture
def standings_url():
    match = factories.MatchFactory(played=True)
    return f"/api/v1/competitions/{match.season.competition.code}/seasons/{match.season.label}/standings"


@pytest.fixture
def token_and_secret(journalist):
    return create_api_token(owner=journalist, name="Notebook", created_by=journalist)


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def test_anonymous_reads_within_the_limit_say_what_is_left(client, standings_url):
    answers = [client.get(MATCHES), client.get(standings_url)]

    assert [a.status_code for a in answers] == [200, 200]
    assert [a["RateLimit-Remaining"] for a in answers] == ["1", "0"]
    assert answers[0]["RateLimit-Limit"] == "2"
    assert 1 <= int(answers[0]["RateLimit-Reset"]) <= 60


def test_past_the_limit_a_429_in_json_with_retry_after(client):
    for _ in range(2):
        client.get(MATCHES)

    refused = client.get(MATCHES)

    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "no-store" in refused["Cache-Control"]  # no shared cache hands one client's refusal to another
    body = refused.json()
    assert body["retry_after"] == int(refused["Retry-After"])
    assert body["detail"].startswith("Too many requests from this address without a login or an API token: 2 per")


def test_bad_input_still_counts_and_still_gets_its_400(client):
    assert client.get(MATCHES, {"date_from": "not-a-date"}).status_code == 400
    assert client.get(MATCHES).status_code == 200
    assert client.get(MATCHES, {"date_from": "not-a-date"}).status_code == 429


def test_a_token_gets_its_own_higher_limit(client, token_and_secret):
    _, secret = token_and_secret
    for _ in range(2):
        client.get(MATCHES)
    assert client.get(MATCHES).status_code == 429

    answers = [client.get(MATCHES, headers=bearer(secret)) for _ in range(5)]

    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429]
    assert answers[0]["RateLimit-Limit"] == "4"
    assert "with this API token" in answers[-1].json()["detail"]


def test_a_journalist_logged_in_gets_the_higher_limit(client, journalist):
    client.force_login(journalist)

    assert [client.get(MATCHES).status_code for _ in range(5)] == [200] * 4 + [429]


def test_use_of_a_token_is_noted_at_most_once_a_minute(client, token_and_secret):
    token, secret = token_and_secret
    start = timezone.now()

    with time_machine.travel(start, tick=False):
        client.get(MATCHES, headers=bearer(secret))
    with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
        client.get(MATCHES, headers=bearer(secret))
    token.refresh_from_db()
    assert token.last_used_at == start

    with time_machine.travel(start + datetime.timedelta(seconds=90), tick=False):
        client.get(MATCHES, headers=bearer(secret))
    token.refresh_from_db()
    assert token.last_used_at == start + datetime.timedelta(seconds=90)


def refused_with(response, message: str, secret: str | None = None) -> bool:
    assert response.status_code == 401, response.content
    assert response["Content-Type"] == "application/json"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert secret is None or secret not in response.content.decode()
    return message in response.json()["detail"]


def test_a_revoked_token_is_refused(client, token_and_secret, journalist):
    token, secret = token_and_secret
    revoke_api_token(token=token, revoked_by=journalist)

    assert refused_with(client.get(MATCHES, headers=bearer(secret)), "revoked", secret)


def test_an_expired_token_is_refused(client, journalist):
    with time_machine.travel(datetime.datetime(2025, 5, 9, 12, tzinfo=datetime.UTC), tick=False):
        _, secret = create_api_token(
            owner=journalist,
            name="Weekend",
            created_by=journalist,
            expires_at=datetime.datetime(2025, 5, 11, 23, 59, tzinfo=datetime.UTC),
        )
        assert client.get(MATCHES, headers=bearer(secret)).status_code == 200
    with time_machine.travel(datetime.datetime(2025, 5, 12, tzinfo=datetime.UTC), tick=False):
        assert refused_with(client.get(MATCHES, headers=bearer(secret)), "expired", secret)


@pytest.mark.parametrize(
    "header",
    [
        "Bearer pbx_" + "Z" * 43,
        "Bearer garbage",
        "Bearer pbx_" + "\x00" * 43,
        "Bearer pbx_" + "A" * 100_000,
        "Basic am91cm5hbGlzdDpwdw==",
        "Bearer ",
    ],
    ids=["unknown", "garbage", "nul-bytes", "overlong", "basic", "empty"],
)
def test_a_token_that_is_not_one_is_a_401_never_a_500_and_never_anonymous(client, header):
    response = client.get(MATCHES, HTTP_AUTHORIZATION=header)

    assert refused_with(response, "", header.partition(" ")[2] or None)
    assert not ApiToken.objects.exists()


def test_the_data_desk_token_still_posts_scores_unlimited_and_reads(client):
    match = factories.MatchFactory()
    for _ in range(2):
        client.get(MATCHES)

    posted = client.post(
        f"/api/v1/matches/{match.pk}/score",
        json.dumps({"home": 1, "away": 0, "minute": 23}),
        content_type="application/json",
        headers=bearer(DESK_TOKEN),
    )

    assert posted.status_code == 200
    assert "RateLimit-Limit" not in posted
    assert client.get(MATCHES, headers=bearer(DESK_TOKEN)).status_code == 200  # a token, not this address


def test_a_personal_token_does_not_post_scores(client, token_and_secret):
    match = factories.MatchFactory()
    _, secret = token_and_secret

    response = client.post(
        f"/api/v1/matches/{match.pk}/score",
        json.dumps({"home": 1, "away": 0}),
        content_type="application/json",
        headers=bearer(secret),
    )

    assert response.status_code == 401
    match.refresh_from_db()
    assert match.home_score is None


def test_the_openapi_document_describes_the_optional_token(client):
    schema = client.get("/api/v1/openapi.json").json()

    scheme = schema["components"]["securitySchemes"]["ClientAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert "personal API token" in scheme["description"]
    matches = schema["paths"]["/api/v1/matches"]["get"]
    assert matches["security"] == [{"ClientAuth": []}, {}]  # optional: anonymous reads are allowed
    assert schema["paths"]["/api/v1/matches/{match_id}/score"]["post"]["security"] == [{"DataDeskToken": []}]


def test_a_token_costs_one_query_and_a_minutely_stamp(client, token_and_secret, django_assert_num_queries):
    _, secret = token_and_secret
    client.get(MATCHES, headers=bearer(secret))  # stamps last_used_at

    # The token with its owner (1), the owner's permissions (2), the page's count and rows (2).
    with django_assert_num_queries(5):
        assert client.get(MATCHES, headers=bearer(secret)).status_code == 200
