"""Knockout ties: aggregate including extra time, never penalties, and how each tie was decided."""

from collections import defaultdict

import pytest

from matches.standings import Leg, decide_tie, legs_expected, tie_rules

BARCELONA, INTER = "FC Barcelona", "FC Internazionale Milano"


def test_barcelona_inter_semi_final_goes_to_inter_in_extra_time():
    outcome = decide_tie([Leg(BARCELONA, INTER, (3, 3)), Leg(INTER, BARCELONA, (3, 3), et=(4, 3))])
    assert (outcome.first, outcome.second, outcome.aggregate) == (BARCELONA, INTER, (6, 7))
    assert (outcome.winner, outcome.loser, outcome.decided, outcome.pens) == (INTER, BARCELONA, "extra_time", None)


@pytest.mark.parametrize(
    ("legs", "winner", "aggregate", "pens"),
    [
        (
            [Leg("Paris Saint-Germain FC", "Liverpool FC", (0, 1)),
             Leg("Liverpool FC", "Paris Saint-Germain FC", (0, 1), et=(0, 1), pens=(1, 4))],
            "Paris Saint-Germain FC", (1, 1), (4, 1),
        ),
        (
            [Leg("Real Madrid CF", "Club Atlético de Madrid", (2, 1)),
             Leg("Club Atlético de Madrid", "Real Madrid CF", (1, 0), et=(1, 0), pens=(2, 4))],
            "Real Madrid CF", (2, 2), (4, 2),
        ),
        # A single-match final settled on penalties (Milan 2016: Real Madrid 1-1 Atlético, 5-3 on penalties).
        (
            [Leg("Real Madrid CF", "Club Atlético de Madrid", (1, 1), et=(1, 1), pens=(5, 3))],
            "Real Madrid CF", (1, 1), (5, 3),
        ),
    ],
)  # fmt: skip
def test_shoot_outs_decide_but_never_count_in_the_aggregate(legs, winner, aggregate, pens):
    outcome = decide_tie(legs)
    assert (outcome.winner, outcome.aggregate, outcome.pens, outcome.decided) == (winner, aggregate, pens, "penalties")


@pytest.mark.parametrize(
    ("legs", "winner", "aggregate", "decided"),
    [
        ([Leg("A", "B", (1, 0)), Leg("B", "A", (1, 1))], "A", (2, 1), "aggregate"),
        # Away goals would have put B through (2 away to A's 1); that rule is gone, so extra time.
        ([Leg("A", "B", (1, 2)), Leg("B", "A", (0, 1), et=(0, 2))], "A", (3, 2), "extra_time"),
        ([Leg("Paris Saint-Germain FC", INTER, (5, 0))], "Paris Saint-Germain FC", (5, 0), "aggregate"),
        ([Leg("A", "B", (2, 2), et=(2, 3))], "B", (2, 3), "extra_time"),
    ],
)
def test_aggregate_and_extra_time(legs, winner, aggregate, decided):
    outcome = decide_tie(legs)
    assert (outcome.winner, outcome.aggregate, outcome.decided) == (winner, aggregate, decided)


def test_a_tie_with_a_leg_to_come_has_no_winner_yet():
    outcome = decide_tie([Leg(BARCELONA, INTER, (3, 3))], expected_legs=2)
    assert (outcome.aggregate, outcome.winner, outcome.loser, outcome.decided) == ((3, 3), None, None, None)


@pytest.mark.parametrize(
    ("legs", "expected_legs", "complaint"),
    [
        ([], None, "one or two legs"),
        ([Leg("A", "B", (1, 0))] * 3, None, "one or two legs"),
        ([Leg("A", "B", (1, 0)), Leg("A", "B", (1, 0))], None, "must reverse"),
        ([Leg("A", "B", (1, 0)), Leg("B", "C", (1, 0))], None, "must reverse"),
        ([Leg("A", "B", (1, 1), et=(2, 1)), Leg("B", "A", (1, 0))], None, "only a tie's last leg"),
        ([Leg("A", "B", (1, 1), et=(2, 1))], 2, "only a tie's last leg"),
        ([Leg("A", "B", (1, 0)), Leg("B", "A", (0, 0), et=(0, 1))], None, "not level after 90 minutes"),
        ([Leg("A", "B", (1, 0)), Leg("B", "A", (1, 0), et=(2, 0), pens=(4, 3))], None, "shoot-out .* not level"),
        ([Leg("A", "B", (1, 0)), Leg("B", "A", (1, 0), et=(1, 0), pens=(4, 4))], None, "cannot end level"),
        ([Leg("A", "B", (1, 0)), Leg("B", "A", (1, 0))], None, "level with no shoot-out"),
    ],
)
def test_impossible_ties_are_rejected(legs, expected_legs, complaint):
    with pytest.raises(ValueError, match=complaint):
        decide_tie(legs, expected_legs=expected_legs)


