"""Knockout ties read from Match rows: grouped by stage and pair of clubs, and decided by the pure tie rules
(`matches.standings.ties`), so the importer that stores a Tie and the pages that show one agree."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from matches.models import Match
from matches.standings import Leg, TieOutcome, TieRules, decide_tie, legs_expected, tie_rules

TieKey = tuple[str, frozenset[int]]


@dataclass(frozen=True)
class TieState:
    """A tie's matches in kick-off order, how many legs it has, and its outcome so far: None before a leg is
    played, or when the matches make no tie (then nothing is claimed about them)."""

    legs: list[Match]
    expected_legs: int
    outcome: TieOutcome | None


def group_ties(matches: Iterable[Match]) -> dict[TieKey, list[Match]]:
    """Knockout matches (in kick-off order) grouped into ties: the same stage and the same two clubs."""
    ties: dict[TieKey, list[Match]] = {}
    for match in matches:
        ties.setdefault((match.stage, frozenset((match.home_id, match.away_id))), []).append(match)
    return ties


def tie_state(legs: list[Match], *, rules: TieRules | None = None) -> TieState:
    """Decide a tie from its matches so far: the legs played in order, out of the legs the tie has, under
    `rules` (by default its season's, which needs `season__competition` loaded on the first match)."""
    expected = legs_expected([match.leg for match in legs])
    played = [leg_of(match) for match in itertools.takewhile(is_played, legs)]
    outcome = None
    if played:
        rules = rules or season_tie_rules(legs[0])
        try:
            outcome = decide_tie(played, expected_legs=expected, rules=rules)
        except ValueError:
            outcome = None
    return TieState(legs, expected, outcome)


def season_tie_rules(match: Match) -> TieRules:
    """The tie rules of `match`'s season (matches.standings.rules.tie_rules)."""
    return tie_rules(match.season.competition.code, match.season.label)


def is_played(match: Match) -> bool:
    return match.is_played and match.counted_score is not None


def leg_of(match: Match) -> Leg:
    """A knockout match as the pure tie rules take it, clubs keyed by id (as strings)."""
    score = match.counted_score
    assert score is not None, "only a played match is a leg"
    return Leg(
        home=str(match.home_id),
        away=str(match.away_id),
        ft=score,
        et=pair(match.home_et, match.away_et),
        pens=pair(match.home_pens, match.away_pens),
    )


def pair(home: int | None, away: int | None) -> tuple[int, int] | None:
    return None if home is None or away is None else (home, away)
