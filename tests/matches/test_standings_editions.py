"""Rule sets per competition and per season: each league's tie-breaks in their official order, the edition
that applies to a season, and seasons cut short. Pure: no database.

Each scenario sets two clubs level on points so that different orders of the criteria place them
differently; a rule set whose criteria were in another order would fail its league's test.
"""

import pytest

from matches.standings import CURTAILED, EDITIONS, RULE_SETS, UNKNOWN, compute_table, rules_for, season_rules
from matches.standings.rules import (
    BUNDESLIGA,
    CHAMPIONSHIP,
    EREDIVISIE,
    LA_LIGA,
    LIGUE_1,
    PREMIER_LEAGUE,
    PREMIER_LEAGUE_2011,
    PRIMEIRA_LIGA,
    PRO_LEAGUE,
    SCOTTISH_PREMIERSHIP,
    SERIE_A,
    SERIE_A_2011,
    SERIE_A_2022,
    SUPER_LIG,
    UCL_LEAGUE_PHASE,
    UEFA_GROUPS_2011,
    UEFA_GROUPS_2012,
    UEFA_GROUPS_2019,
    UEFA_GROUPS_2021,
    Curtailment,
    RuleSet,
)
from tests.matches import results


def top_two(rows) -> list[tuple[str, str | None]]:
    level = [row for row in rows if row.club in ("Alpha", "Beta")]
    return [(row.club, row.decided_by) for row in level]


# Alpha and Beta on 4 points, goal difference 0 each. Beta took 4 points of 6 from their meetings; Alpha has
# scored more goals (3 to 2). Wins (1 each) and away goals (0 each) are level.
HEAD_TO_HEAD_OR_GOALS = results(
    "2024-08-17 Beta 1-0 Alpha",
    "2024-08-24 Alpha 0-0 Beta",
    "2024-08-31 Alpha 3-2 Xa",
    "2024-08-31 Beta 1-2 Xb",
)
GOALS_SCORED = [("Alpha", "goals_for"), ("Beta", "goals_for")]
HEAD_TO_HEAD = [("Beta", "head_to_head_points"), ("Alpha", "head_to_head_points")]


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        (LA_LIGA, HEAD_TO_HEAD),
        (SERIE_A, HEAD_TO_HEAD),
        (PRIMEIRA_LIGA, HEAD_TO_HEAD),
        (SUPER_LIG, HEAD_TO_HEAD),
        # Ligue 1 puts goal difference first, but head-to-head before goals scored.
        (LIGUE_1, HEAD_TO_HEAD),
        (PREMIER_LEAGUE, GOALS_SCORED),
        (PREMIER_LEAGUE_2011, GOALS_SCORED),
        (BUNDESLIGA, GOALS_SCORED),
        (EREDIVISIE, GOALS_SCORED),
        (SCOTTISH_PREMIERSHIP, GOALS_SCORED),
        (CHAMPIONSHIP, GOALS_SCORED),
        (PRO_LEAGUE, GOALS_SCORED),
        (UCL_LEAGUE_PHASE, GOALS_SCORED),
        (UNKNOWN, GOALS_SCORED),
    ],
    ids=lambda value: value.name if isinstance(value, RuleSet) else "",
)
def test_head_to_head_against_goals_scored(rules, expected):
    assert top_two(compute_table(HEAD_TO_HEAD_OR_GOALS, rules=rules)) == expected


# Alpha and Beta on 4 points: Alpha took 4 of 6 from their meetings, Beta has the better goal difference.
MEETINGS_OR_GOAL_DIFFERENCE = results(
    "2024-08-17 Alpha 1-0 Beta",
    "2024-09-01 Beta 0-0 Alpha",
    "2024-09-14 Beta 5-0 Xeno",
    "2024-09-21 Alpha 0-1 Yolo",
)
MEETINGS = [("Alpha", "head_to_head_points"), ("Beta", "head_to_head_points")]
GOAL_DIFFERENCE = [("Beta", "goal_difference"), ("Alpha", "goal_difference")]


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        (PRIMEIRA_LIGA, MEETINGS),
        (SUPER_LIG, MEETINGS),
        (SERIE_A_2022, MEETINGS),
        (LIGUE_1, GOAL_DIFFERENCE),
        (EREDIVISIE, GOAL_DIFFERENCE),
        (SCOTTISH_PREMIERSHIP, GOAL_DIFFERENCE),
        (CHAMPIONSHIP, GOAL_DIFFERENCE),
        (PRO_LEAGUE, GOAL_DIFFERENCE),
        (UNKNOWN, GOAL_DIFFERENCE),
    ],
    ids=lambda value: value.name if isinstance(value, RuleSet) else "",
)
def test_head_to_head_against_goal_difference(rules, expected):
    assert top_two(compute_table(MEETINGS_OR_GOAL_DIFFERENCE, rules=rules)) == expected


