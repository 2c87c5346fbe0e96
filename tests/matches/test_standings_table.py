"""League tables and tie-breaks, criterion by criterion, for every rule set. Pure: no database."""

import dataclasses
import datetime as dt
import re

import pytest

from matches.standings import (
    BUNDESLIGA,
    LA_LIGA,
    PREMIER_LEAGUE,
    SERIE_A,
    UCL_LEAGUE_PHASE,
    Result,
    RuleSet,
    compute_table,
    rule_set,
)
from tests.matches import results

ALL_RULES = [LA_LIGA, SERIE_A, PREMIER_LEAGUE, BUNDESLIGA, UCL_LEAGUE_PHASE]
HEAD_TO_HEAD_FIRST = [LA_LIGA, SERIE_A]
GOAL_DIFFERENCE_FIRST = [PREMIER_LEAGUE, BUNDESLIGA, UCL_LEAGUE_PHASE]


def order(rows) -> list[tuple[str, str | None]]:
    return [(row.club, row.decided_by) for row in rows]


def row_of(rows, club: str):
    [row] = [row for row in rows if row.club == club]
    return row


@pytest.mark.parametrize("rules", ALL_RULES, ids=lambda r: r.name)
def test_points_and_totals(rules):
    rows = compute_table(
        results("2024-08-17 Alpha 3-1 Beta", "2024-08-24 Beta 2-2 Gamma", "2024-08-31 Gamma 1-0 Alpha"),
        rules=rules,
    )
    alpha = row_of(rows, "Alpha")
    assert (alpha.played, alpha.won, alpha.drawn, alpha.lost) == (2, 1, 0, 1)
    assert (alpha.goals_for, alpha.goals_against, alpha.goal_difference, alpha.points) == (3, 2, 1, 3)
    assert [(r.position, r.club, r.points) for r in rows] == [(1, "Gamma", 4), (2, "Alpha", 3), (3, "Beta", 1)]
    assert [r.decided_by for r in rows] == ["points", "points", "points"]
    assert all(r.tied_with == () and r.deduction == 0 and not r.live for r in rows)


# Level on 4 points. Alpha took 4 of 6 from their meetings; Beta has the better goal difference (+4 to 0).
H2H_POINTS = (
    "2024-08-17 Alpha 1-0 Beta",
    "2024-09-01 Beta 0-0 Alpha",
    "2024-09-14 Beta 5-0 Xeno",
    "2024-09-21 Alpha 0-1 Yolo",
)


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        *[(r, [("Alpha", "head_to_head_points"), ("Beta", "head_to_head_points")]) for r in HEAD_TO_HEAD_FIRST],
        *[(r, [("Beta", "goal_difference"), ("Alpha", "goal_difference")]) for r in GOAL_DIFFERENCE_FIRST],
    ],
    ids=lambda v: getattr(v, "name", ""),
)
def test_head_to_head_points_against_goal_difference(rules, expected):
    rows = compute_table(results(*H2H_POINTS), rules=rules)
    assert order(rows)[:2] == expected
    assert row_of(rows, "Alpha").tied_with == ("Beta",)


@pytest.mark.parametrize("rules", HEAD_TO_HEAD_FIRST, ids=lambda r: r.name)
def test_incomplete_head_to_head_falls_back_to_goal_difference(rules):
    # Only one of the two meetings played: head-to-head does not count yet, goal difference does.
    rows = compute_table(results(H2H_POINTS[0], *H2H_POINTS[2:]), rules=rules)
    assert (row_of(rows, "Alpha").points, row_of(rows, "Beta").points) == (3, 3)
    assert order(rows)[:3] == [("Beta", "goal_difference"), ("Yolo", "goal_difference"), ("Alpha", "goal_difference")]


@pytest.mark.parametrize("rules", HEAD_TO_HEAD_FIRST, ids=lambda r: r.name)
def test_incomplete_head_to_head_falls_back_to_goals_scored(rules):
    # Level on points and goal difference, one meeting still to play: goals scored decides.
    rows = compute_table(
        results("2024-08-17 Alpha 2-2 Beta", "2024-08-24 Alpha 3-3 Xeno", "2024-08-31 Beta 0-0 Yolo"), rules=rules
    )
    assert order(rows)[:2] == [("Alpha", "goals_for"), ("Beta", "goals_for")]


