"""Points by matchday (by round, not by date) and the clubs a points race draws: pure, no database."""

import datetime as dt
from itertools import count

import pytest

from matches.standings import LA_LIGA, Result, RuleSet, compute_table, leaders, points_by_matchday

_ids = count(1)
DAY = dt.date(2024, 8, 17)


def played(home: str, away: str, score: str, matchday: int | None, *, week: int | None = None) -> Result:
    """A result of `matchday`, played in that round's week unless `week` says it was moved."""
    home_goals, away_goals = map(int, score.split("-"))
    week = week if week is not None else matchday or 1
    return Result(next(_ids), home, away, home_goals, away_goals, DAY + dt.timedelta(weeks=week - 1), matchday)


@pytest.mark.parametrize(
    ("results", "clubs", "expected"),
    [
        pytest.param([], ["a"], {"a": []}, id="no results: an empty line"),
        pytest.param(
            [played("a", "b", "2-0", 1), played("c", "a", "1-1", 2), played("a", "d", "0-3", 3)],
            ["a", "b", "c"],
            {"a": [3, 4, 4], "b": [0], "c": [0, 1]},
            id="win, draw, loss; each line ends at its club's last round",
        ),
        pytest.param(
            [played("a", "b", "1-0", 1), played("a", "c", "1-0", 3)],
            ["a"],
            {"a": [3, 3, 6]},
            id="a game in hand is a flat step at its round",
        ),
        pytest.param(
            [played("a", "b", "1-0", 1), played("a", "c", "1-0", 2, week=9), played("a", "d", "1-0", 3)],
            ["a"],
            {"a": [3, 6, 9]},
            id="a rescheduled match counts at its original round, not its date",
        ),
        pytest.param(
            [played("a", "b", "1-0", 1), played("a", "c", "5-0", None)],
            ["a"],
            {"a": [3]},
            id="a result without a matchday has no round to go in",
        ),
        pytest.param(
            [played("a", "b", "1-0", 1), played("c", "a", "0-0", 1)],
            ["a"],
            {"a": [4]},
            id="two results in one round add up",
        ),
        pytest.param(
            [played("a", "b", "1-0", 1)],
            ["b", "a", "z"],
            {"b": [0], "a": [3], "z": []},
            id="clubs in the order given; an unknown club gets nothing",
        ),
    ],
)
def test_points_by_matchday(results, clubs, expected):
    series = points_by_matchday(results, clubs=clubs, rules=LA_LIGA)

    assert series == expected
    assert list(series) == list(expected)


def test_a_rule_set_decides_what_a_win_is_worth():
    two_for_a_win = RuleSet("1980s", ("points",), win_points=2)
    results = [played("a", "b", "1-0", 1), played("a", "c", "1-1", 2)]

    assert points_by_matchday(results, clubs=["a"], rules=two_for_a_win) == {"a": [2, 3]}


def test_a_deduction_counts_from_the_start_so_the_line_ends_on_the_table_points():
    results = [played("a", "b", "1-0", 1), played("a", "c", "1-0", 2)]

    series = points_by_matchday(results, clubs=["a"], rules=LA_LIGA, deductions={"a": 4})

    assert series == {"a": [-1, 2]}
    assert series["a"][-1] == compute_table(results, rules=LA_LIGA, deductions={"a": 4})[0].points


@pytest.mark.parametrize("matchday", [0, -1])
def test_a_matchday_below_one_is_refused(matchday):
    with pytest.raises(ValueError, match="matchday must be 1 or more"):
        points_by_matchday([played("a", "b", "1-0", matchday)], clubs=["a"], rules=LA_LIGA)


@pytest.mark.parametrize(
    ("n", "also", "expected"),
    [
        (2, (), ["a", "c"]),
        (2, ("d",), ["a", "c", "d"]),
        (2, ("d", "b"), ["a", "c", "b", "d"]),
        (2, ("c",), ["a", "c"]),
        (2, ("nobody",), ["a", "c"]),
        (9, (), ["a", "c", "b", "d"]),
        (0, ("d", "a"), ["a", "d"]),
    ],
)
def test_leaders_are_the_top_n_and_the_readers_clubs_in_table_order(n, also, expected):
    results = [played("a", "b", "1-0", 1), played("c", "d", "1-0", 1), played("a", "c", "1-0", 2)]
    rows = compute_table(results, rules=LA_LIGA)
    assert [row.club for row in rows] == ["a", "c", "b", "d"]

    assert leaders(rows, n, also=also) == expected


BARCA, REAL = "FC Barcelona", "Real Madrid CF"


def test_la_liga_2024_25_after_matchday_34_is_barcelona_79_real_madrid_75(league_results):
    """The Clasico preview's "four points clear with four matches left". By round and by date agree here: every
    rescheduled match of either club (Mallorca v Barcelona and Athletic v Real Madrid of matchday 19, played in
    December; Barcelona v Osasuna of matchday 27, played on 27 March; Valencia v Real Madrid of matchday 12,
    played on 3 January) had been played long before matchday 34's weekend, and neither played on 9-10 May."""
    results = league_results("2024-25/es.1.json")
    series = points_by_matchday(results, clubs=[BARCA, REAL], rules=LA_LIGA)

    assert (series[BARCA][33], series[REAL][33]) == (79, 75)

    as_of_10_may = league_results("2024-25/es.1.json", until=dt.date(2025, 5, 10))
    table = {row.club: row for row in compute_table(as_of_10_may, rules=LA_LIGA)}
    assert (table[BARCA].points, table[BARCA].played, table[REAL].points, table[REAL].played) == (79, 34, 75, 34)


def test_real_madrids_game_in_hand_is_a_flat_step_until_played_then_lands_in_its_round(league_results):
    """Valencia v Real Madrid of matchday 12 was put off (the Valencia floods) and won 2-1 on 3 January 2025."""
    after_13_rounds = league_results("2024-25/es.1.json", until=dt.date(2024, 11, 10))
    whole_season = league_results("2024-25/es.1.json")

    then = points_by_matchday(after_13_rounds, clubs=[REAL], rules=LA_LIGA)[REAL]
    now = points_by_matchday(whole_season, clubs=[REAL], rules=LA_LIGA)[REAL]

    assert then[10:13] == [24, 24, 27]
    assert now[10:13] == [24, 27, 30]


def test_every_line_of_la_liga_2024_25_ends_on_the_final_table(league_results):
    results = league_results("2024-25/es.1.json")
    rows = compute_table(results, rules=LA_LIGA)

    series = points_by_matchday(results, clubs=[row.club for row in rows], rules=LA_LIGA)

    assert {club: points[-1] for club, points in series.items()} == {row.club: row.points for row in rows}
    assert {len(points) for points in series.values()} == {38}
    assert (series[BARCA][-1], series[REAL][-1]) == (88, 84)
