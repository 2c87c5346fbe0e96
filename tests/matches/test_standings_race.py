"""Title-race facts: gaps, matches left, reachable points and which places are already decided."""

import datetime as dt

import pytest

from matches.standings import (
    BUNDESLIGA,
    LA_LIGA,
    PREMIER_LEAGUE,
    ZONES,
    Zone,
    compute_table,
    race_facts,
    zones_for,
)
from tests.matches import results

TOP_AND_BOTTOM = (Zone("title", 1, 1), Zone("europe", 1, 2), Zone("relegation", 4, 4))


def facts_by_club(facts):
    return {f.club: f for f in facts}


def four_club_table(*lines: str):
    return compute_table(results(*lines), rules=LA_LIGA, clubs=["Alpha", "Beta", "Gamma", "Delta"])


def test_gaps_matches_left_and_ceilings():
    table = four_club_table("2024-08-17 Alpha 1-0 Beta", "2024-08-17 Gamma 1-1 Delta", "2024-08-24 Alpha 2-0 Gamma")
    facts = race_facts(table, matches_per_club=6, zones=TOP_AND_BOTTOM)
    assert [(f.club, f.position, f.points, f.played, f.matches_left, f.max_points) for f in facts] == [
        ("Alpha", 1, 6, 2, 4, 18),
        ("Delta", 2, 1, 1, 5, 16),
        ("Gamma", 3, 1, 2, 4, 13),
        ("Beta", 4, 0, 1, 5, 15),
    ]
    assert [(f.gap_to_leader, f.gap_above, f.gap_below) for f in facts] == [
        (0, None, 5),
        (5, 5, 0),
        (5, 0, 1),
        (6, 1, None),
    ]
    assert all(set(f.zones.values()) == {"open"} for f in facts)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # Three matches each, two played: Alpha's 6 is out of everyone's reach (Delta can get to 5).
        (
            ("2024-08-17 Alpha 1-0 Beta", "2024-08-17 Gamma 0-0 Delta",
             "2024-08-24 Alpha 1-0 Gamma", "2024-08-24 Beta 0-0 Delta"),
            {"Alpha": ("certain", "certain", "impossible"), "Delta": ("impossible", "open", "open"),
             "Gamma": ("impossible", "open", "open"), "Beta": ("impossible", "open", "open")},
        ),
        # Alpha and Gamma level on 6 with one match left: Europe is theirs, the title is open -- a level
        # finish can go either way on tie-breaks -- and Beta and Delta can no longer reach the top two.
        (
            ("2024-08-17 Alpha 1-0 Beta", "2024-08-17 Gamma 1-0 Delta",
             "2024-08-24 Alpha 1-0 Delta", "2024-08-24 Gamma 1-0 Beta"),
            {"Alpha": ("open", "certain", "impossible"), "Gamma": ("open", "certain", "impossible"),
             "Beta": ("impossible", "impossible", "open"), "Delta": ("impossible", "impossible", "open")},
        ),
        # Delta lost all three; everyone else has 5. Delta can reach 3 at most: relegated.
        (
            ("2024-08-17 Alpha 1-0 Delta", "2024-08-17 Beta 1-1 Gamma", "2024-08-24 Beta 1-0 Delta",
             "2024-08-24 Gamma 1-1 Alpha", "2024-08-31 Gamma 1-0 Delta", "2024-08-31 Alpha 1-1 Beta"),
            {"Alpha": ("open", "open", "impossible"), "Beta": ("open", "open", "impossible"),
             "Gamma": ("open", "open", "impossible"), "Delta": ("impossible", "impossible", "certain")},
        ),
    ],
)  # fmt: skip
def test_places_decided_only_when_no_result_can_change_them(lines, expected):
    table = four_club_table(*lines)
    matches_per_club = max(row.played for row in table) + 1
    facts = race_facts(table, matches_per_club=matches_per_club, zones=TOP_AND_BOTTOM)
    got = {f.club: (f.zones["title"], f.zones["europe"], f.zones["relegation"]) for f in facts}
    assert got == expected


def test_level_clubs_with_nothing_left_are_placed_by_the_table():
    table = four_club_table("2024-08-17 Alpha 2-0 Beta", "2024-08-17 Gamma 1-0 Delta")
    facts = race_facts(table, matches_per_club={"Alpha": 1, "Beta": 1, "Gamma": 1, "Delta": 1}, zones=TOP_AND_BOTTOM)
    assert [(f.club, f.best_position, f.worst_position, f.zones["title"]) for f in facts] == [
        ("Alpha", 1, 1, "certain"),
        ("Gamma", 2, 2, "impossible"),
        ("Delta", 3, 3, "impossible"),
        ("Beta", 4, 4, "impossible"),
    ]