# Alpha and Beta on 6 points: Alpha won twice and lost twice (goal difference -4), Beta won once and drew
# three times (+3). The Belgian regular season ranks wins before goal difference.
WINS_OR_GOAL_DIFFERENCE = results(
    "2024-08-17 Alpha 1-0 X1",
    "2024-08-24 Alpha 1-0 X2",
    "2024-08-31 X3 3-0 Alpha",
    "2024-09-07 X4 3-0 Alpha",
    "2024-08-17 Beta 3-0 Y1",
    "2024-08-24 Beta 0-0 Y2",
    "2024-08-31 Beta 0-0 Y3",
    "2024-09-07 Beta 0-0 Y4",
)


def test_belgian_pro_league_ranks_wins_before_goal_difference():
    assert top_two(compute_table(WINS_OR_GOAL_DIFFERENCE, rules=PRO_LEAGUE)) == [("Alpha", "wins"), ("Beta", "wins")]
    assert top_two(compute_table(WINS_OR_GOAL_DIFFERENCE, rules=PREMIER_LEAGUE)) == [
        ("Beta", "goal_difference"),
        ("Alpha", "goal_difference"),
    ]


# Alpha and Beta on 5 points, level in their meetings (1-1 twice) and on goal difference (0); Alpha won a
# match, Beta drew all five and scored more (7 to 3). Primeira Liga ranks wins before goals scored.
WINS_OR_GOALS_SCORED = results(
    "2024-08-17 Alpha 1-1 Beta",
    "2024-08-24 Beta 1-1 Alpha",
    "2024-08-31 Alpha 1-0 X1",
    "2024-09-07 X2 1-0 Alpha",
    "2024-08-31 Beta 3-3 Y1",
    "2024-09-07 Beta 2-2 Y2",
    "2024-09-14 Beta 0-0 Y3",
)


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        (PRIMEIRA_LIGA, [("Alpha", "wins"), ("Beta", "wins")]),
        (SUPER_LIG, [("Beta", "goals_for"), ("Alpha", "goals_for")]),
        (LA_LIGA, [("Beta", "goals_for"), ("Alpha", "goals_for")]),
        (PRO_LEAGUE, [("Alpha", "wins"), ("Beta", "wins")]),
    ],
    ids=lambda value: value.name if isinstance(value, RuleSet) else "",
)
def test_wins_against_goals_scored(rules, expected):
    assert top_two(compute_table(WINS_OR_GOALS_SCORED, rules=rules)) == expected


# Zeta and Alpha level on points (4), goal difference (0) and goals scored (2); Zeta won their meetings.
LEVEL_BUT_FOR_THEIR_MEETINGS = results(
    "2024-08-17 Zeta 1-0 Alpha",
    "2024-08-24 Alpha 0-0 Zeta",
    "2024-08-31 Alpha 2-1 Y",
    "2024-09-07 X 2-1 Zeta",
)


def test_the_premier_league_added_head_to_head_to_its_handbook():
    before = compute_table(LEVEL_BUT_FOR_THEIR_MEETINGS, rules=rules_for("premier_league", "2018-19"))
    after = compute_table(LEVEL_BUT_FOR_THEIR_MEETINGS, rules=rules_for("premier_league", "2019-20"))
    assert [(r.club, r.decided_by) for r in before[:2]] == [("Alpha", "name"), ("Zeta", "name")]
    assert [(r.club, r.decided_by) for r in after[:2]] == [
        ("Zeta", "head_to_head_points"),
        ("Alpha", "head_to_head_points"),
    ]


