"""UEFA group-stage tie-breaks, each season under its own edition of the regulations. No database."""

import pytest

from matches.standings import compute_table, rules_for
from tests.matches import results


def order(rows) -> list[tuple[str, str | None]]:
    return [(row.club, row.decided_by) for row in rows]


# Alpha and Beta level on 9 points; Beta has the better goal difference (+7 to +1) but Alpha took four points
# from their meetings (1-0 and 0-0).
HEAD_TO_HEAD_FIRST = (
    "2019-09-17 Alpha 1-0 Beta", "2019-10-22 Beta 0-0 Alpha",
    "2019-09-17 Gamma 2-0 Delta", "2019-10-22 Delta 2-0 Gamma",
    "2019-10-01 Alpha 0-1 Gamma", "2019-11-06 Gamma 0-1 Alpha",
    "2019-10-01 Beta 5-0 Gamma", "2019-11-26 Gamma 0-0 Beta",
    "2019-11-06 Alpha 0-0 Delta", "2019-12-11 Delta 1-1 Alpha",
    "2019-11-26 Beta 3-0 Delta", "2019-12-11 Delta 1-1 Beta",
)  # fmt: skip


@pytest.mark.parametrize("season", ["2011-12", "2015-16", "2020-21", "2023-24"])
def test_head_to_head_comes_before_goal_difference_in_every_edition(season):
    rows = compute_table(results(*HEAD_TO_HEAD_FIRST), rules=rules_for("ucl_league_phase", season))
    assert order(rows)[:2] == [("Alpha", "head_to_head_points"), ("Beta", "head_to_head_points")]
    assert (rows[0].points, rows[1].points, rows[0].goal_difference, rows[1].goal_difference) == (9, 9, 1, 7)


# Alpha, Beta and Gamma level on 10 points. Among the three: Alpha 9 points, Beta and Gamma 4 each with the
# same goal difference (-1), goals (1) and away goals (0). Between themselves Beta won 1-0 and drew 0-0;
# Gamma has the far better overall goal difference (+9 to +1) from beating Delta 5-0 twice.
THREE_WAY = (
    "2019-09-17 Alpha 1-0 Beta", "2019-10-01 Beta 0-1 Alpha",
    "2019-10-22 Gamma 1-0 Alpha", "2019-11-06 Alpha 1-0 Gamma",
    "2019-09-17 Beta 1-0 Gamma", "2019-10-01 Gamma 0-0 Beta",
    "2019-10-22 Alpha 0-0 Delta", "2019-11-06 Delta 1-0 Alpha",
    "2019-11-26 Beta 1-0 Delta", "2019-12-11 Delta 0-1 Beta",
    "2019-11-26 Gamma 5-0 Delta", "2019-12-11 Delta 0-5 Gamma",
)  # fmt: skip


@pytest.mark.parametrize("season", ["2012-13", "2019-20", "2021-22", "2023-24"])
def test_a_pair_left_level_by_the_mini_league_is_compared_again_between_themselves(season):
    rows = compute_table(results(*THREE_WAY), rules=rules_for("ucl_league_phase", season))
    assert [row.points for row in rows] == [10, 10, 10, 4]
    assert order(rows) == [
        ("Alpha", "head_to_head_points"),
        ("Beta", "head_to_head_points"),
        ("Gamma", "head_to_head_points"),
        ("Delta", "points"),
    ]


def test_before_2012_13_nothing_was_re_applied_and_goal_difference_decides():
    rows = compute_table(results(*THREE_WAY), rules=rules_for("ucl_league_phase", "2011-12"))
    assert order(rows)[:3] == [
        ("Alpha", "head_to_head_points"),
        ("Gamma", "goal_difference"),
        ("Beta", "goal_difference"),
    ]


# Xeno and Yolo level on 11 points, level on points, goal difference and goals in their meetings (0-0 and
# 1-1); Xeno scored the only away goal between them. Yolo has the better overall goal difference.
AWAY_GOALS_BETWEEN = (
    "2020-10-20 Xeno 0-0 Yolo", "2020-11-03 Yolo 1-1 Xeno",
    "2020-10-20 Xeno 1-0 Pike", "2020-11-03 Pike 1-0 Xeno",
    "2020-10-28 Yolo 3-0 Pike", "2020-11-24 Pike 1-0 Yolo",
    "2020-10-28 Xeno 1-0 Quin", "2020-11-24 Quin 0-1 Xeno",
    "2020-12-01 Yolo 1-0 Quin", "2020-12-09 Quin 0-1 Yolo",
    "2020-12-01 Pike 0-0 Quin", "2020-12-09 Quin 0-0 Pike",
)  # fmt: skip


