from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from matches.models import Match
from tests import factories

pytestmark = pytest.mark.django_db
STANDINGS = "/api/v1/competitions/{code}/seasons/{season}/standings"


@pytest.fixture
def la_liga(demo_newsroom) -> None:
    """La Liga 2024-25 among the demo's seasons, loaded once per worker."""


@pytest.fixture
def la_liga_alone(openfootball_dir: Path) -> None:
    """La Liga 2024-25 and nothing else, for a test that counts every match in the database."""
    call_command("import_openfootball", str(openfootball_dir / "2024-25" / "es.1.json"), stdout=StringIO())


def rows_by_slug(response) -> dict[str, dict]:
    return {row["club"]["slug"]: row for row in response.json()["rows"]}


def test_final_la_liga_table(client, la_liga):
    response = client.get(STANDINGS.format(code="es.1", season="2024-25"))

    assert response.status_code == 200
    body = response.json()
    assert (body["competition"], body["season"], body["as_of"], body["live"]) == ("es.1", "2024-25", None, False)
    assert len(body["rows"]) == 20
    top = body["rows"][0]
    assert top["club"] == {"name": "FC Barcelona", "slug": "fc-barcelona"}
    assert (top["played"], top["won"], top["drawn"], top["lost"], top["points"]) == (38, 28, 4, 6, 88)
    assert top["goal_difference"] == top["goals_for"] - top["goals_against"]
    assert set(top) == {
        "position",
        "club",
        "played",
        "won",
        "drawn",
        "lost",
        "goals_for",
        "goals_against",
        "goal_difference",
        "points",
        "form",
        "decided_by",
    }


def test_table_as_it_stood_before_the_clasico(client, la_liga):
    response = client.get(STANDINGS.format(code="es.1", season="2024-25"), {"as_of": "2025-05-10"})

    rows = rows_by_slug(response)
    assert response.json()["as_of"] == "2025-05-10"
    assert (rows["fc-barcelona"]["position"], rows["fc-barcelona"]["points"], rows["fc-barcelona"]["played"]) == (
        1,
        79,
        34,
    )
    assert (rows["real-madrid-cf"]["position"], rows["real-madrid-cf"]["points"]) == (2, 75)
    assert rows["real-madrid-cf"]["played"] == 34


def test_as_of_before_the_season_is_an_empty_table(client, la_liga):
    response = client.get(STANDINGS.format(code="es.1", season="2024-25"), {"as_of": "2024-07-01"})

    assert response.status_code == 200
    assert response.json()["rows"] == []


def test_live_counts_a_match_in_play(client):
    match = factories.MatchFactory(live=True, home_score=2, away_score=0)
    url = STANDINGS.format(code=match.season.competition.code, season=match.season.label)
    match.season.clubs.add(match.home, match.away)

    settled = rows_by_slug(client.get(url))
    as_it_stands = rows_by_slug(client.get(url, {"live": "1"}))

    assert settled[match.home.slug]["points"] == 0
    assert as_it_stands[match.home.slug]["points"] == 3
    assert as_it_stands[match.home.slug]["position"] == 1


@pytest.mark.parametrize(
    ("code", "season", "message"),
    [("xx.9", "2024-25", "Unknown competition 'xx.9'"), ("es.1", "1999-00", "No season '1999-00'")],
)
def test_unknown_competition_or_season_is_404(client, la_liga, code, season, message):
    response = client.get(STANDINGS.format(code=code, season=season))

    assert response.status_code == 404
    assert message in response.json()["detail"]


@pytest.mark.parametrize("as_of", ["2025-13-01", "yesterday", "2025-02-30", "<script>"])
def test_malformed_as_of_is_400(client, la_liga, as_of):
    response = client.get(STANDINGS.format(code="es.1", season="2024-25"), {"as_of": as_of})

    assert response.status_code == 400
    assert "as_of" in response.json()["detail"]


def test_standings_query_count_does_not_grow(client, la_liga, django_assert_num_queries):
    url = STANDINGS.format(code="es.1", season="2024-25")
    # The season, its clubs and its matches: no deductions to read, as the clubs' read says.
    with django_assert_num_queries(3):
        client.get(url, {"as_of": "2024-09-01"})
    with django_assert_num_queries(3):
        client.get(url)


