"""Knockout ties by stage: both legs, the aggregate, and who went through and how.

Each tie is decided here from its Match rows by `matches.standings.decide_tie` (aggregate over both legs with
extra time, never penalties), so the page says what the scores say even before the importer has settled a Tie.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from matches.models import Club, Match, Season, Stage
from matches.standings import TieOutcome, decide_tie
from matches.tables import TABLE_STAGES, leg_of
from newsroom.templatetags.pressbox import pair
from newsroom.views.rounds import STAGE_ORDER


@dataclass(frozen=True)
class KnockoutTie:
    """A tie's legs in order of kick-off (with_related), and its outcome so far: None before a leg is played
    or when the legs make no tie (then the page lists the matches and claims nothing)."""

    legs: list[Match]
    expected_legs: int
    outcome: TieOutcome | None

    @property
    def first(self) -> Club:
        return self.legs[0].home

    @property
    def second(self) -> Club:
        return self.legs[0].away

    @property
    def winner(self) -> Club | None:
        return self.club(self.outcome.winner) if self.outcome and self.outcome.winner else None

    @property
    def aggregate(self) -> str:
        """ "6-7" (with an en dash), first-leg home side first; "" for a single match or before a leg is played."""
        if self.expected_legs < 2 or self.outcome is None:
            return ""
        return pair(*self.outcome.aggregate)

    @property
    def verdict(self) -> str:
        """ "Internazionale Milano win 7-6 on aggregate after extra time", "Paris Saint-Germain win 4-1 on
        penalties", "Arsenal lead 1-0 after the first leg" (scores with en dashes); "" before a leg is played."""
        outcome = self.outcome
        if outcome is None:
            return ""
        if outcome.winner is None:
            return self.standing_after_first_leg(outcome)
        winner = self.club(outcome.winner)
        if outcome.decided == "penalties":
            return f"{winner.display_name} win {pair(*sorted(outcome.pens, reverse=True))} on penalties"
        score = pair(*sorted(outcome.aggregate, reverse=True))
        on_aggregate = " on aggregate" if self.expected_legs > 1 else ""
        after = " after extra time" if outcome.decided == "extra_time" else ""
        return f"{winner.display_name} win {score}{on_aggregate}{after}"

    def standing_after_first_leg(self, outcome: TieOutcome) -> str:
        first, second = outcome.aggregate
        if first == second:
            return f"Level at {pair(first, second)} after the first leg"
        leader = self.first if first > second else self.second
        return f"{leader.display_name} lead {pair(*sorted(outcome.aggregate, reverse=True))} after the first leg"

    def club(self, key: str | None) -> Club:
        """The club a Leg names (by id, as matches.tables.leg_of keys them)."""
        return self.first if key == str(self.first.pk) else self.second


@dataclass(frozen=True)
class StageTies:
    title: str
    ties: list[KnockoutTie]


def knockout_stages(season: Season) -> list[StageTies]:
    """Every knockout tie of `season`, stage by stage in competition order. One query."""
    matches = Match.objects.in_season(season).exclude(stage__in=TABLE_STAGES).with_related().order_by("kickoff", "pk")
    by_stage: dict[str, dict[frozenset[int], list[Match]]] = {}
    for match in matches:
        by_stage.setdefault(match.stage, {}).setdefault(frozenset((match.home_id, match.away_id)), []).append(match)
    ordered = sorted(by_stage.items(), key=lambda item: STAGE_ORDER.get(item[0], len(STAGE_ORDER)))
    return [StageTies(Stage(stage).label, [knockout_tie(legs) for legs in ties.values()]) for stage, ties in ordered]


def knockout_tie(legs: list[Match]) -> KnockoutTie:
    # A first leg on its own still promises a second: the other leg may not be in the fixture list yet.
    expected = max(len(legs), 2 if any(leg.leg for leg in legs) else 1)
    return KnockoutTie(legs, expected, outcome_of(legs, expected))


def outcome_of(legs: Iterable[Match], expected: int) -> TieOutcome | None:
    played = [leg_of(match) for match in itertools.takewhile(is_played, legs)]
    if not played:
        return None
    try:
        return decide_tie(played, expected_legs=expected)
    except ValueError:
        return None


def is_played(match: Match) -> bool:
    return match.is_played and match.counted_score is not None