@pytest.mark.parametrize(
    ("season", "expected"),
    [
        ("2011-12", [("Xeno", "head_to_head_away_goals"), ("Yolo", "head_to_head_away_goals")]),
        ("2020-21", [("Xeno", "head_to_head_away_goals"), ("Yolo", "head_to_head_away_goals")]),
        ("2021-22", [("Yolo", "goal_difference"), ("Xeno", "goal_difference")]),
        ("2023-24", [("Yolo", "goal_difference"), ("Xeno", "goal_difference")]),
    ],
)
def test_away_goals_between_the_clubs_count_until_2020_21_only(season, expected):
    rows = compute_table(results(*AWAY_GOALS_BETWEEN), rules=rules_for("ucl_league_phase", season))
    assert order(rows)[:2] == expected
    assert rows[0].points == rows[1].points == 11


def test_clubs_level_on_everything_the_data_holds_are_ordered_by_name_and_say_so():
    rows = compute_table(
        results("2021-09-14 Beta 1-1 Alpha", "2021-09-29 Alpha 1-1 Beta"),
        rules=rules_for("ucl_league_phase", "2021-22"),
    )
    assert order(rows) == [("Alpha", "name"), ("Beta", "name")]


def test_head_to_head_waits_for_every_meeting_among_the_clubs():
    # All three on 3 points; Alpha beat Beta in their one meeting so far, but without every meeting among the
    # three played, head-to-head waits and goal difference (+3, 0, -3) orders them.
    rows = compute_table(
        results("2021-09-14 Alpha 1-0 Beta", "2021-09-29 Beta 4-0 Gamma", "2021-09-29 Gamma 1-0 Alpha"),
        rules=rules_for("ucl_league_phase", "2021-22"),
    )
    assert order(rows) == [("Beta", "goal_difference"), ("Alpha", "goal_difference"), ("Gamma", "goal_difference")]


@pytest.mark.parametrize(
    ("season", "edition"),
    [("2011-12", "2011-12"), ("2018-19", "2012-13 to 2018-19"), ("2019-20", "2019-20"), ("2021-22", "2021-22")],
)
def test_each_season_names_the_edition_it_follows(season, edition):
    assert edition in rules_for("ucl_league_phase", season).edition


# Champions League 2022-23, Group H as it finished: Benfica and Paris Saint-Germain on 14 points with 16-7 goals
# each and two 1-1 draws between them; Benfica won the group on away goals scored in all group matches (9 to 6).
GROUP_H_2022_23 = (
    "2022-09-06 Paris 2-1 Juventus", "2022-09-06 Benfica 2-0 Maccabi",
    "2022-09-14 Juventus 1-2 Benfica", "2022-09-14 Maccabi 1-3 Paris",
    "2022-10-05 Benfica 1-1 Paris", "2022-10-05 Juventus 3-1 Maccabi",
    "2022-10-11 Paris 1-1 Benfica", "2022-10-11 Maccabi 2-0 Juventus",
    "2022-10-25 Benfica 4-3 Juventus", "2022-10-25 Paris 7-2 Maccabi",
    "2022-11-02 Juventus 1-2 Paris", "2022-11-02 Maccabi 1-6 Benfica",
)  # fmt: skip


def test_champions_league_2022_23_group_h_goes_to_benfica_on_away_goals_scored():
    rows = compute_table(results(*GROUP_H_2022_23), rules=rules_for("ucl_league_phase", "2022-23"))
    assert order(rows) == [
        ("Benfica", "away_goals_for"),
        ("Paris", "away_goals_for"),
        ("Juventus", "goal_difference"),
        ("Maccabi", "goal_difference"),
    ]
    assert [(row.points, row.goals_for, row.goals_against) for row in rows[:2]] == [(14, 16, 7), (14, 16, 7)]
