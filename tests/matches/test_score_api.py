import json

import pytest

from matches import live
from matches.models import Match
from tests import factories

pytestmark = pytest.mark.django_db
TOKEN = "desk-secret-token"


@pytest.fixture(autouse=True)
def token(settings):
    settings.SCORE_API_TOKEN = TOKEN


def post_score(client, match_id: int, body: object, token: str | None = TOKEN):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    payload = body if isinstance(body, str) else json.dumps(body)
    return client.post(f"/api/v1/matches/{match_id}/score", payload, content_type="application/json", headers=headers)


def test_data_desk_posts_a_live_score(client, django_capture_on_commit_callbacks):
    match = factories.MatchFactory()
    before = live.versions(match_id=match.pk, season_id=match.season_id)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_score(client, match.pk, {"home": 1, "away": 0, "minute": 23})

    assert response.status_code == 200
    assert response.json()["score"] == {"home": 1, "away": 0}
    assert response.json()["status"] == "live"
    match.refresh_from_db()
    assert (match.home_score, match.away_score, match.minute, match.status) == (1, 0, 23, Match.Status.LIVE)
    assert live.versions(match_id=match.pk, season_id=match.season_id) != before


def test_full_time_clears_the_minute(client):
    match = factories.MatchFactory(live=True)

    response = post_score(client, match.pk, {"home": 2, "away": 2, "minute": 90, "status": "finished"})

    assert response.json()["status"] == "finished"
    assert response.json()["minute"] is None


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        (None, "Send the data desk's token"),
        ("", "Send the data desk's token"),
        ("wrong-token", "token is wrong"),
        (TOKEN + "x", "token is wrong"),
    ],
)
def test_without_the_right_token_nothing_changes_and_the_401_says_why(client, sent, message):
    match = factories.MatchFactory()

    response = post_score(client, match.pk, {"home": 5, "away": 0}, token=sent)

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert message in response.json()["detail"]
    assert TOKEN not in response.content.decode()
    match.refresh_from_db()
    assert match.home_score is None


def test_a_token_sent_with_another_scheme_is_refused_without_echoing_it(client):
    match = factories.MatchFactory()

    response = client.post(
        f"/api/v1/matches/{match.pk}/score",
        json.dumps({"home": 1, "away": 0}),
        content_type="application/json",
        headers={"Authorization": f"Token {TOKEN}"},
    )

    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]
    assert TOKEN not in response.content.decode()


@pytest.mark.parametrize("sent", [None, "anything", TOKEN])
def test_with_no_token_configured_writes_are_turned_off_and_the_answer_says_so(client, settings, sent):
    settings.SCORE_API_TOKEN = ""
    match = factories.MatchFactory()

    response = post_score(client, match.pk, {"home": 1, "away": 0}, token=sent)

    # Not a 401: no token the client could send would help until the server is configured.
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"] == (
        "Score writes are turned off: no SCORE_API_TOKEN is configured on this server."
    )
    match.refresh_from_db()
    assert match.home_score is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"home": -1, "away": 0}, "home"),
        ({"home": 1, "away": 0, "minute": 400}, "minute"),
        ({"home": 1, "away": 0, "status": "exploded"}, "status"),
        ({"home": "two", "away": 0}, "home"),
        ({"away": 0}, "home"),
        ({"home": 1, "away": 1, "extra_time": {"home": 2}}, "extra_time"),
        ("{not json", ""),
    ],
)
def test_bad_scores_are_400_and_change_nothing(client, body, message):
    match = factories.MatchFactory(live=True, home_score=1, away_score=1, minute=50)

    response = post_score(client, match.pk, body)

    assert response.status_code == 400
    assert message in response.json()["detail"]
    match.refresh_from_db()
    assert (match.home_score, match.away_score, match.minute) == (1, 1, 50)


def test_a_postponed_match_takes_no_score(client):
    match = factories.MatchFactory(status=Match.Status.POSTPONED)

    response = post_score(client, match.pk, {"home": 1, "away": 0})

    assert response.status_code == 409
    assert "postponed" in response.json()["detail"]


def test_unknown_match_is_404(client):
    assert post_score(client, 999999, {"home": 1, "away": 0}).status_code == 404
