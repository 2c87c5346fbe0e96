"""Rule sets: how many points a result is worth and the order of the tie-breaks, per competition.

Every rule set ranks first on points; the criteria after it are applied in order to the group of clubs
still level (see `ranking.py` for exactly how sub-groups are handled). When every listed criterion leaves
clubs level, they are ordered by name and marked `decided_by="name"`: the real last resorts (fair-play
tables, play-off matches, drawing of lots, UEFA's opponents' results and coefficients) are not in the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Reapply = Literal["from_first", "head_to_head", "never"]

Criterion = Literal[
    "points",
    "head_to_head_points",
    "head_to_head_goal_difference",
    "head_to_head_goals_for",
    "head_to_head_away_goals",
    "goal_difference",
    "goals_for",
    "away_goals_for",
    "wins",
    "away_wins",
]
HEAD_TO_HEAD: frozenset[str] = frozenset(
    {"head_to_head_points", "head_to_head_goal_difference", "head_to_head_goals_for", "head_to_head_away_goals"}
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
    `reapply` says what happens to a smaller group left level (`ranking.py`): "from_first" (the default) ranks
    it again from the first criterion as soon as any criterion splits the group, head-to-head recomputed among
    just those clubs; "head_to_head" is UEFA's group-stage rule: the head-to-head criteria are applied in turn
    over the matches among all the clubs level on points, and only clubs still level after all of them are
    compared again over the matches among themselves, before the overall criteria; "never" applies every
    criterion in turn, head-to-head always over the matches among all the clubs level on points.
    `edition` names the regulations followed, for the notes under a table.
    """

    name: str
    criteria: tuple[Criterion, ...]
    win_points: int = 3
    draw_points: int = 1
    reapply: Reapply = "from_first"
    edition: str = ""

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
    edition="UEFA club competition regulations 2024-25, league phase (Champions League Art. 17.01; the Europa "
    "League and Conference League regulations the same)",
)

# UEFA group stages (Champions League; the Europa League and, from 2021-22, the Conference League regulations
# use the same article word for word): clubs level on points on completion of the group matches. Head-to-head
# criteria are applied in turn over the matches among all the clubs level; clubs still level after them are
# compared again over the matches among just themselves; then the overall criteria. The last resorts (club
# coefficient, later disciplinary points first) are not in the data: such clubs are ordered by name.
# UEFA Champions League Regulations 2009-12 cycle (2011-12 edition, Art. 7.06; uefa.com regulations archive):
# points, goal difference and away goals in the matches among the clubs, then goal difference and goals scored
# in all group matches, then the coefficient; no re-application to a smaller group.
UEFA_GROUPS_2011 = RuleSet(
    "UEFA group stage (2011-12)",
    (
        "points",
        "head_to_head_points",
        "head_to_head_goal_difference",
        "head_to_head_away_goals",
        "goal_difference",
        "goals_for",
    ),
    reapply="never",
    edition="UEFA Champions League Regulations 2011-12, Art. 7.06",
)
# UEFA Champions League Regulations 2012-13 to 2018-19 (Art. 7.06, then Art. 17.01 from 2015-16; uefa.com
# regulations archive): points, goal difference, goals scored and away goals scored in the matches among the
# clubs; criteria a) to d) re-applied to the matches among clubs still level; goal difference and goals scored
# in all group matches; the coefficient.
UEFA_GROUPS_2012 = RuleSet(
    "UEFA group stage (2012-13 to 2018-19)",
    (
        "points",
        "head_to_head_points",
        "head_to_head_goal_difference",
        "head_to_head_goals_for",
        "head_to_head_away_goals",
        "goal_difference",
        "goals_for",
    ),
    reapply="head_to_head",
    edition="UEFA Champions League Regulations 2012-13 to 2018-19, Art. 7.06 / 17.01",
)
# UEFA Champions League Regulations 2019-20 and 2020-21 (Art. 17.01; uefa.com regulations archive): as before,
# then away goals scored, wins and away wins in all group matches, disciplinary points and the coefficient.
UEFA_GROUPS_2019 = RuleSet(
    "UEFA group stage (2019-20 and 2020-21)",
    (*UEFA_GROUPS_2012.criteria, "away_goals_for", "wins", "away_wins"),
    reapply="head_to_head",
    edition="UEFA Champions League Regulations 2019-20 and 2020-21, Art. 17.01",
)
# UEFA Champions League Regulations 2021-24 cycle (2021-22 to 2023-24 editions, Art. 17.01; uefa.com): the
# away-goals rule is gone from the matches among the clubs (the same decision that abolished it in two-legged
# ties); goals scored away in all group matches stays among the overall criteria, as in the league phase.
UEFA_GROUPS_2021 = RuleSet(
    "UEFA group stage (2021-22 to 2023-24)",
    (
        "points",
        "head_to_head_points",
        "head_to_head_goal_difference",
        "head_to_head_goals_for",
        "goal_difference",
        "goals_for",
        "away_goals_for",
        "wins",
        "away_wins",
    ),
    reapply="head_to_head",
    edition="UEFA Champions League Regulations 2021-22 to 2023-24, Art. 17.01",
)


def uefa_group_rules(season: str) -> RuleSet:
    """The group-stage rule set of a UEFA club competition's season ("2019-20"), 2011-12 to 2023-24; earlier
    seasons get the 2011-12 edition (the same since 2009-10). From 2024-25 there are no groups."""
    start = int(season[:4])
    if start >= 2021:
        return UEFA_GROUPS_2021
    if start >= 2019:
        return UEFA_GROUPS_2019
    if start >= 2012:
        return UEFA_GROUPS_2012
    return UEFA_GROUPS_2011


@dataclass(frozen=True, slots=True)
class TieRules:
    """How a two-legged tie level on aggregate is broken before extra time: `away_goals` counts the goals each
    club scored away from home; `away_goals_in_extra_time` counts the second leg's extra-time goals too (the
    visitors scoring in extra time then go through unless the hosts score more)."""

    name: str
    away_goals: bool
    away_goals_in_extra_time: bool = False
    edition: str = ""


NO_AWAY_GOALS = TieRules("No away goals", away_goals=False)
# UEFA Champions League Regulations up to 2020-21 (2020-21 edition, Art. 19.01-19.03; uefa.com): the club
# scoring more away goals goes through; level on those, extra time, whose away goals also count double;
# then penalties. Europa League regulations say the same.
UEFA_TIES_UNTIL_2021 = TieRules(
    "UEFA two-legged ties with away goals",
    away_goals=True,
    away_goals_in_extra_time=True,
    edition="UEFA Champions League Regulations 2020-21 and before, Art. 19",
)
# UEFA Executive Committee decision of 24 June 2021, in the Regulations from 2021-22 (Art. 20.01): level on
# aggregate after the second leg's 90 minutes goes to extra time, then penalties; away goals no longer count.
UEFA_TIES_FROM_2021 = TieRules(
    "UEFA two-legged ties without away goals",
    away_goals=False,
    edition="UEFA Champions League Regulations 2021-22 onwards, Art. 20.01",
)


def tie_rules(code: str, season: str) -> TieRules:
    """The tie rules of competition `code` ("uefa.cl") in `season` ("2020-21"): UEFA's club competitions
    counted away goals up to 2020-21; everything else here is played without them."""
    if not code.startswith("uefa."):
        return NO_AWAY_GOALS
    return UEFA_TIES_UNTIL_2021 if int(season[:4]) < 2021 else UEFA_TIES_FROM_2021


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