@pytest.mark.parametrize(
    ("kwargs", "complaint"),
    [
        ({"home": "A", "away": "A", "ft": (1, 0)}, "cannot play itself"),
        ({"home": "A", "away": "B", "ft": (-1, 0)}, "non-negative"),
        ({"home": "A", "away": "B", "ft": (1, 1), "et": (1, 0)}, "cannot take away goals"),
    ],
)
def test_impossible_legs_are_rejected(kwargs, complaint):
    with pytest.raises(ValueError, match=complaint):
        Leg(**kwargs)


# Who went through in every 2024-25 Champions League knockout tie, and how.
UCL_2024_25_KNOCKOUTS = {
    "playoffs": {
        ("Paris Saint-Germain FC", "aggregate"),
        ("Real Madrid CF", "aggregate"),
        ("PSV", "aggregate"),
        ("Borussia Dortmund", "aggregate"),
        ("Club Brugge KV", "aggregate"),
        ("Sport Lisboa e Benfica", "aggregate"),
        ("FC Bayern München", "aggregate"),
        ("Feyenoord Rotterdam", "aggregate"),
    },
    "round_of_16": {
        ("Aston Villa FC", "aggregate"),
        ("Real Madrid CF", "penalties"),
        ("Arsenal FC", "aggregate"),
        ("Borussia Dortmund", "aggregate"),
        (INTER, "aggregate"),
        ("Paris Saint-Germain FC", "penalties"),
        ("FC Bayern München", "aggregate"),
        (BARCELONA, "aggregate"),
    },
    "quarter_finals": {
        ("Arsenal FC", "aggregate"),
        (INTER, "aggregate"),
        ("Paris Saint-Germain FC", "aggregate"),
        (BARCELONA, "aggregate"),
    },
    "semi_finals": {("Paris Saint-Germain FC", "aggregate"), (INTER, "extra_time")},
    "final": {("Paris Saint-Germain FC", "aggregate")},
}


def test_every_real_champions_league_knockout_tie(openfootball):
    ties = defaultdict(list)
    for match in openfootball("2024-25/uefa.cl.json").matches:
        if match.stage != "league":
            leg = Leg(match.home, match.away, match.ft, et=match.et, pens=match.pens)
            ties[(match.stage, frozenset((match.home, match.away)))].append((match.leg, leg))
    decided = defaultdict(set)
    for (stage, _), legs in ties.items():
        outcome = decide_tie([leg for _, leg in sorted(legs, key=lambda pair: pair[0] or 0)])
        decided[stage].add((outcome.winner, outcome.decided))
    assert decided == UCL_2024_25_KNOCKOUTS


@pytest.mark.parametrize(
    ("leg_numbers", "expected"),
    [
        ([None], 1),  # a final
        ([1], 2),  # a first leg alone: the second is still to come
        ([2], 2),
        ([1, 2], 2),
        ([None, None], 2),  # two unnumbered meetings in one round are still two legs
    ],
)
def test_how_many_legs_a_tie_has(leg_numbers, expected):
    assert legs_expected(leg_numbers) == expected


def test_a_first_leg_alone_has_no_winner():
    outcome = decide_tie([Leg("a", "b", (2, 1))], expected_legs=legs_expected([1]))
    assert (outcome.aggregate, outcome.winner, outcome.decided) == ((2, 1), None, None)


# The same 90 minutes in two seasons: A win 1-0 away, B win 2-1 away (2-2 on aggregate, B two away goals to one).
SAME_NINETY = [Leg("A", "B", (1, 2)), Leg("B", "A", (0, 1))]


