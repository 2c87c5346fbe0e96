"""A record in charge: a coach's (or any span's) results for one club, counted as a table counts them.

Pure: the caller passes the club's results inside the span, already at the score that counts for a record
(`record_score`), and the competition's rule set for the points.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .results import Result, Score, counted_score
from .rules import RuleSet
from .streaks import Run, longest_runs


def record_score(*, ft: Score | None, et: Score | None, awarded: Score | None) -> Score | None:
    """The score a record in charge counts: the awarded score for an awarded match, else the score after extra
    time when there was extra time, else the score after 90 minutes. A shoot-out never counts: a knockout
    match level after extra time is a draw in a coach's record, as it is in the competitions' own statistics.
    A table never counts extra time (`counted_score`); a record does, since the coach was in charge for it.
    """
    return counted_score(ft=et if et is not None else ft, awarded=awarded)


@dataclass(frozen=True, slots=True)
class Record:
    """Played, won, drawn, lost, goals either way and points; `unbeaten` is the longest run without a defeat."""

    played: int
    won: int
    drawn: int
    lost: int
    goals_for: int
    goals_against: int
    points: int
    unbeaten: Run

    @property
    def goal_difference(self) -> int:
        return self.goals_for - self.goals_against

    @property
    def points_per_game(self) -> float | None:
        """Points per match played, to two decimals; None before the first match."""
        return round(self.points / self.played, 2) if self.played else None


def record(results: Iterable[Result], club: str, *, rules: RuleSet) -> Record:
    """`club`'s record over `results` (the others' matches are ignored), points by `rules`."""
    mine = [r for r in results if r.involves(club)]
    outcomes = Counter(r.outcome(club) for r in mine)
    won, drawn = outcomes["W"], outcomes["D"]
    return Record(
        played=len(mine),
        won=won,
        drawn=drawn,
        lost=outcomes["L"],
        goals_for=sum(r.goals(club)[0] for r in mine),
        goals_against=sum(r.goals(club)[1] for r in mine),
        points=rules.points(won, drawn),
        unbeaten=longest_runs(mine, club).unbeaten,
    )


def combined(records: Iterable[Record], results: Iterable[Result], club: str) -> Record:
    """Several competitions' records added up, each already counted by its own rules; the unbeaten run is
    recounted over all of `results` in date order, since a run crosses competitions."""
    records = list(records)
    return Record(
        played=sum(r.played for r in records),
        won=sum(r.won for r in records),
        drawn=sum(r.drawn for r in records),
        lost=sum(r.lost for r in records),
        goals_for=sum(r.goals_for for r in records),
        goals_against=sum(r.goals_against for r in records),
        points=sum(r.points for r in records),
        unbeaten=longest_runs([r for r in results if r.involves(club)], club).unbeaten,
    )


# A European season runs from July to June: a date before July belongs to the season that began the year before.
SEASON_STARTS_IN_MONTH = 7


def season_of(day: dt.date) -> str:
    """The label of the club season `day` falls in: 2024-25 for any day from 1 July 2024 to 30 June 2025."""
    first = day.year if day.month >= SEASON_STARTS_IN_MONTH else day.year - 1
    return f"{first}-{(first + 1) % 100:02d}"


def seasons_between(first: dt.date, last: dt.date) -> tuple[str, ...]:
    """Every season label from the one `first` falls in to the one `last` falls in, in order."""
    start, end = (int(season_of(day)[:4]) for day in (first, last))
    return tuple(f"{year}-{(year + 1) % 100:02d}" for year in range(start, end + 1))
