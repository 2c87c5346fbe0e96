"""Records in charge, as pure rules: what a record counts, its points per game and its unbeaten run."""

import pytest

from matches.standings import BUNDESLIGA, Run, combined, record, record_score
from matches.standings.records import season_of, seasons_between
from tests.matches import results

SPELL = results(
    "2024-08-17 Alpha 2-0 Beta",
    "2024-08-24 Gamma 1-1 Alpha",
    "2024-08-31 Alpha 0-1 Gamma",
    "2024-09-14 Beta 0-3 Alpha",
    "2024-09-21 Alpha 2-2 Beta",
    "2024-09-28 Beta 1-0 Gamma",  # not Alpha's
)


def day(text: str):
    import datetime as dt

    return dt.date.fromisoformat(text)


def test_a_record_counts_the_clubs_matches_only():
    got = record(SPELL, "Alpha", rules=BUNDESLIGA)
    assert (got.played, got.won, got.drawn, got.lost) == (5, 2, 2, 1)
    assert (got.goals_for, got.goals_against, got.goal_difference) == (8, 4, 4)
    assert got.points == 8
    assert got.points_per_game == 1.6


def test_the_longest_unbeaten_run_is_dated():
    got = record(SPELL, "Alpha", rules=BUNDESLIGA)
    # Two runs of two (W D, then W D): the earlier is the one kept.
    assert got.unbeaten == Run(2, day("2024-08-17"), day("2024-08-24"))


def test_no_matches_no_points_per_game():
    got = record([], "Alpha", rules=BUNDESLIGA)
    assert got.played == 0 and got.points_per_game is None and got.unbeaten.length == 0


def test_combined_adds_up_and_recounts_the_run_across_competitions():
    league = results("2024-08-17 Alpha 1-0 Beta", "2024-08-31 Alpha 1-1 Beta")
    cup = [
        r.__class__(100 + r.match_id, r.home, r.away, r.home_goals, r.away_goals, r.date)
        for r in results("2024-08-24 Gamma 0-2 Alpha")
    ]
    parts = [record(league, "Alpha", rules=BUNDESLIGA), record(cup, "Alpha", rules=BUNDESLIGA)]
    got = combined(parts, [*league, *cup], "Alpha")
    assert (got.played, got.won, got.drawn, got.points) == (3, 2, 1, 7)
    assert got.unbeaten == Run(3, day("2024-08-17"), day("2024-08-31"))


@pytest.mark.parametrize(
    ("ft", "et", "awarded", "counted"),
    [
        ((1, 1), None, None, (1, 1)),  # 90 minutes
        ((1, 1), (2, 1), None, (2, 1)),  # extra time counts in a record
        ((0, 0), (0, 0), None, (0, 0)),  # level after extra time (a shoot-out): a draw
        ((2, 1), None, (0, 3), (0, 3)),  # an awarded match counts with its awarded score
        (None, None, None, None),
    ],
)
def test_the_score_a_record_counts(ft, et, awarded, counted):
    assert record_score(ft=ft, et=et, awarded=awarded) == counted


@pytest.mark.parametrize(
    ("text", "season"),
    [("2024-07-01", "2024-25"), ("2025-06-30", "2024-25"), ("2025-07-01", "2025-26"), ("1999-12-31", "1999-00")],
)
def test_the_season_a_day_falls_in(text, season):
    assert season_of(day(text)) == season


def test_the_seasons_a_span_touches():
    assert seasons_between(day("2022-10-05"), day("2025-05-31")) == ("2022-23", "2023-24", "2024-25")
    assert seasons_between(day("2024-11-14"), day("2025-05-31")) == ("2024-25",)
