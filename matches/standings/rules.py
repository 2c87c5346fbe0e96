"""Rule sets: how many points a result is worth and the order of the tie-breaks, per competition.

Every rule set ranks first on points; the criteria after it are applied in order to the group of clubs
still level (see `ranking.py` for exactly how sub-groups are handled). When every listed criterion leaves
clubs level, they are ordered by name and marked `decided_by="name"`: the real last resorts (fair-play
tables, play-off matches, drawing of lots, UEFA's opponents' results and coefficients) are not in the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Criterion = Literal[
    "points",
    "head_to_head_points",
    "head_to_head_goal_difference",
    "head_to_head_away_goals",
    "goal_difference",
    "goals_for",
    "away_goals_for",
    "wins",
    "away_wins",
]
HEAD_TO_HEAD: frozenset[str] = frozenset(
    {"head_to_head_points", "head_to_head_goal_difference", "head_to_head_away_goals"}
)
CRITERIA: frozenset[str] = HEAD_TO_HEAD | {
    "points",
    "goal_difference",
    "goals_for",
    "away_goals_for",
    "wins",
    "away_wins",
}


@dataclass(frozen=True, slots=True)
class RuleSet:
    """A competition's ranking rules.

    `criteria` starts with "points" and lists the tie-breaks in official order. Head-to-head criteria only
    count once every meeting among the tied clubs has been played (each club at home to each other club),
    the La Liga/Serie A practice the design asks for everywhere; until then they are skipped.
    When a criterion separates some of a tied group but leaves a smaller group level, that smaller group is
    ranked again from the first criterion, head-to-head recomputed among just those clubs (`ranking.py`).
    """

    name: str
    criteria: tuple[Criterion, ...]
    win_points: int = 3
    draw_points: int = 1

    def __post_init__(self) -> None:
        if not self.criteria or self.criteria[0] != "points":
            raise ValueError(f"{self.name}: criteria must start with 'points'")
        unknown = set(self.criteria) - CRITERIA
        if unknown:
            raise ValueError(f"{self.name}: unknown criteria {sorted(unknown)}")

    def points(self, won: int, drawn: int) -> int:
        return won * self.win_points + drawn * self.draw_points


# La Liga (RFEF Reglamento General, tie-break article for league competitions): level on points -> (1) the
# results between the tied clubs (for two clubs their goal difference, for three or more a mini-league of
# points), (2) goal difference in those matches, (3) overall goal difference, (4) overall goals scored, then
# fair play, which the data does not carry. For two clubs, more head-to-head points always means a better
# head-to-head goal difference, so one criterion list serves both cases. When the mini-league separates some
# clubs but leaves others level, those others are compared again among themselves from the first criterion.
# That is our reading of the RFEF text, and what UEFA's rules say explicitly ("criteria are reapplied
# exclusively to the matches between the remaining teams"). The other reading, carrying on with the whole
# mini-league's goal difference, gives the same published order for 2024-25's one three-way tie (Getafe,
# Espanyol, Alavés on 42: the mini-league puts Alavés 15th, Getafe and Espanyol split their meetings 1-0
# and 0-1, and overall goal difference puts Getafe 13th); tests/matches pin the case where they differ.
LA_LIGA = RuleSet(
    "La Liga",
    ("points", "head_to_head_points", "head_to_head_goal_difference", "goal_difference", "goals_for"),
)

# Serie A (the "classifica avulsa" of the Lega Serie A rules): points in the matches between the tied
# clubs, their goal difference, overall goal difference, goals scored, then a draw. Same list as La Liga.
# (In 2022-23 and 2023-24 a tie for the title or the last relegation place went to a play-off match; no such
# tie arose in 2024-25.) Re-applying to a remaining sub-group is our reading, as for La Liga.
SERIE_A = RuleSet("Serie A", LA_LIGA.criteria)

# Premier League Handbook 2024-25 (section C, the league table): goal difference, goals scored, then points
# in the matches between the clubs, then away goals in those matches, then a play-off.
PREMIER_LEAGUE = RuleSet(
    "Premier League",
    ("points", "goal_difference", "goals_for", "head_to_head_points", "head_to_head_away_goals"),
)

# DFL Spielordnung (Bundesliga): goal difference, goals scored, the aggregate of the two matches between the clubs,
# away goals in those matches, away goals in all matches, then a play-off.
BUNDESLIGA = RuleSet(
    "Bundesliga",
    (
        "points",
        "goal_difference",
        "goals_for",
        "head_to_head_goal_difference",
        "head_to_head_away_goals",
        "away_goals_for",
    ),
)

# UEFA Champions League regulations 2024-25, equality of points in the league phase: goal difference, goals
# scored, away goals scored, wins, away wins; then opponents' points, goal difference and goals, disciplinary
# points and the club coefficient, none of which these results carry.
UCL_LEAGUE_PHASE = RuleSet(
    "Champions League league phase",
    ("points", "goal_difference", "goals_for", "away_goals_for", "wins", "away_wins"),
)

# Each rule set under the name a competition stores for it (`Competition.tie_break_rules`).
RULE_SETS: dict[str, RuleSet] = {
    "la_liga": LA_LIGA,
    "serie_a": SERIE_A,
    "premier_league": PREMIER_LEAGUE,
    "bundesliga": BUNDESLIGA,
    "ucl_league_phase": UCL_LEAGUE_PHASE,
}


def rule_set(name: str) -> RuleSet:
    """The rule set stored as `name` ("la_liga", ...); ValueError for a name without one."""
    try:
        return RULE_SETS[name]
    except KeyError:
        known = ", ".join(sorted(RULE_SETS))
        raise ValueError(f"no ranking rules named {name!r} (known: {known})") from None