def test_a_club_cannot_have_played_more_than_the_season_has():
    table = four_club_table("2024-08-17 Alpha 2-0 Beta", "2024-08-24 Alpha 2-0 Gamma")
    with pytest.raises(ValueError, match="Alpha has played 2 of 1 matches"):
        race_facts(table, matches_per_club=1)


def test_zones_are_data_per_competition_and_season():
    assert [(z.name, z.first, z.last) for z in zones_for("es.1", "2024-25")] == [
        ("title", 1, 1),
        ("champions_league", 1, 5),
        ("europa_league", 6, 7),
        ("conference_league", 8, 8),
        ("relegation", 18, 20),
    ]
    assert {z.name: (z.first, z.last) for z in zones_for("de.1", "2024-25")}["relegation_playoff"] == (16, 16)
    assert zones_for("fr.1", "2024-25") == ()
    assert set(ZONES) == {
        ("es.1", "2024-25"),
        ("en.1", "2024-25"),
        ("de.1", "2024-25"),
        ("de.1", "2023-24"),
        ("it.1", "2024-25"),
        ("uefa.cl", "2024-25"),
    }
    with pytest.raises(ValueError, match="not a range"):
        Zone("backwards", 5, 1)


def test_clasico_eve_barcelona_four_points_clear_with_four_left(league_results):
    table = compute_table(league_results("2024-25/es.1.json", until=dt.date(2025, 5, 10)), rules=LA_LIGA)
    facts = facts_by_club(race_facts(table, matches_per_club=38, zones=zones_for("es.1", "2024-25")))
    barcelona, madrid = facts["FC Barcelona"], facts["Real Madrid CF"]
    assert (barcelona.position, barcelona.points, barcelona.played, barcelona.matches_left) == (1, 79, 34, 4)
    assert (madrid.position, madrid.points, madrid.played, madrid.matches_left) == (2, 75, 34, 4)
    assert (madrid.gap_to_leader, madrid.gap_above, barcelona.gap_below) == (4, 4, 4)
    assert (barcelona.max_points, madrid.max_points) == (91, 87)
    assert (barcelona.zones["title"], madrid.zones["title"]) == ("open", "open")
    assert barcelona.zones["champions_league"] == madrid.zones["champions_league"] == "certain"


@pytest.mark.parametrize(
    ("relative", "rules", "matches", "champion", "day_before", "clinched_on"),
    [
        # Espanyol 0-2 Barcelona, matchday 36.
        ("2024-25/es.1.json", LA_LIGA, 38, "FC Barcelona", "2025-05-14", "2025-05-15"),
        # Liverpool 5-1 Tottenham, with four matches left.
        ("2024-25/en.1.json", PREMIER_LEAGUE, 38, "Liverpool FC", "2025-04-26", "2025-04-27"),
        # Leverkusen 5-0 Werder Bremen, matchday 29.
        ("2023-24/de.1.json", BUNDESLIGA, 34, "Bayer 04 Leverkusen", "2024-04-13", "2024-04-14"),
    ],
)
def test_titles_clinched_on_the_day_they_were(
    league_results, relative, rules, matches, champion, day_before, clinched_on
):
    code, season = relative.removesuffix(".json").split("/")[::-1]
    for day, status in [(day_before, "open"), (clinched_on, "certain")]:
        table = compute_table(league_results(relative, until=dt.date.fromisoformat(day)), rules=rules)
        facts = facts_by_club(race_facts(table, matches_per_club=matches, zones=zones_for(code, season)))
        assert facts[champion].zones["title"] == status, day


@pytest.mark.parametrize(
    ("relative", "rules", "matches", "relegated"),
    [
        ("2024-25/es.1.json", LA_LIGA, 38, {"CD Leganés", "UD Las Palmas", "Real Valladolid CF"}),
        ("2024-25/de.1.json", BUNDESLIGA, 34, {"Holstein Kiel", "VfL Bochum 1848"}),
    ],
)
def test_at_the_end_every_place_is_decided(league_results, relative, rules, matches, relegated):
    code, season = relative.removesuffix(".json").split("/")[::-1]
    table = compute_table(league_results(relative), rules=rules)
    facts = race_facts(table, matches_per_club=matches, zones=zones_for(code, season))
    assert all(status != "open" for f in facts for status in f.zones.values())
    assert {f.club for f in facts if f.zones["relegation"] == "certain"} == relegated