@pytest.mark.parametrize(
    ("name", "season", "expected"),
    [
        ("premier_league", "2011-12", PREMIER_LEAGUE_2011),
        ("premier_league", "2018-19", PREMIER_LEAGUE_2011),
        ("premier_league", "2019-20", PREMIER_LEAGUE),
        ("premier_league", "2024-25", PREMIER_LEAGUE),
        ("serie_a", "2015-16", SERIE_A_2011),
        ("serie_a", "2022-23", SERIE_A_2022),
        ("serie_a", "2023-24", SERIE_A_2022),
        ("serie_a", "2024-25", SERIE_A),
        ("la_liga", "2011-12", LA_LIGA),
        ("bundesliga", "2023-24", BUNDESLIGA),
        ("ligue_1", "2024-25", LIGUE_1),
        ("ucl_league_phase", "2024-25", UCL_LEAGUE_PHASE),
        # UEFA's club competitions before the league phase: the group stage's edition of the season.
        ("ucl_league_phase", "2023-24", UEFA_GROUPS_2021),
        ("ucl_league_phase", "2020-21", UEFA_GROUPS_2019),
        ("ucl_league_phase", "2015-16", UEFA_GROUPS_2012),
        ("ucl_league_phase", "2011-12", UEFA_GROUPS_2011),
        # Before the first edition we know, no rules are claimed.
        ("la_liga", "2009-10", UNKNOWN),
        ("ligue_1", "2018-19", UNKNOWN),
        ("ucl_league_phase", "2010-11", UNKNOWN),
        ("unknown", "2024-25", UNKNOWN),
    ],
)
def test_the_edition_of_a_season(name, season, expected):
    assert rules_for(name, season) is expected


def test_every_family_has_its_editions_in_order_and_named():
    for name, editions in EDITIONS.items():
        starts = [int(edition.first_season[:4]) for edition in editions]
        assert starts == sorted(set(starts)), name
        assert RULE_SETS[name] is editions[-1].rules
        assert all(edition.rules.name for edition in editions)
    assert all(rules.known for name, rules in RULE_SETS.items() if name != "unknown")
    assert not UNKNOWN.known and "not known" in UNKNOWN.note


def test_an_unknown_family_is_refused():
    with pytest.raises(ValueError, match=r"no ranking rules named 'fr\.1'"):
        rules_for("fr.1", "2024-25")


# ---- A league that splits: only the matches before the split are ranked ---------------------------------


@pytest.mark.parametrize(
    ("rules", "clubs", "last_ranked"),
    [(SCOTTISH_PREMIERSHIP, 12, 33), (PRO_LEAGUE, 16, 30), (PRO_LEAGUE, 18, 34), (LA_LIGA, 20, 38)],
)
def test_matchdays_ranked_before_a_split(rules, clubs, last_ranked):
    assert rules.ranks_matchday(last_ranked, clubs)
    assert rules.ranks_matchday(last_ranked + 1, clubs) is (rules.regular_season_rounds is None)
    assert rules.ranks_matchday(None, clubs)


# ---- Seasons cut short -------------------------------------------------------------------------------------

# Alpha 11 points from 5 matches (2.20 a game); Beta 12 from 6 (2.00): Beta has more points, Alpha the better
# rate. Xs and Ys are the opponents.
UNEVEN_MATCHES = results(
    "2020-01-04 Alpha 1-0 X1",
    "2020-01-11 Alpha 1-0 X2",
    "2020-01-18 Alpha 1-0 X3",
    "2020-01-25 Alpha 0-0 X4",
    "2020-02-01 Alpha 0-0 X5",
    "2020-01-04 Beta 1-0 Y1",
    "2020-01-11 Beta 1-0 Y2",
    "2020-01-18 Beta 1-0 Y3",
    "2020-01-25 Beta 0-0 Y4",
    "2020-02-01 Beta 0-0 Y5",
    "2020-02-08 Beta 0-0 Y6",
)


def test_a_season_decided_on_points_per_game():
    rules = season_rules("ligue_1", "fr.1", "2019-20")
    assert rules.criteria[0] == "points_per_game"
    rows = compute_table(UNEVEN_MATCHES, rules=rules)
    assert [(r.club, r.points, r.played, r.decided_by) for r in rows[:2]] == [
        ("Alpha", 11, 5, "points_per_game"),
        ("Beta", 12, 6, "points_per_game"),
    ]
    played_out = compute_table(UNEVEN_MATCHES, rules=rules_for("ligue_1", "2019-20"))
    assert [r.club for r in played_out[:2]] == ["Beta", "Alpha"]


