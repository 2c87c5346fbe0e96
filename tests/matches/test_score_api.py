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


def knockout_match(**kwargs):
    from matches.models import Stage

    return factories.MatchFactory(stage=Stage.FINAL, round_name="Final", matchday=None, **kwargs)


@pytest.mark.parametrize(
    ("factory", "body", "field", "words"),
    [
        # What the importer refuses, the score API refuses too, naming the body field at fault.
        (
            "league",
            {"home": 1, "away": 1, "status": "finished", "extra_time": {"home": 2, "away": 1}},
            "score.extra_time",
            "counts in a table",
        ),
        (
            "league",
            {"home": 1, "away": 1, "status": "finished", "penalties": {"home": 4, "away": 2}},
            "score.penalties",
            "counts in a table",
        ),
        (
            "final",
            {"home": 2, "away": 1, "status": "finished", "extra_time": {"home": 3, "away": 1}},
            "score.extra_time",
            "won in 90 minutes",
        ),
        (
            "final",
            {"home": 1, "away": 1, "status": "finished", "extra_time": {"home": 0, "away": 1}},
            "score.extra_time",
            "include the 90 minutes",
        ),
        (
            "final",
            {
                "home": 1,
                "away": 1,
                "status": "finished",
                "extra_time": {"home": 1, "away": 1},
                "penalties": {"home": 4, "away": 4},
            },
            "score.penalties",
            "cannot end level",
        ),
        ("league", {"home": 1, "away": 0, "status": "half_time", "minute": 150}, "score.minute", "Half-time comes at"),
        ("league", {"home": True, "away": 0}, "score.home", ""),
        ("league", {"home": 40000, "away": 0}, "score.home", ""),
        ("league", {"home": 1, "away": -3}, "score.away", ""),
    ],
)
def test_an_inconsistent_score_is_a_400_naming_the_field_and_changes_nothing(client, factory, body, field, words):
    match = (
        knockout_match(live=True, home_score=1, away_score=1, minute=50)
        if factory == "final"
        else (factories.MatchFactory(live=True, home_score=1, away_score=1, minute=50))
    )

    response = post_score(client, match.pk, body)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert field in [problem["parameter"] for problem in response.json()["errors"]]
    assert words in response.json()["detail"]
    match.refresh_from_db()
    assert (match.home_score, match.away_score, match.minute, match.home_et, match.home_pens) == (1, 1, 50, None, None)
    assert match.status == Match.Status.LIVE


def test_a_final_decided_on_penalties_is_taken(client):
    match = knockout_match(live=True, home_score=1, away_score=1, minute=118)
    body = {
        "home": 1,
        "away": 1,
        "status": "finished",
        "extra_time": {"home": 2, "away": 2},
        "penalties": {"home": 5, "away": 4},
    }

    response = post_score(client, match.pk, body)

    assert response.status_code == 200
    match.refresh_from_db()
    assert (match.home_et, match.away_et, match.home_pens, match.away_pens) == (2, 2, 5, 4)


def test_a_second_leg_goes_to_extra_time_only_on_a_level_aggregate(client):
    from matches.models import Stage

    tie = factories.TieFactory(stage=Stage.SEMI_FINAL)
    first = factories.MatchFactory(
        season=tie.season,
        stage=Stage.SEMI_FINAL,
        round_name="Semi-finals",
        matchday=None,
        leg=1,
        tie=tie,
        home=tie.club_a,
        away=tie.club_b,
        played=True,
        home_score=2,
        away_score=0,
        home_ht=0,
        away_ht=0,
    )
    second = factories.MatchFactory(
        season=tie.season,
        stage=Stage.SEMI_FINAL,
        round_name="Semi-finals",
        matchday=None,
        leg=2,
        tie=tie,
        home=tie.club_b,
        away=tie.club_a,
        live=True,
        home_score=1,
        away_score=0,
        minute=90,
    )
    assert first.leg == 1
    # 1-0 on the night after 0-2 away: 1-2 on aggregate, no extra time.
    refused = post_score(
        client, second.pk, {"home": 1, "away": 0, "status": "finished", "extra_time": {"home": 2, "away": 0}}
    )
    # 2-0 on the night: 2-2 on aggregate, extra time follows.
    taken = post_score(
        client, second.pk, {"home": 2, "away": 0, "status": "finished", "extra_time": {"home": 3, "away": 0}}
    )

    assert refused.status_code == 400
    assert "not level (1-2)" in refused.json()["detail"]
    assert taken.status_code == 200
