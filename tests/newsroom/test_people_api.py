"""/api/v1/people/{slug}, /api/v1/clubs/{slug} and /api/v1/moves: what they answer, their refusals (JSON that
names the parameter), their place in the OpenAPI document, and their query budgets, flat as the data grows."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache

from matches.models import Match
from people.actions import create_move, record_move_update
from tests import factories

pytestmark = pytest.mark.django_db
D = dt.date
UTC = dt.UTC
TODAY = dt.datetime(2025, 6, 15, 12, 0, tzinfo=UTC)


def play(season, home, away, day, score=(1, 0)):
    season.clubs.add(home, away)
    kickoff = dt.datetime.combine(day, dt.time(18), tzinfo=UTC)
    return factories.MatchFactory(
        season=season, home=home, away=away, kickoff=kickoff, status=Match.Status.FINISHED,
        home_score=score[0], away_score=score[1],
    )  # fmt: skip


@pytest.fixture
def alonso():
    """A coach at Leverkusen with a season of matches, moving to Madrid."""
    leverkusen, madrid = factories.ClubFactory(name="Leverkusen"), factories.ClubFactory(name="Madrid")
    league = factories.CompetitionFactory(code="de.1", name="Bundesliga", tie_break_rules="bundesliga")
    season = factories.SeasonFactory(competition=league, label="2023-24", start_date=D(2023, 8, 18))
    for n in range(4):
        play(
            season,
            leverkusen,
            factories.ClubFactory(),
            D(2023, 8, 19) + dt.timedelta(days=7 * n),
            (2, 2) if n == 3 else (3, 0),
        )
    person = factories.PersonFactory(name="Xabi Alonso", slug="xabi-alonso")
    factories.TenureFactory(person=person, club=leverkusen, start_date=D(2022, 10, 5))
    factories.HonourFactory(person=person, title="Bundesliga", club=leverkusen, season_label="2023-24")
    move = create_move(person=person, from_club=leverkusen, to_club=madrid, on=D(2025, 5, 9))
    record_move_update(
        move=move, date=D(2025, 5, 9), status="in_talks", summary="Leaving.", source_name="Press conference",
        source_url="/articles/preview/", departure_confirmed=True,
    )  # fmt: skip
    record_move_update(move=move, date=D(2025, 6, 1), status="completed", summary="Done.", source_name="Club")
    return person


@time_machine.travel(TODAY)
def test_a_person_with_tenures_records_honours_and_moves(client, alonso):
    body = client.get("/api/v1/people/xabi-alonso").json()
    assert body["name"] == "Xabi Alonso" and body["url"] == "/people/xabi-alonso/"
    assert [t["club"]["slug"] for t in body["current"]] == ["madrid"]
    leverkusen = body["tenures"][1]
    assert (leverkusen["start_date"], leverkusen["end_date"], leverkusen["how_ended"]) == (
        "2022-10-05",
        "2025-05-31",
        "moved",
    )
    record = leverkusen["record"]
    assert record["seasons_covered"] == ["2023-24"] and record["covers_whole_tenure"] is False
    assert record["overall"] | {"longest_unbeaten_run": None} == {
        "played": 4, "won": 3, "drawn": 1, "lost": 0, "goals_for": 11, "goals_against": 2, "points": 10,
        "points_per_game": 2.5, "longest_unbeaten_run": None,
    }  # fmt: skip
    assert record["overall"]["longest_unbeaten_run"] == {"length": 4, "start": "2023-08-19", "end": "2023-09-09"}
    assert record["competitions"][0]["competition"] == "de.1"
    assert record["competitions"][0]["seasons"][0]["season"] == "2023-24"
    assert body["honours"] == [
        {"title": "Bundesliga", "season": "2023-24", "club": {"name": "Leverkusen", "slug": "leverkusen"}}
    ]
    [move] = body["moves"]
    assert move["status"] == "completed" and [s["status"] for s in move["steps"]] == ["in_talks", "completed"]
    assert move["steps"][0]["source_url"] == "/articles/preview/"


@time_machine.travel(TODAY)
def test_moves_as_of_a_day_with_vacancies(client, alonso):
    body = client.get("/api/v1/moves", {"as_of": "2025-05-09"}).json()
    assert body["as_of"] == "2025-05-09" and body["count"] == 1
    assert body["moves"][0]["status"] == "in_talks" and len(body["moves"][0]["steps"]) == 1
    [vacancy] = body["vacancies"]
    assert vacancy["club"]["slug"] == "leverkusen" and vacancy["departing"]["slug"] == "xabi-alonso"
    assert vacancy["since"] == "2025-05-09"
    assert client.get("/api/v1/moves", {"as_of": "2025-05-08"}).json()["count"] == 0
    assert client.get("/api/v1/moves", {"status": "completed"}).json()["count"] == 1
    assert client.get("/api/v1/moves", {"status": "rumoured"}).json()["count"] == 0
    assert client.get("/api/v1/moves", {"club": "madrid"}).json()["count"] == 1
    assert client.get("/api/v1/moves", {"competition": "de.1"}).json()["count"] == 1


@time_machine.travel(TODAY)
def test_a_club_with_its_coaches_and_seasons(client, alonso):
    body = client.get("/api/v1/clubs/leverkusen").json()
    assert body["head_coach"] is None  # he left; nobody new on record
    assert [c["start_date"] for c in body["head_coaches"]] == ["2022-10-05"]
    assert body["head_coaches"][0]["record"]["overall"]["played"] == 4
    assert body["league_seasons"] == [
        {"competition": "de.1", "season": "2023-24", "position": 1, "played": 4, "points": 10}
    ]
    madrid = client.get("/api/v1/clubs/madrid").json()
    assert madrid["head_coach"]["start_date"] == "2025-06-01"


@pytest.mark.parametrize(
    ("url", "status", "parameter"),
    [
        ("/api/v1/people/nobody", 404, "slug"),
        ("/api/v1/people/%00x", 400, "slug"),
        ("/api/v1/people/%3Cscript%3E", 400, "slug"),
        ("/api/v1/clubs/nowhere", 404, "slug"),
        ("/api/v1/clubs/a%20b", 400, "slug"),
        ("/api/v1/moves?status=sacked", 400, "status"),
        ("/api/v1/moves?as_of=2025-02-30", 400, "as_of"),
        ("/api/v1/moves?as_of=yesterday", 400, "as_of"),
        ("/api/v1/moves?club=nowhere", 404, "club"),
        ("/api/v1/moves?club=%00", 400, "club"),
        ("/api/v1/moves?competition=zz.9", 404, "competition"),
        ("/api/v1/moves?competition=ES.1%27--", 400, "competition"),
        ("/api/v1/moves?date_from=2025-06-01&date_to=2025-05-01", 400, "date_from"),
    ],
)
def test_bad_input_is_a_json_4xx_naming_the_parameter(client, url, status, parameter):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    detail = response.json()["detail"]
    assert parameter in detail or "person" in detail or "club" in detail
    if status == 400:
        assert detail.startswith(f"{parameter}:")


def test_the_openapi_document_describes_them(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/people/{slug}", "/api/v1/clubs/{slug}", "/api/v1/moves"} <= paths.keys()
    parameters = {p["name"] for p in paths["/api/v1/moves"]["get"]["parameters"]}
    assert {"status", "club", "competition", "as_of", "date_from", "date_to"} <= parameters


# ---- Budgets -----------------------------------------------------------------------------------------------------


def assert_flat(django_assert_num_queries, client, url, grow, expected):
    for size in (1, 4):
        grow(size)
        cache.clear()
        with django_assert_num_queries(expected):
            response = client.get(url)
        assert response.status_code == 200, response.content


def grow_around(person, size):
    league = factories.CompetitionFactory(code="de.1")
    for _ in range(size):
        club = factories.ClubFactory()
        season = factories.SeasonFactory(competition=league, label=f"{1900 + club.pk}-00"[:7])
        play(season, club, factories.ClubFactory(), D(2010, 1, 1) + dt.timedelta(days=club.pk))
        factories.TenureFactory(
            person=person, club=club, start_date=D(2000, 1, 1), end_date=D(2021, 1, 1), how_ended="sacked"
        )
        factories.HonourFactory(person=person, title=f"Cup {club.pk}")
        move = create_move(person=factories.PersonFactory(), from_club=club, to_club=None, on=D(2025, 5, 1))
        record_move_update(
            move=move,
            date=D(2025, 5, 2),
            status="agreed",
            summary="Out.",
            source_name="Club",
            departure_confirmed=True,
        )
        factories.ManagerMoveUpdateFactory(move=factories.ManagerMoveFactory(person=person), date=D(2025, 5, 3))


@time_machine.travel(TODAY)
def test_person_budget(client, alonso, django_assert_num_queries):
    # Person (1) with tenures, honours, moves and their steps (4); records: matches and competitions (2).
    assert_flat(django_assert_num_queries, client, "/api/v1/people/xabi-alonso", lambda n: grow_around(alonso, n), 7)


@time_machine.travel(TODAY)
def test_moves_budget(client, alonso, django_assert_num_queries):
    # Moves (1) and their steps (1); vacancies: departures (1) with their steps (1), and successors (1).
    assert_flat(
        django_assert_num_queries, client, "/api/v1/moves?as_of=2025-05-20", lambda n: grow_around(alonso, n), 5
    )
    # A club and a competition to filter by: one query each more.
    url = "/api/v1/moves?club=leverkusen&competition=de.1"
    assert_flat(django_assert_num_queries, client, url, lambda n: grow_around(alonso, n), 7)


@time_machine.travel(TODAY)
def test_club_budget(client, alonso, django_assert_num_queries):
    league = factories.CompetitionFactory(code="de.1")
    leverkusen = alonso.tenures.get(club__slug="leverkusen").club

    def grow(size):
        for _ in range(size):
            start = D(1990 + leverkusen.tenures.count(), 7, 1)
            season = factories.SeasonFactory(competition=league, label=f"{start.year}-{(start.year + 1) % 100:02d}")
            play(season, leverkusen, factories.ClubFactory(), start + dt.timedelta(days=40))
            factories.TenureFactory(
                club=leverkusen, start_date=start, end_date=start + dt.timedelta(days=300), how_ended="sacked"
            )

    # Club (1); head coaches (1) and their records (2); league seasons (1), their clubs, matches, deductions (3).
    assert_flat(django_assert_num_queries, client, "/api/v1/clubs/leverkusen", grow, 8)
