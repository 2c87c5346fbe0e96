"""The input of every standings rule: one counted result between two clubs, as plain values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Literal

Outcome = Literal["W", "D", "L"]
Venue = Literal["all", "home", "away"]
Score = tuple[int, int]


def counted_score(*, ft: Score | None, awarded: Score | None) -> Score | None:
    """The score a table counts: the awarded one for an awarded match, else the score after 90 minutes
    (extra time never counts in a table; a tie's aggregate adds it, see `ties.Leg.final`)."""
    return awarded if awarded is not None else ft


def score_of(home: int | None, away: int | None) -> Score | None:
    """Both sides' goals as a score, or None unless both are known (a match stores both or neither)."""
    return None if home is None or away is None else (home, away)


@dataclass(frozen=True, slots=True)
class Result:
    """A match that counts in a table, at the score that counts.

    The caller decides what counts: the awarded score for an awarded match, the current score for a match
    in play (`live=True`; it is counted as if it ended now). Clubs are opaque keys (a slug, a name, an id),
    the same key for the same club everywhere. `match_id` must be unique among the results passed together.
    `home` is the club playing at home (for a neutral venue, the nominal home side).
    """

    match_id: Hashable
    home: str
    away: str
    home_goals: int
    away_goals: int
    date: dt.date
    matchday: int | None = None
    live: bool = False

    def __post_init__(self) -> None:
        if self.home == self.away:
            raise ValueError(f"result {self.match_id!r}: {self.home!r} cannot play itself")
        for goals in (self.home_goals, self.away_goals):
            if not isinstance(goals, int) or isinstance(goals, bool) or goals < 0:
                raise ValueError(f"result {self.match_id!r}: goals must be non-negative integers, not {goals!r}")

    def involves(self, club: str) -> bool:
        return club in (self.home, self.away)

    def goals(self, club: str) -> tuple[int, int]:
        """(scored, conceded) for `club`, which must have played in this match."""
        if club == self.home:
            return self.home_goals, self.away_goals
        if club == self.away:
            return self.away_goals, self.home_goals
        raise ValueError(f"result {self.match_id!r}: {club!r} did not play in it")

    def outcome(self, club: str) -> Outcome:
        scored, conceded = self.goals(club)
        return "W" if scored > conceded else "D" if scored == conceded else "L"