# Level on 6 points; each won at home in their meetings (3 points each), Alpha by more (+1 head-to-head);
# Beta has the better overall goal difference and scored more.
H2H_GOAL_DIFFERENCE = (
    "2024-08-17 Alpha 2-0 Beta",
    "2024-09-01 Beta 1-0 Alpha",
    "2024-09-14 Beta 4-0 Xeno",
    "2024-09-21 Alpha 1-0 Yolo",
)


@pytest.mark.parametrize(
    ("rules", "expected", "decided_by"),
    [
        *[(r, ["Alpha", "Beta"], "head_to_head_goal_difference") for r in HEAD_TO_HEAD_FIRST],
        *[(r, ["Beta", "Alpha"], "goal_difference") for r in GOAL_DIFFERENCE_FIRST],
    ],
    ids=lambda v: getattr(v, "name", ""),
)
def test_head_to_head_goal_difference(rules, expected, decided_by):
    rows = compute_table(results(*H2H_GOAL_DIFFERENCE), rules=rules)
    assert order(rows)[:2] == [(club, decided_by) for club in expected]


# Level on points, goal difference (0) and goals scored (3); Alpha took 4 points of 6 from Beta.
LEVEL_BUT_HEAD_TO_HEAD = (
    "2024-08-17 Alpha 2-1 Beta",
    "2024-09-01 Beta 1-1 Alpha",
    "2024-09-14 Alpha 0-1 Yolo",
    "2024-09-21 Beta 1-0 Xeno",
)


@pytest.mark.parametrize(
    ("rules", "decided_by"),
    [
        (LA_LIGA, "head_to_head_points"),
        (SERIE_A, "head_to_head_points"),
        (PREMIER_LEAGUE, "head_to_head_points"),
        (BUNDESLIGA, "head_to_head_goal_difference"),
        # UEFA has no head-to-head: away goals (1 each), wins (1 each), away wins (none) are level too.
        (UCL_LEAGUE_PHASE, "name"),
    ],
    ids=lambda v: getattr(v, "name", ""),
)
def test_level_on_goals_then_head_to_head(rules, decided_by):
    rows = compute_table(results(*LEVEL_BUT_HEAD_TO_HEAD), rules=rules)
    assert [(r.club, r.points, r.goal_difference, r.goals_for) for r in rows[:2]] == [
        ("Alpha", 4, 0, 3),
        ("Beta", 4, 0, 3),
    ]
    assert [r.decided_by for r in rows[:2]] == [decided_by, decided_by]


# Level on points, goals and head-to-head points and goal difference; Zeta scored 2 away to Alpha's 1.
HEAD_TO_HEAD_AWAY_GOALS = ("2024-08-17 Alpha 2-2 Zeta", "2024-09-01 Zeta 1-1 Alpha")


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        (PREMIER_LEAGUE, [("Zeta", "head_to_head_away_goals"), ("Alpha", "head_to_head_away_goals")]),
        (BUNDESLIGA, [("Zeta", "head_to_head_away_goals"), ("Alpha", "head_to_head_away_goals")]),
        (UCL_LEAGUE_PHASE, [("Zeta", "away_goals_for"), ("Alpha", "away_goals_for")]),
        # La Liga and Serie A have no away-goals criterion: still level, so alphabetical.
        (LA_LIGA, [("Alpha", "name"), ("Zeta", "name")]),
        (SERIE_A, [("Alpha", "name"), ("Zeta", "name")]),
    ],
    ids=lambda v: getattr(v, "name", ""),
)
def test_head_to_head_away_goals(rules, expected):
    assert order(compute_table(results(*HEAD_TO_HEAD_AWAY_GOALS), rules=rules)) == expected


