"""Runs of results: longest and current, with the dates they span."""

import datetime as dt

import pytest

from matches.standings import BUNDESLIGA, Run, compute_table, longest_runs
from tests.matches import results

# Alpha, in date order once sorted: W W D L W W W D L L (given shuffled: runs follow dates, not input order).
ALPHA_SEASON = results(
    "2024-09-21 Alpha 2-0 Beta",
    "2024-08-17 Alpha 1-0 Beta",
    "2024-08-24 Gamma 1-3 Alpha",
    "2024-08-31 Alpha 0-0 Gamma",
    "2024-09-14 Beta 2-1 Alpha",
    "2024-09-28 Gamma 0-1 Alpha",
    "2024-10-05 Alpha 4-0 Gamma",
    "2024-10-19 Beta 1-1 Alpha",
    "2024-10-26 Alpha 0-2 Gamma",
    "2024-11-02 Beta 3-0 Alpha",
    "2024-11-09 Beta 1-0 Gamma",  # not Alpha's
)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("winning", Run(3, day("2024-09-21"), day("2024-10-05"))),
        ("unbeaten", Run(4, day("2024-09-21"), day("2024-10-19"))),
        ("winless", Run(3, day("2024-10-19"), day("2024-11-02"))),
        ("losing", Run(2, day("2024-10-26"), day("2024-11-02"))),
        ("scoring", Run(5, day("2024-09-14"), day("2024-10-19"))),
        ("clean_sheets", Run(3, day("2024-09-21"), day("2024-10-05"))),
    ],
)
def test_longest_runs(kind, expected):
    assert getattr(longest_runs(ALPHA_SEASON, "Alpha"), kind) == expected


def test_of_two_equal_runs_the_earlier_is_the_longest():
    season = results("2024-08-17 Alpha 1-0 Beta", "2024-08-24 Alpha 0-1 Beta", "2024-08-31 Alpha 1-0 Beta")
    assert longest_runs(season, "Alpha").winning == Run(1, day("2024-08-17"), day("2024-08-17"))


def test_a_club_without_results_has_no_runs():
    runs = longest_runs(ALPHA_SEASON, "Delta")
    assert runs.unbeaten == runs.losing == Run(0, None, None)


def test_leverkusen_unbeaten_bundesliga_season(league_results):
    season = league_results("2023-24/de.1.json")
    leverkusen = "Bayer 04 Leverkusen"
    runs = longest_runs(season, leverkusen)
    assert runs.unbeaten == Run(34, day("2023-08-19"), day("2024-05-18"))
    assert runs.losing == Run(0, None, None)
    # Ten straight wins from 3 February to the title on 14 April, ended by the 1-1 at Dortmund on 21 April.
    assert runs.winning == Run(10, day("2024-02-03"), day("2024-04-14"))
    [row] = [r for r in compute_table(season, rules=BUNDESLIGA) if r.club == leverkusen]
    assert (row.position, row.played, row.won, row.drawn, row.lost, row.points) == (1, 34, 28, 6, 0, 90)
