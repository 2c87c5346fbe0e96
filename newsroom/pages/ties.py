"""Knockout ties by stage: both legs, the aggregate, and who went through and how.

Each tie is read and decided by `matches.knockout` (the same rule the importer stores a Tie by: aggregate over
both legs with extra time, never penalties; a first leg alone is half a tie), so the page and the match page
say the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from matches.display import pair
from matches.knockout import TieState, group_ties, tie_state
from matches.models import STAGE_ORDER, TABLE_STAGES, Club, Match, Season, Stage


@dataclass(frozen=True)
class KnockoutTie:
    """A tie as the page prints it (its legs in order of kick-off, with_related)."""

    state: TieState

    @property
    def legs(self) -> list[Match]:
        return self.state.legs

    @property
    def expected_legs(self) -> int:
        return self.state.expected_legs

    @property
    def first(self) -> Club:
        return self.legs[0].home

    @property
    def second(self) -> Club:
        return self.legs[0].away

    @property
    def winner(self) -> Club | None:
        outcome = self.state.outcome
        return self.club(outcome.winner) if outcome and outcome.winner else None

    @property
    def aggregate(self) -> str:
        """The aggregate with an en dash, first-leg home side first; "" for a single match or before a leg
        is played."""
        if self.expected_legs < 2 or self.state.outcome is None:
            return ""
        return pair(*self.state.outcome.aggregate)

    @property
    def verdict(self) -> str:
        """ "Internazionale Milano win 7-6 on aggregate after extra time", "Paris Saint-Germain win 4-1 on
        penalties", "Arsenal lead 1-0 after the first leg", "Porto go through on away goals, 3-3 on aggregate"
        (scores with en dashes); "" before a leg is played."""
        outcome = self.state.outcome
        if outcome is None:
            return ""
        if outcome.winner is None:
            first, second = outcome.aggregate
            if first == second:
                return f"Level at {pair(first, second)} after the first leg"
            leader = self.first if first > second else self.second
            return f"{leader.display_name} lead {pair(*sorted(outcome.aggregate, reverse=True))} after the first leg"
        winner = self.club(outcome.winner)
        if outcome.decided == "penalties" and outcome.pens is not None:
            return f"{winner.display_name} win {pair(*sorted(outcome.pens, reverse=True))} on penalties"
        if outcome.decided == "away_goals":
            after = " after extra time" if self.legs[-1].home_et is not None else ""
            level = pair(*outcome.aggregate)
            return f"{winner.display_name} go through on away goals, {level} on aggregate{after}"
        score = pair(*sorted(outcome.aggregate, reverse=True))
        on_aggregate = " on aggregate" if self.expected_legs > 1 else ""
        after = " after extra time" if outcome.decided == "extra_time" else ""
        return f"{winner.display_name} win {score}{on_aggregate}{after}"

    def club(self, key: str | None) -> Club:
        """The club a Leg names (by id, as matches.knockout.leg_of keys them)."""
        return self.first if key == str(self.first.pk) else self.second


@dataclass(frozen=True)
class StageTies:
    title: str
    ties: list[KnockoutTie]


def knockout_stages(season: Season) -> list[StageTies]:
    """Every knockout tie of `season`, stage by stage in competition order. One query."""
    matches = Match.objects.in_season(season).exclude(stage__in=TABLE_STAGES).with_related().order_by("kickoff", "pk")
    by_stage: dict[str, list[KnockoutTie]] = {}
    for (stage, _), legs in group_ties(matches).items():
        by_stage.setdefault(stage, []).append(KnockoutTie(tie_state(legs)))
    ordered = sorted(by_stage.items(), key=lambda item: STAGE_ORDER.get(item[0], len(STAGE_ORDER)))
    return [StageTies(Stage(stage).label, ties) for stage, ties in ordered]