def test_away_goals_decide_a_2020_21_tie_after_90_minutes():
    outcome = decide_tie(SAME_NINETY, rules=tie_rules("uefa.cl", "2020-21"))
    assert (outcome.winner, outcome.aggregate, outcome.decided) == ("B", (2, 2), "away_goals")


def test_the_same_scores_in_2021_22_go_to_extra_time():
    legs = [SAME_NINETY[0], Leg("B", "A", (0, 1), et=(0, 2))]
    outcome = decide_tie(legs, rules=tie_rules("uefa.el", "2021-22"))
    assert (outcome.winner, outcome.aggregate, outcome.decided) == ("A", (3, 2), "extra_time")
    with pytest.raises(ValueError, match="level with no shoot-out"):
        decide_tie(SAME_NINETY, rules=tie_rules("uefa.el", "2021-22"))
    with pytest.raises(ValueError, match=r"extra time .* not level after 90 minutes"):
        decide_tie(legs, rules=tie_rules("uefa.cl", "2020-21"))


# 1-0 and 0-1 after 90 minutes, then 1-1 in extra time of the second leg at B: 2-2 on aggregate, A's goal at B.
EXTRA_TIME_AWAY_GOAL = [Leg("A", "B", (1, 0)), Leg("B", "A", (1, 0), et=(2, 1))]


def test_an_away_goal_in_extra_time_counted_until_2020_21():
    outcome = decide_tie(EXTRA_TIME_AWAY_GOAL, rules=tie_rules("uefa.cl", "2020-21"))
    assert (outcome.winner, outcome.aggregate, outcome.decided, outcome.pens) == ("A", (2, 2), "away_goals", None)
    with pytest.raises(ValueError, match=r"shoot-out .* not level"):
        decide_tie([EXTRA_TIME_AWAY_GOAL[0], Leg("B", "A", (1, 0), et=(2, 1), pens=(4, 3))],
                   rules=tie_rules("uefa.cl", "2020-21"))  # fmt: skip


def test_from_2021_22_the_same_extra_time_goes_to_penalties():
    legs = [EXTRA_TIME_AWAY_GOAL[0], Leg("B", "A", (1, 0), et=(2, 1), pens=(4, 3))]
    outcome = decide_tie(legs, rules=tie_rules("uefa.cl", "2021-22"))
    assert (outcome.winner, outcome.aggregate, outcome.decided, outcome.pens) == ("B", (2, 2), "penalties", (3, 4))


def test_level_on_away_goals_too_goes_to_extra_time_and_penalties_before_2021_22():
    # 1-1 and 1-1: one away goal each, extra time without a goal, then penalties.
    legs = [Leg("A", "B", (1, 1)), Leg("B", "A", (1, 1), et=(1, 1), pens=(5, 4))]
    outcome = decide_tie(legs, rules=tie_rules("uefa.cl", "2018-19"))
    assert (outcome.winner, outcome.decided) == ("B", "penalties")


def test_a_single_match_final_has_no_away_goals():
    outcome = decide_tie([Leg("A", "B", (1, 1), et=(1, 1), pens=(3, 4))], rules=tie_rules("uefa.cl", "2015-16"))
    assert (outcome.winner, outcome.decided) == ("B", "penalties")


def test_barcelona_inter_stays_6_7_on_aggregate_after_extra_time_under_its_season():
    legs = [Leg(BARCELONA, INTER, (3, 3)), Leg(INTER, BARCELONA, (3, 3), et=(4, 3))]
    outcome = decide_tie(legs, rules=tie_rules("uefa.cl", "2024-25"))
    assert (outcome.aggregate, outcome.winner, outcome.decided) == ((6, 7), INTER, "extra_time")


@pytest.mark.parametrize(
    ("code", "season", "away_goals"),
    [("uefa.cl", "2011-12", True), ("uefa.el", "2020-21", True), ("uefa.cl", "2021-22", False),
     ("uefa.conf", "2023-24", False), ("es.1", "2015-16", False)],
)  # fmt: skip
def test_which_seasons_count_away_goals(code, season, away_goals):
    rules = tie_rules(code, season)
    assert (rules.away_goals, rules.away_goals_in_extra_time) == (away_goals, away_goals)
    assert rules.edition or not away_goals
