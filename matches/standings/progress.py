"""Points through a season, round by round: the numbers behind a points-race chart.

Rounds, not dates. A result counts at its matchday (the round it belongs to), even when it was rescheduled
and played weeks before or after the rest of that round; openfootball keeps a moved match in its original
round, and "points after matchday N" is how readers and the league speak. Two consequences, both deliberate:

- A match not played yet (a game in hand) adds nothing at its round: the line shows a flat step there
  until the match is played.
- Once it is played, its points land at its original round, so the line's past changes: La Liga 2024-25's
  Valencia v Real Madrid of matchday 12 was played on 3 January 2025 and counts at matchday 12.

Counting by date instead would make each step "points on that day", which is a different chart (one point
per match played, not per round) and would not line up with the round numbers on its axis.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import accumulate

from .results import Result
from .rules import RuleSet
from .table import Row


def points_by_matchday(
    results: Iterable[Result],
    *,
    clubs: Iterable[str],
    rules: RuleSet,
    deductions: Mapping[str, int] | None = None,
) -> dict[str, list[int]]:
    """Each club's cumulative points after matchdays 1, 2, ... n, in the order `clubs` are given.

    `n` is the last matchday the club has a result in, so each list ends where that club's season has got
    to (`points[n - 1]` is its total). Every result passed counts: filter by date or kick-off first, as
    for `compute_table`. Results without a matchday are left out: there is no round to put them in.
    `deductions` (points taken off for the season, as `compute_table` takes them) are subtracted from
    matchday 1 on, their date not being a round, so a list's last value equals the club's points in the
    table over the same results. A club without results gets an empty list.
    Raises ValueError for a matchday below 1.
    """
    deductions = deductions or {}
    per_round: dict[str, dict[int, int]] = {club: {} for club in clubs}
    for result in results:
        _check_matchday(result)
        for club in (result.home, result.away):
            if club in per_round and result.matchday is not None:
                rounds = per_round[club]
                rounds[result.matchday] = rounds.get(result.matchday, 0) + _points(result, club, rules)
    return {club: _cumulative(rounds, deductions.get(club, 0)) for club, rounds in per_round.items()}


def leaders(rows: Sequence[Row], n: int, *, also: Iterable[str] = ()) -> list[str]:
    """The clubs of the first `n` rows, plus any of `also` found further down, all in table order.

    The clubs a points race draws: the leading pack, and the reader's own clubs wherever they stand.
    A club of `also` that has no row is left out (it has nothing to draw).
    """
    wanted = set(also)
    return [row.club for row in rows if row.position <= n or row.club in wanted]


def _check_matchday(result: Result) -> None:
    if result.matchday is not None and result.matchday < 1:
        raise ValueError(f"result {result.match_id!r}: matchday must be 1 or more, not {result.matchday}")


def _points(result: Result, club: str, rules: RuleSet) -> int:
    outcome = result.outcome(club)
    return rules.win_points if outcome == "W" else rules.draw_points if outcome == "D" else 0


def _cumulative(rounds: Mapping[int, int], deduction: int) -> list[int]:
    if not rounds:
        return []
    last = max(rounds)
    return list(accumulate((rounds.get(n, 0) for n in range(1, last + 1)), initial=-deduction))[1:]
