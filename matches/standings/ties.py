"""Knockout ties: who goes through, on what, over one or two legs.

Aggregate is over all legs including extra time, never penalties. Whether away goals break a level aggregate
is the season's rule (`rules.TieRules`): UEFA counted them until 2020-21, those scored in the second leg's extra
time included, and dropped them from 2021-22, since when a level aggregate after the second leg's 90 minutes
goes to extra time and then, if still level, to penalties.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, cast

from .rules import NO_AWAY_GOALS, TieRules

Score = tuple[int, int]
Decision = Literal["aggregate", "away_goals", "extra_time", "penalties"]


@dataclass(frozen=True, slots=True)
class Leg:
    """One match of a tie, scores (home, away): `ft` after 90 minutes, `et` after extra time (including the
    90 minutes: 4-3 after 3-3), `pens` the shoot-out alone. Only a tie's last leg can have `et` or `pens`."""

    home: str
    away: str
    ft: Score
    et: Score | None = None
    pens: Score | None = None

    def __post_init__(self) -> None:
        if self.home == self.away:
            raise ValueError(f"{self.home!r} cannot play itself")
        for score in (self.ft, self.et, self.pens):
            if score is not None and (len(score) != 2 or min(score) < 0):
                raise ValueError(f"{self.home} v {self.away}: a score is two non-negative integers, not {score}")
        if self.et and (self.et[0] < self.ft[0] or self.et[1] < self.ft[1]):
            raise ValueError(f"{self.home} v {self.away}: extra time {self.et} cannot take away goals of {self.ft}")

    @property
    def final(self) -> Score:
        """The score that counts towards the aggregate: after extra time if there was any."""
        return self.et or self.ft

    def goals(self, club: str, score: Score) -> int:
        return score[0] if club == self.home else score[1]


@dataclass(frozen=True, slots=True)
class TieOutcome:
    """The state of a tie between `first` (at home in the first leg) and `second`.

    `first_goals`/`second_goals` are the aggregate including extra time. `winner`, `loser` and `decided`
    are None while legs are still to come. `decided` is "aggregate" when the normal-time score over the
    legs settled it (for a single match, its 90-minute score), "away_goals" when a level aggregate went to the
    club with more goals away from home (after 90 minutes, or after extra time where the rules counted those),
    "extra_time" or "penalties".
    `pens` is the shoot-out as (first, second), or None.
    """

    first: str
    second: str
    first_goals: int
    second_goals: int
    winner: str | None
    loser: str | None
    decided: Decision | None
    pens: Score | None

    @property
    def aggregate(self) -> Score:
        return self.first_goals, self.second_goals


def legs_expected(leg_numbers: Sequence[int | None]) -> int:
    """How many legs a tie has, from the leg numbers of the matches known so far (None: not a numbered leg).

    A tie is two-legged as soon as one of its matches is numbered as a leg: with the first leg alone in the
    data, the second is still to come (or not yet in the fixture list), so the tie has no winner yet. A lone
    match without a leg number is a single-match tie, such as a final.
    """
    return max(len(leg_numbers), 2 if any(n is not None for n in leg_numbers) else 1)


def decide_tie(
    legs: Sequence[Leg], *, expected_legs: int | None = None, rules: TieRules = NO_AWAY_GOALS
) -> TieOutcome:
    """Decide a tie from its played legs in order: one leg (a final) or two (home and away reversed).

    `expected_legs` (default: the number of legs given) says how many legs the tie has; with fewer played,
    the outcome carries the aggregate so far and no winner. `rules` says whether away goals count (default:
    they do not). Raises ValueError for legs that do not make a tie (other clubs, venues not reversed, extra
    time or a shoot-out that could not have happened, or a finished tie still level with no shoot-out).
    """
    expected = len(legs) if expected_legs is None else expected_legs
    _check_legs(legs, expected)
    first, second = legs[0].home, legs[0].away
    totals = (_total(legs, first, final=True), _total(legs, second, final=True))
    if len(legs) < expected:
        return TieOutcome(first, second, *totals, winner=None, loser=None, decided=None, pens=None)
    last = legs[-1]
    pens = (last.goals(first, last.pens), last.goals(second, last.pens)) if last.pens else None
    deciding, decided = _decider(legs, (first, second), rules, pens)
    winner, loser = (first, second) if deciding[0] > deciding[1] else (second, first)
    return TieOutcome(first, second, *totals, winner=winner, loser=loser, decided=decided, pens=pens)


def _decider(
    legs: Sequence[Leg], clubs: tuple[str, str], rules: TieRules, pens: Score | None
) -> tuple[Score, Decision]:
    """The figures that separate the clubs (first, second) and what they are, checking that the last leg
    went only as far as a tie level at each step could go."""
    last = legs[-1]
    two_legs = len(legs) == 2
    after_90 = _scores(legs, clubs, final=False, away=False)
    away_90 = _scores(legs, clubs, final=False, away=True) if rules.away_goals and two_legs else (0, 0)
    for figures, decision in ((after_90, "aggregate"), (away_90, "away_goals")):
        if figures[0] != figures[1]:
            if last.et or pens:
                went_to = "extra time" if last.et else "a shoot-out"
                raise ValueError(f"{went_to} in {last.home} v {last.away}, but the tie was not level after 90 minutes")
            return figures, cast(Decision, decision)
    after_et = _scores(legs, clubs, final=True, away=False)
    counts_et = rules.away_goals and rules.away_goals_in_extra_time and two_legs and last.et is not None
    away_et = _scores(legs, clubs, final=True, away=True) if counts_et else (0, 0)
    for figures, decision in ((after_et, "extra_time"), (away_et, "away_goals")):
        if figures[0] != figures[1]:
            if pens:
                raise ValueError(f"a shoot-out in {last.home} v {last.away}, but the tie was not level")
            return figures, cast(Decision, decision)
    if pens is None:
        raise ValueError(f"the tie ending {last.home} v {last.away} is level with no shoot-out")
    if pens[0] == pens[1]:
        raise ValueError(f"the shoot-out in {last.home} v {last.away} cannot end level")
    return pens, "penalties"


def _scores(legs: Sequence[Leg], clubs: tuple[str, str], *, final: bool, away: bool) -> Score:
    """Both clubs' goals over the legs (only those scored away from home with `away`), after 90 minutes of
    each leg or including extra time (`final`)."""
    first, second = clubs
    if not away:
        return _total(legs, first, final=final), _total(legs, second, final=final)
    return _away_total(legs, first, final=final), _away_total(legs, second, final=final)


def _away_total(legs: Sequence[Leg], club: str, *, final: bool) -> int:
    return sum(leg.goals(club, leg.final if final else leg.ft) for leg in legs if leg.away == club)


def _total(legs: Sequence[Leg], club: str, *, final: bool) -> int:
    """`club`'s goals over the legs, including extra time (`final=True`) or after 90 minutes of each."""
    return sum(leg.goals(club, leg.final if final else leg.ft) for leg in legs)


def _check_legs(legs: Sequence[Leg], expected: int) -> None:
    if expected not in (1, 2) or not 1 <= len(legs) <= expected:
        raise ValueError(f"a tie has one or two legs; got {len(legs)} of {expected}")
    if len(legs) == 2 and (legs[1].home, legs[1].away) != (legs[0].away, legs[0].home):
        raise ValueError(f"second leg {legs[1].home} v {legs[1].away} must reverse {legs[0].home} v {legs[0].away}")
    if any(leg.et or leg.pens for leg in legs[:-1]) or (len(legs) < expected and (legs[-1].et or legs[-1].pens)):
        raise ValueError("only a tie's last leg can go to extra time or penalties")