def test_bundesliga_overall_away_goals_after_head_to_head():
    rows = compute_table(
        results(
            "2024-08-17 Alpha 1-1 Zeta",
            "2024-09-01 Zeta 1-1 Alpha",
            "2024-09-14 Xeno 2-2 Zeta",
            "2024-09-21 Alpha 2-2 Yolo",
        ),
        rules=BUNDESLIGA,
    )
    assert order(rows)[:2] == [("Zeta", "away_goals_for"), ("Alpha", "away_goals_for")]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # Same points, goals and away goals (none); Alpha has a win where Beta has draws.
        (
            ("2024-09-17 Alpha 1-0 Xeno", "2024-10-01 Alpha 0-1 Yolo", "2024-09-17 Beta 0-0 Wolf",
             "2024-10-01 Beta 0-0 Vega", "2024-10-22 Beta 1-1 Umbra"),
            [("Alpha", "wins"), ("Beta", "wins")],
        ),
        # Same points, goals, away goals (1 each) and wins; Beta's win came away from home.
        (
            ("2024-09-17 Xeno 0-1 Beta", "2024-10-01 Beta 1-2 Yolo", "2024-09-17 Alpha 1-0 Wolf",
             "2024-10-01 Vega 2-1 Alpha"),
            [("Beta", "away_wins"), ("Alpha", "away_wins")],
        ),
    ],
)  # fmt: skip
def test_champions_league_wins_and_away_wins(lines, expected):
    rows = compute_table(results(*lines), rules=UCL_LEAGUE_PHASE)
    level = [(r.club, r.decided_by) for r in rows if r.club in {"Alpha", "Beta"}]
    assert level == expected


# Three-way tie on 9 points. Mini-league: Alpha and Beta 9 points each (both beat Gamma twice, and won one
# each of their own meetings 1-0), Gamma 0 -- though Gamma has the best overall goal difference.
THREE_WAY = (
    "2024-08-17 Alpha 1-0 Gamma",
    "2024-08-24 Gamma 0-1 Alpha",
    "2024-08-31 Beta 3-0 Gamma",
    "2024-09-14 Gamma 0-3 Beta",
    "2024-09-21 Alpha 1-0 Beta",
    "2024-09-28 Beta 1-0 Alpha",
    "2024-10-05 Gamma 5-0 Xeno",
    "2024-10-19 Gamma 5-0 Yolo",
    "2024-10-26 Gamma 5-0 Wolf",
)


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        # Gamma last on the mini-league; Alpha and Beta, still level on their own meetings, by goal difference.
        *[
            (r, [("Beta", "goal_difference"), ("Alpha", "goal_difference"), ("Gamma", "head_to_head_points")])
            for r in HEAD_TO_HEAD_FIRST
        ],
        *[
            (r, [("Gamma", "goal_difference"), ("Beta", "goal_difference"), ("Alpha", "goal_difference")])
            for r in GOAL_DIFFERENCE_FIRST
        ],
    ],
    ids=lambda v: getattr(v, "name", ""),
)
def test_three_way_mini_league(rules, expected):
    rows = compute_table(results(*THREE_WAY), rules=rules)
    assert order(rows)[:3] == expected
    assert row_of(rows, "Gamma").tied_with == tuple(club for club, _ in expected if club != "Gamma")


@pytest.mark.parametrize("rules", HEAD_TO_HEAD_FIRST, ids=lambda r: r.name)
def test_sub_group_left_by_mini_league_is_compared_again_among_itself(rules):
    # All on 15 points. Alpha wins the mini-league (12). Beta and Gamma have 3 each in it; between
    # themselves Beta is +1, but over the whole mini-league Gamma is better (-3 to -5). The remaining pair
    # is ranked again on its own meetings, so Beta goes above Gamma.
    rows = compute_table(
        results(
            "2024-08-17 Alpha 3-0 Beta",
            "2024-08-24 Beta 0-3 Alpha",
            "2024-08-31 Alpha 1-0 Gamma",
            "2024-09-14 Gamma 0-1 Alpha",
            "2024-09-21 Beta 2-0 Gamma",
            "2024-09-28 Gamma 1-0 Beta",
            *[f"2024-10-0{day} Beta 1-0 X{day}" for day in (1, 2, 3, 4)],
            *[f"2024-10-0{day} Gamma 1-0 Y{day}" for day in (1, 2, 3, 4)],
            *[f"2024-11-0{day} Z{day} 0-0 Alpha" for day in (1, 2, 3)],
        ),
        rules=rules,
    )
    assert {r.points for r in rows[:3]} == {15}
    assert order(rows)[:3] == [
        ("Alpha", "head_to_head_points"),
        ("Beta", "head_to_head_goal_difference"),
        ("Gamma", "head_to_head_goal_difference"),
    ]