# Alpha and Beta both on 1.5 points a game; Alpha won the one meeting played before the stop, Beta has the
# better goal difference. The LFP broke ties on the rate by the matches between the clubs, played or not.
LEVEL_RATE = results(
    "2020-01-04 Alpha 1-0 Beta",
    "2020-01-11 X 1-0 Alpha",
    "2020-01-18 Beta 3-0 Y1",
    "2020-01-25 Beta 3-0 Y2",
    "2020-02-01 Y3 1-0 Beta",
)


def test_ligue_1_2019_20_breaks_a_level_rate_on_the_meetings_played():
    rows = compute_table(LEVEL_RATE, rules=season_rules("ligue_1", "fr.1", "2019-20"))
    assert top_two(rows) == [("Alpha", "head_to_head_points"), ("Beta", "head_to_head_points")]
    # A season played out waits for both meetings before head-to-head counts.
    rows = compute_table(LEVEL_RATE, rules=rules_for("ligue_1", "2019-20"))
    assert [club for club, _ in top_two(rows)] == ["Beta", "Alpha"]


def test_a_season_cut_short_says_so_in_its_note():
    assert "points per game" in season_rules("ligue_1", "fr.1", "2019-20").note
    assert "points per game" in season_rules("scottish_premiership", "sco.1", "2019-20").note
    voided = season_rules("eredivisie", "nl.1", "2019-20")
    assert voided.criteria == EREDIVISIE.criteria and "not an official final table" in voided.note
    assert not CURTAILED[("nl.1", "2019-20")].official
    assert season_rules("ligue_1", "fr.1", "2020-21") is LIGUE_1


def test_an_editors_curtailment_ranks_any_rule_set_on_points_per_game():
    editors = Curtailment("points_per_game", official=True, note="Stopped by the federation.")
    rules = season_rules("la_liga", "es.1", "2024-25", curtailment=editors)
    assert rules.criteria == ("points_per_game", *LA_LIGA.criteria[1:])
    assert rules.note == "Stopped by the federation."
    rows = compute_table(UNEVEN_MATCHES, rules=rules)
    assert top_two(rows) == [("Alpha", "points_per_game"), ("Beta", "points_per_game")]


def test_points_per_game_counts_points_after_deductions():
    rules = season_rules("ligue_1", "fr.1", "2019-20")
    rows = compute_table(UNEVEN_MATCHES, rules=rules, deductions={"Alpha": 2})
    # Alpha 9 from 5 (1.80) falls below Beta's 2.00.
    assert top_two(rows) == [("Beta", "points_per_game"), ("Alpha", "points_per_game")]


# ---- Every row of every table names the criterion that placed it ------------------------------------------

MIXED = results(
    "2024-08-17 Alpha 1-0 Beta",
    "2024-08-17 Gamma 2-2 Delta",
    "2024-08-24 Beta 1-1 Gamma",
    "2024-08-24 Delta 0-1 Alpha",
    "2024-08-31 Alpha 0-0 Gamma",
    "2024-08-31 Beta 3-0 Delta",
    "2024-09-07 Epsilon 0-0 Zeta",
)


def every_rule_set() -> list[RuleSet]:
    editions = [edition.rules for family in EDITIONS.values() for edition in family]
    curtailed = [
        season_rules(name, code, season)
        for (code, season) in CURTAILED
        for name in ("ligue_1", "eredivisie", "pro_league", "scottish_premiership")
    ]
    return list({id(rules): rules for rules in [*editions, *curtailed]}.values())


@pytest.mark.parametrize("rules", every_rule_set(), ids=lambda rules: rules.name)
def test_every_row_says_what_placed_it(rules):
    for table in (MIXED, HEAD_TO_HEAD_OR_GOALS, WINS_OR_GOALS_SCORED, UNEVEN_MATCHES):
        rows = compute_table(table, rules=rules)
        assert all(row.decided_by in (*rules.criteria, "name") for row in rows), [r.decided_by for r in rows]
