"""How fixture lists name and group rounds: "Matchday 35", "League phase · Matchday 3", "Semi-final, first leg".

Presentation only: which round a match belongs to is stored on it (stage, matchday, leg); nothing here decides a
result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from matches.models import Competition, Match, Stage

STAGE_ORDER = {stage: index for index, stage in enumerate(Stage.values)}
LEG_NAMES = {1: "first leg", 2: "second leg"}


@dataclass(frozen=True)
class Round:
    title: str
    matches: list[Match]

    @property
    def short_title(self) -> str:
        """What a compact list of rounds shows: the matchday number, or the whole title of a knockout round."""
        matchday = self.matches[0].matchday
        return str(matchday) if matchday is not None else self.title


def round_title(match: Match) -> str:
    """The heading a fixture list puts over the match's round (needs season__competition loaded)."""
    if match.matchday is None:
        return match.round_name if match.stage == Stage.OTHER else match.get_stage_display()
    if match.season.competition.kind == Competition.Kind.LEAGUE:
        return match.round_name
    return matchday_title(match.season.competition, match.matchday)


def matchday_title(competition: Competition, matchday: int) -> str:
    """ "Matchday 35"; in a league phase inside a cup (the Champions League) "League phase · Matchday 3", or it
    would read as a league's."""
    if competition.kind == Competition.Kind.LEAGUE:
        return f"Matchday {matchday}"
    return f"League phase · Matchday {matchday}"


def round_label(match: Match) -> str:
    """The round with the leg, for a match on its own: "Semi-final, second leg"."""
    title = round_title(match)
    return f"{title}, {LEG_NAMES[match.leg]}" if match.leg in LEG_NAMES else title


def by_round(matches: Iterable[Match]) -> list[Round]:
    """Matches grouped under their round, rounds in competition order (stage, then matchday, then date).

    A rescheduled match stays in its original round, as the competition lists it.
    """
    groups: dict[tuple[int, int, str], list[Match]] = {}
    for match in matches:
        groups.setdefault(_round_key(match), []).append(match)
    ordered = sorted(groups.items(), key=lambda item: (*item[0][:2], min(m.kickoff for m in item[1])))
    return [Round(round_title(group[0]), group) for _, group in ordered]


def _round_key(match: Match) -> tuple[int, int, str]:
    # Rounds of an unnamed stage ("other") are told apart by their names alone.
    other = match.round_name if match.stage == Stage.OTHER else ""
    return (STAGE_ORDER.get(match.stage, len(STAGE_ORDER)), match.matchday or 0, other)
