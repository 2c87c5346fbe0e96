"""Runs of results for one club: the longest of each kind, and the current one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .results import Result


@dataclass(frozen=True, slots=True)
class Run:
    """`length` consecutive matches from `start` to `end` (dates of its first and last match; None when
    the length is 0)."""

    length: int
    start: dt.date | None
    end: dt.date | None


NO_RUN = Run(0, None, None)


@dataclass(frozen=True, slots=True)
class Runs:
    """One run per kind: won every match; lost none; won none; lost every match; scored in every match;
    conceded in none."""

    winning: Run
    unbeaten: Run
    winless: Run
    losing: Run
    scoring: Run
    clean_sheets: Run


_KINDS: dict[str, Callable[[int, int], bool]] = {
    "winning": lambda scored, conceded: scored > conceded,
    "unbeaten": lambda scored, conceded: scored >= conceded,
    "winless": lambda scored, conceded: scored <= conceded,
    "losing": lambda scored, conceded: scored < conceded,
    "scoring": lambda scored, conceded: scored > 0,
    "clean_sheets": lambda scored, conceded: conceded == 0,
}


def longest_runs(results: Iterable[Result], club: str) -> Runs:
    """The longest run of each kind in `club`'s results, in date order; of two equally long, the earlier."""
    matches = _club_matches(results, club)
    return Runs(**{kind: _longest(matches, club, holds) for kind, holds in _KINDS.items()})


def _club_matches(results: Iterable[Result], club: str) -> list[Result]:
    return sorted((r for r in results if r.involves(club)), key=lambda r: r.date)


def _longest(matches: Sequence[Result], club: str, holds: Callable[[int, int], bool]) -> Run:
    best, start = NO_RUN, None
    for i, match in enumerate(matches):
        if not holds(*match.goals(club)):
            start = None
            continue
        start = i if start is None else start
        if i - start + 1 > best.length:
            best = Run(i - start + 1, matches[start].date, match.date)
    return best