@pytest.mark.parametrize("rules", ALL_RULES, ids=lambda r: r.name)
def test_clubs_without_results_appear_level_and_alphabetical(rules):
    rows = compute_table([], rules=rules, clubs=["Gamma", "alpha", "Beta"])
    assert [(r.position, r.club, r.played, r.points, r.form, r.decided_by) for r in rows] == [
        (1, "alpha", 0, 0, "", "name"),
        (2, "Beta", 0, 0, "", "name"),
        (3, "Gamma", 0, 0, "", "name"),
    ]
    assert rows[0].tied_with == ("Beta", "Gamma")


def test_a_lone_club_is_decided_by_nothing():
    [row] = compute_table([], rules=LA_LIGA, clubs=["Alpha"])
    assert (row.position, row.decided_by, row.tied_with) == (1, None, ())


@pytest.mark.parametrize("rules", ALL_RULES, ids=lambda r: r.name)
def test_awarded_match_counts_at_the_score_passed(rules):
    # The caller passes the awarded 0-2 (Union Berlin v Bochum, 2024-12-14), not the 1-1 on the pitch.
    awarded = Result("awarded", "Union", "Bochum", 0, 2, dt.date(2024, 12, 14))
    rows = compute_table([awarded], rules=rules)
    assert [(r.club, r.won, r.drawn, r.lost, r.points) for r in rows] == [
        ("Bochum", 1, 0, 0, 3),
        ("Union", 0, 0, 1, 0),
    ]


@pytest.mark.parametrize("rules", ALL_RULES, ids=lambda r: r.name)
def test_deduction_comes_off_points(rules):
    lines = ("2024-08-17 Alpha 1-0 Beta", "2024-08-24 Alpha 1-0 Gamma", "2024-08-31 Beta 1-0 Gamma")
    rows = compute_table(results(*lines), rules=rules, deductions={"Alpha": 4, "Delta": 1})
    assert [(r.club, r.won, r.points, r.deduction) for r in rows] == [
        ("Beta", 1, 3, 0),
        ("Alpha", 2, 2, 4),
        ("Gamma", 0, 0, 0),
        ("Delta", 0, -1, 1),
    ]


def test_deduction_can_create_a_tie():
    rows = compute_table(
        results("2024-08-17 Alpha 2-0 Beta", "2024-08-24 Beta 2-0 Alpha", "2024-08-31 Alpha 1-0 Xeno"),
        rules=LA_LIGA,
        deductions={"Alpha": 3},
    )
    assert [(r.club, r.points, r.decided_by) for r in rows[:2]] == [
        ("Alpha", 3, "goal_difference"),
        ("Beta", 3, "goal_difference"),
    ]


HOME_AND_AWAY = (
    "2024-08-17 Alpha 3-0 Beta",
    "2024-08-24 Beta 1-0 Alpha",
    "2024-08-31 Alpha 0-0 Gamma",
    "2024-09-07 Gamma 2-1 Beta",
)


@pytest.mark.parametrize(
    ("venue", "expected"),
    [
        # Beta's 1-point deduction counts in the overall table only.
        ("all", [("Alpha", 3, 4, 3, 1), ("Gamma", 2, 4, 2, 1), ("Beta", 3, 2, 2, 5)]),
        ("home", [("Alpha", 2, 4, 3, 0), ("Gamma", 1, 3, 2, 1), ("Beta", 1, 3, 1, 0)]),
        ("away", [("Gamma", 1, 1, 0, 0), ("Alpha", 1, 0, 0, 1), ("Beta", 2, 0, 1, 5)]),
    ],
)
def test_home_and_away_tables(venue, expected):
    rows = compute_table(results(*HOME_AND_AWAY), rules=LA_LIGA, venue=venue, deductions={"Beta": 1})
    assert [(r.club, r.played, r.points, r.goals_for, r.goals_against) for r in rows] == expected