def test_matches_filtered_by_club_and_dates(client, la_liga):
    response = client.get(
        "/api/v1/matches",
        {"competition": "es.1", "club": "real-madrid-cf", "date_from": "2025-05-01", "date_to": "2025-05-31"},
    )

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 5
    clasico = next(m for m in body["items"] if m["home"]["slug"] == "fc-barcelona")
    assert clasico["round"] == "Matchday 35"
    assert clasico["score"] == {"home": 4, "away": 3}
    assert clasico["half_time"] == {"home": 4, "away": 2}
    assert clasico["kickoff"] == "2025-05-11T14:15:00Z"
    assert clasico["url"] == f"/matches/{clasico['id']}/"


def test_matches_are_paginated_with_constant_queries(client, la_liga, django_assert_num_queries):
    with django_assert_num_queries(3):
        small = client.get("/api/v1/matches", {"competition": "es.1", "limit": 5})
    with django_assert_num_queries(3):
        large = client.get("/api/v1/matches", {"competition": "es.1", "limit": 100})
    assert small.json()["count"] == large.json()["count"] == 380
    assert (len(small.json()["items"]), len(large.json()["items"])) == (5, 100)


def test_matches_filter_by_status(client):
    factories.MatchFactory(live=True)
    factories.MatchFactory()

    response = client.get("/api/v1/matches", {"status": Match.Status.LIVE})

    assert [m["status"] for m in response.json()["items"]] == ["live"]


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"date_from": "2025-06-01", "date_to": "2025-05-01"}, 400, "date_from is after date_to"),
        ({"date_from": "01/05/2025"}, 400, "date_from"),
        ({"status": "exploded"}, 400, "status"),
        ({"competition": "zz.1"}, 404, "Unknown competition"),
        ({"club": "no-such-club"}, 404, "Unknown club"),
        ({"limit": "-5"}, 400, "limit"),
    ],
)
def test_bad_match_filters_say_what_is_wrong(client, params, status, message):
    response = client.get("/api/v1/matches", params)

    assert response.status_code == status
    assert message in response.json()["detail"]


def test_openapi_document_describes_the_endpoints(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/competitions/{code}/seasons/{season}/standings" in paths
    assert "/api/v1/matches" in paths


def test_a_club_missing_from_the_season_list_still_gets_its_row(client, django_assert_num_queries):
    match = factories.MatchFactory(played=True)
    url = STANDINGS.format(code=match.season.competition.code, season=match.season.label)

    with django_assert_num_queries(5):  # one more, to fetch the clubs the season does not list
        rows = rows_by_slug(client.get(url))

    assert rows[match.home.slug]["points"] == 3
    assert rows[match.away.slug]["club"]["name"] == match.away.name


def test_standings_are_cached_until_a_score_in_the_season_changes(
    client, la_liga, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from matches.actions import record_score

    url = STANDINGS.format(code="es.1", season="2024-25")
    client.get(url, {"live": "1"})
    with django_assert_num_queries(1):  # the season, to know which version to ask the cache for
        client.get(url, {"live": "1"})
    match = Match.objects.filter(season__competition__code="es.1", matchday=38).first()
    with django_capture_on_commit_callbacks(execute=True):
        Match.objects.filter(pk=match.pk).update(status=Match.Status.SCHEDULED, home_score=None, away_score=None)
        record_score(match=match, home=9, away=0, minute=80)

    rows = rows_by_slug(client.get(url, {"live": "1"}))

    assert rows[match.home.slug]["goals_for"] >= 9


def test_a_page_is_at_most_500_matches(client, la_liga_alone):
    response = client.get("/api/v1/matches", {"competition": "es.1", "limit": 1_000_000})

    assert response.status_code == 400
    assert "limit" in response.json()["detail"] and "500" in response.json()["detail"]
    assert len(client.get("/api/v1/matches", {"limit": 500}).json()["items"]) == 380