def test_home_table_skips_head_to_head():
    lines = (
        "2024-08-17 Alpha 2-0 Beta",
        "2024-08-24 Beta 1-0 Alpha",
        "2024-08-31 Alpha 1-0 Yolo",
        "2024-09-07 Beta 5-0 Xeno",
    )
    overall = compute_table(results(*lines), rules=LA_LIGA)
    assert order(overall)[:2] == [("Alpha", "head_to_head_goal_difference"), ("Beta", "head_to_head_goal_difference")]
    home = compute_table(results(*lines), rules=LA_LIGA, venue="home")
    assert order(home)[:2] == [("Beta", "goal_difference"), ("Alpha", "goal_difference")]
    assert [(r.club, r.played) for r in home[2:]] == [("Xeno", 0), ("Yolo", 0)]


def test_form_is_last_five_by_date_newest_last():
    lines = [
        "2024-09-28 Alpha 0-1 Beta",  # given first, played sixth
        "2024-08-17 Alpha 1-0 Beta",
        "2024-08-24 Beta 1-1 Alpha",
        "2024-08-31 Alpha 2-0 Gamma",
        "2024-09-14 Gamma 3-0 Alpha",
        "2024-09-21 Alpha 0-0 Gamma",
        "2024-10-05 Gamma 0-4 Alpha live",
    ]
    rows = compute_table(results(*lines), rules=PREMIER_LEAGUE)
    assert row_of(rows, "Alpha").form == "WLDLW"
    assert row_of(rows, "Gamma").form == "LWDL"


def test_live_results_count_and_mark_the_row():
    rows = compute_table(
        results("2024-08-17 Alpha 1-0 Beta", "2024-08-24 Gamma 0-2 Beta live"), rules=LA_LIGA, clubs=["Delta"]
    )
    beta = row_of(rows, "Beta")
    assert (beta.played, beta.points, beta.goals_for, beta.live) == (2, 3, 2, True)
    assert [(r.club, r.live) for r in rows] == [("Beta", True), ("Alpha", False), ("Delta", False), ("Gamma", True)]


def test_every_result_is_counted_once():
    result = results("2024-08-17 Alpha 1-0 Beta")[0]
    with pytest.raises(ValueError, match="repeat match ids"):
        compute_table([result, result], rules=LA_LIGA)


def test_deductions_are_points_taken_off():
    with pytest.raises(ValueError, match="deductions must be points taken off"):
        compute_table([], rules=LA_LIGA, deductions={"Alpha": -3})


@pytest.mark.parametrize(
    ("kwargs", "complaint"),
    [
        ({"home": "Alpha", "away": "Alpha", "home_goals": 1, "away_goals": 0}, "cannot play itself"),
        ({"home": "Alpha", "away": "Beta", "home_goals": -1, "away_goals": 0}, "non-negative"),
        ({"home": "Alpha", "away": "Beta", "home_goals": True, "away_goals": 0}, "non-negative"),
    ],
)
def test_result_rejects_impossible_values(kwargs, complaint):
    with pytest.raises(ValueError, match=complaint):
        Result(match_id=1, date=dt.date(2024, 8, 17), **kwargs)


@pytest.mark.parametrize(
    ("name", "rules"),
    [
        ("la_liga", LA_LIGA),
        ("serie_a", SERIE_A),
        ("premier_league", PREMIER_LEAGUE),
        ("bundesliga", BUNDESLIGA),
        ("ucl_league_phase", UCL_LEAGUE_PHASE),
    ],
)
def test_rule_set_by_stored_name(name, rules):
    assert rule_set(name) is rules


def test_unknown_rule_set():
    with pytest.raises(ValueError, match=re.escape("no ranking rules named 'fr.1'")):
        rule_set("fr.1")


@pytest.mark.parametrize(
    ("criteria", "complaint"),
    [(("goal_difference", "points"), "must start with 'points'"), (("points", "coin_toss"), "unknown criteria")],
)
def test_rule_set_checks_its_criteria(criteria, complaint):
    with pytest.raises(ValueError, match=complaint):
        RuleSet("Broken", criteria)


def test_win_and_draw_points_come_from_the_rule_set():
    two_points_for_a_win = dataclasses.replace(LA_LIGA, name="1980s", win_points=2)
    rows = compute_table(results("2024-08-17 Alpha 1-0 Beta", "2024-08-24 Beta 0-0 Gamma"), rules=two_points_for_a_win)
    assert [(r.club, r.points) for r in rows] == [("Alpha", 2), ("Gamma", 1), ("Beta", 1)]
