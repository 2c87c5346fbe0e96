"""Rule sets: how many points a result is worth and the order of the tie-breaks, per competition.

Every rule set ranks first on points; the criteria after it are applied in order to the group of clubs
still level (see `ranking.py` for exactly how sub-groups are handled). When every listed criterion leaves
clubs level, they are ordered by name and marked `decided_by="name"`: the real last resorts (fair-play
tables, play-off matches, drawing of lots, UEFA's opponents' results and coefficients) are not in the data.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Reapply = Literal["from_first", "head_to_head", "never"]

Criterion = Literal[
    "points",
    "points_per_game",
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
# What a table is ranked on first: points, or points per game for a season cut short (`curtailed`).
FIRST_CRITERIA: frozenset[str] = frozenset({"points", "points_per_game"})
CRITERIA: frozenset[str] = (
    HEAD_TO_HEAD
    | FIRST_CRITERIA
    | {
        "goal_difference",
        "goals_for",
        "away_goals_for",
        "wins",
        "away_wins",
    }
)


@dataclass(frozen=True, slots=True)
class RuleSet:
    """A competition's ranking rules, as one edition of its regulations states them.

    `criteria` starts with "points" (or "points_per_game" for a curtailed season) and lists the tie-breaks
    in official order. Head-to-head criteria only count once every meeting among the tied clubs has been
    played (each club at home to each other club), the La Liga/Serie A practice the design asks for
    everywhere; until then they are skipped, unless `head_to_head_when_incomplete` (a season stopped for
    good, whose meetings will never all be played). When a criterion separates some of a tied group but
    leaves a smaller group level, that smaller group is ranked again from the first criterion,
    head-to-head recomputed among just those clubs (`ranking.py`). That is `reapply` "from_first", the
    default; "head_to_head" is UEFA's group-stage rule: the head-to-head criteria are applied in turn over the
    matches among all the clubs level on points, and only clubs still level after all of them are compared
    again over the matches among themselves, before the overall criteria; "never" applies every criterion in
    turn, head-to-head always over the matches among all the clubs level on points. `edition` names the
    regulations followed, for the notes under a table.

    `known` is False for a competition whose official tie-breaks Pressbox does not know: its table is then
    ordered by points, goal difference and goals scored, and says so. `note` is shown under the table (what
    the regulations do that the table does not model). `regular_season_rounds`, for a league whose season
    continues with a split or play-offs, is how many times each club meets each other club before it: only
    those matchdays (rounds x (clubs - 1)) are ranked.
    """

    name: str
    criteria: tuple[Criterion, ...]
    win_points: int = 3
    draw_points: int = 1
    known: bool = True
    note: str = ""
    regular_season_rounds: int | None = None
    head_to_head_when_incomplete: bool = False
    reapply: Reapply = "from_first"
    edition: str = ""

    def __post_init__(self) -> None:
        if not self.criteria or self.criteria[0] not in FIRST_CRITERIA:
            raise ValueError(f"{self.name}: criteria must start with 'points' or 'points_per_game'")
        unknown = set(self.criteria) - CRITERIA
        if unknown:
            raise ValueError(f"{self.name}: unknown criteria {sorted(unknown)}")

    def points(self, won: int, drawn: int) -> int:
        return won * self.win_points + drawn * self.draw_points

    @property
    def regulations(self) -> str:
        """The regulations followed, for a reader: the edition where it is named apart, else the rule set's name."""
        return self.edition or self.name

    def ranks_matchday(self, matchday: int | None, clubs: int) -> bool:
        """Whether a league match of `matchday` counts in the table (False after a split, see above)."""
        if self.regular_season_rounds is None or matchday is None or clubs < 2:
            return True
        return matchday <= self.regular_season_rounds * (clubs - 1)


# ---------------------------------------------------------------------------------------------------------
# The editions. Each rule set below names the regulations it follows and where in them the tie-breaks are;
# `EDITIONS` says from which season each applies. Where we could not check a detail of an older edition, the
# comment says so rather than guess; the real last resorts (fair play, play-off matches, drawing of lots)
# are never in the data, so a table never claims them.
# ---------------------------------------------------------------------------------------------------------

# La Liga (RFEF Reglamento General, the article on ties in league competitions, art. 201 in the editions
# since 2011-12; LaLiga applies it unchanged): level on points -> (1) the results between the tied clubs (for
# two clubs their goal difference, for three or more a mini-league of points), (2) goal difference in those
# matches, (3) overall goal difference, (4) overall goals scored, then fair play, which the data does not
# carry. For two clubs, more head-to-head points always means a better head-to-head goal difference, so one
# criterion list serves both cases. When the mini-league separates some clubs but leaves others level, those
# others are compared again among themselves from the first criterion. That is our reading of the RFEF
# text, and what UEFA's rules say explicitly ("criteria are reapplied exclusively to the matches between the
# remaining teams"). The other reading, carrying on with the whole mini-league's goal difference, gives the
# same published order for 2024-25's one three-way tie (Getafe, Espanyol, Alavés on 42: the mini-league puts
# Alavés 15th, Getafe and Espanyol split their meetings 1-0 and 0-1, and overall goal difference puts Getafe
# 13th); tests/matches pin the case where they differ. The order has not changed since 2011-12.
LA_LIGA = RuleSet(
    "La Liga (RFEF Reglamento General, art. 201)",
    ("points", "head_to_head_points", "head_to_head_goal_difference", "goal_difference", "goals_for"),
)

# Serie A (NOIF art. 51.6 and the Lega Serie A competition rules, the "classifica avulsa"): points in the
# matches between the tied clubs, their goal difference, overall goal difference, goals scored, then a draw.
# Same list as La Liga; re-applying to a remaining sub-group is our reading, as for La Liga.
SERIE_A_2011 = RuleSet("Serie A 2011-12 to 2021-22 (NOIF art. 51.6, classifica avulsa)", LA_LIGA.criteria)
# 2022-23 and 2023-24 (Lega Serie A assembly decision of 2022): a tie for the title or for the last
# relegation place went to a one-match play-off instead; every other place as above. The play-off is a
# match of its own, not in the league's data, so the table is the same list with a note.
SERIE_A_2022 = RuleSet(
    "Serie A 2022-23 and 2023-24 (classifica avulsa; play-off for the title and relegation)",
    LA_LIGA.criteria,
    note="A tie on points for the title or the last relegation place was settled by a play-off match, "
    "which this table does not model.",
)
# 2024-25 on: the play-off was dropped again; the classifica avulsa decides every place.
SERIE_A = RuleSet("Serie A (NOIF art. 51.6, classifica avulsa)", LA_LIGA.criteria)

# Premier League Handbook 2011-12 to 2018-19 (section C, the league table): goal difference, goals scored,
# then a play-off match where the title, relegation or a European place depends on it (not in the data).
PREMIER_LEAGUE_2011 = RuleSet(
    "Premier League Handbook 2011-12 to 2018-19 (section C)",
    ("points", "goal_difference", "goals_for"),
    note="Clubs level on points, goal difference and goals scored would play off for the title, "
    "relegation or a European place; that is not modelled.",
)
# Premier League Handbook 2024-25 (section C, the league table): goal difference, goals scored, then points
# in the matches between the clubs, then away goals in those matches, then a play-off. We apply it from
# 2019-20: the head-to-head steps are in the Handbook's editions we have read from then on, but we have not
# confirmed the exact season they were introduced. They only act after goal difference and goals scored.
PREMIER_LEAGUE = RuleSet(
    "Premier League Handbook 2024-25 (section C)",
    ("points", "goal_difference", "goals_for", "head_to_head_points", "head_to_head_away_goals"),
)

# DFL Spielordnung (Bundesliga), § 5 on the ranking: goal difference, goals scored, the aggregate of the two
# matches between the clubs, away goals in those matches, away goals in all matches, then a play-off. The
# same order in every edition since 2011-12, as far as we have been able to check.
BUNDESLIGA = RuleSet(
    "Bundesliga (DFL Spielordnung, § 5)",
    (
        "points",
        "goal_difference",
        "goals_for",
        "head_to_head_goal_difference",
        "head_to_head_away_goals",
        "away_goals_for",
    ),
)

# UEFA Champions League regulations 2024-25, equality of points in the league phase (art. 18): goal
# difference, goals scored, away goals scored, wins, away wins; then opponents' points, goal difference and
# goals, disciplinary points and the club coefficient, none of which these results carry.
UCL_LEAGUE_PHASE = RuleSet(
    "Champions League league phase (UEFA regulations 2024-25, art. 18)",
    ("points", "goal_difference", "goals_for", "away_goals_for", "wins", "away_wins"),
)

# Ligue 1 (LFP Règlement des compétitions, art. 545 on the ranking): overall goal difference, then the
# matches between the tied clubs (points, goal difference, goals scored, away goals scored), then overall
# goals scored, then fair play. The editions from 2019-20 on list this order; for earlier seasons we have
# not verified the text, so those seasons are ranked as a competition with unknown tie-breaks (and say so).
LIGUE_1 = RuleSet(
    "Ligue 1 (LFP Règlement des compétitions, art. 545)",
    (
        "points",
        "goal_difference",
        "head_to_head_points",
        "head_to_head_goal_difference",
        "head_to_head_goals_for",
        "head_to_head_away_goals",
        "goals_for",
        "away_goals_for",
    ),
)

# Eredivisie (KNVB Reglement Betaald Voetbal, the article on the final standings): goal difference, then
# goals scored; clubs still level for the title, relegation or a European place play a deciding match. What
# decides other places after that we have not verified, so the table stops there (listed by name, and said).
EREDIVISIE = RuleSet(
    "Eredivisie (KNVB Reglement Betaald Voetbal)",
    ("points", "goal_difference", "goals_for"),
    note="Clubs level on points, goal difference and goals scored for the title, relegation or a European "
    "place play a deciding match; that is not modelled.",
)

# Primeira Liga (Liga Portugal, Regulamento das Competições, the article on the classification): the matches
# between the tied clubs (points, goal difference, goals scored), then overall goal difference, wins, and
# goals scored. Head-to-head applies only once all those meetings are played. Whether goals scored between
# the clubs came before overall goal difference in every edition since 2011-12 we have not verified.
PRIMEIRA_LIGA = RuleSet(
    "Primeira Liga (Liga Portugal, Regulamento das Competições)",
    (
        "points",
        "head_to_head_points",
        "head_to_head_goal_difference",
        "head_to_head_goals_for",
        "goal_difference",
        "wins",
        "goals_for",
    ),
)

# Belgian Pro League (Pro League competition regulations, the regular season's ranking): wins, goal
# difference, goals scored, away goals scored, away wins. The regular season is a double round robin; the
# play-offs after it (points halved) are separate competitions in the regulations and are not modelled.
PRO_LEAGUE = RuleSet(
    "Belgian Pro League regular season (Pro League regulations)",
    ("points", "wins", "goal_difference", "goals_for", "away_goals_for", "away_wins"),
    note="This is the regular season's table. The play-offs that follow it, which start from halved "
    "points, are not modelled.",
    regular_season_rounds=2,
)

# Scottish Premiership (SPFL Rules, section C on league placings): goal difference, then goals scored; a
# play-off where still level for the title, relegation or a European place. The clubs meet three times
# (33 matches), then the league splits into a top six and a bottom six for five more matches, each club
# staying in its half whatever its points. Only the 33 matches before the split are ranked here.
SCOTTISH_PREMIERSHIP = RuleSet(
    "Scottish Premiership (SPFL Rules, section C)",
    ("points", "goal_difference", "goals_for"),
    note="This table ranks the 33 matches before the split. The five matches after it, played in a top "
    "six and a bottom six, and a play-off between clubs still level, are not modelled.",
    regular_season_rounds=3,
)

# Süper Lig (TFF Professional Football League instructions, the ranking article): the matches between the
# tied clubs (points, then goal difference, then goals scored), then overall goal difference, then goals
# scored. Head-to-head applies only once all those meetings are played. We have not verified whether the
# head-to-head goals scored step is in every edition since 2011-12.
SUPER_LIG = RuleSet(
    "Süper Lig (TFF league instructions)",
    (
        "points",
        "head_to_head_points",
        "head_to_head_goal_difference",
        "head_to_head_goals_for",
        "goal_difference",
        "goals_for",
    ),
)

# EFL Championship (EFL Regulations, section 9 on league positions): goal difference, goals scored, then
# points in the matches between the clubs, then away goals in those matches, then a play-off. The last two
# steps we have only checked in recent editions; they act after goal difference and goals scored.
CHAMPIONSHIP = RuleSet(
    "EFL Championship (EFL Regulations, section 9)",
    ("points", "goal_difference", "goals_for", "head_to_head_points", "head_to_head_away_goals"),
)

# A competition without known regulations: ordered by points, goal difference and goals scored, and said so.
UNKNOWN = RuleSet(
    "Official tie-breaks not known",
    ("points", "goal_difference", "goals_for"),
    known=False,
    note="The official tie-breaks of this competition are not known here: clubs level on points are "
    "ordered by goal difference, then goals scored.",
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


@dataclass(frozen=True, slots=True)
class Edition:
    """A rule set and the first season it applies to ("2011-12"; a tournament year such as "2026" too)."""

    first_season: str
    rules: RuleSet


# Each family of rules a competition stores (`Competition.tie_break_rules`), its editions oldest first. A
# season before a family's first edition is ranked as UNKNOWN: we do not claim rules we have not checked.
EDITIONS: Mapping[str, tuple[Edition, ...]] = {
    "la_liga": (Edition("2011-12", LA_LIGA),),
    "serie_a": (Edition("2011-12", SERIE_A_2011), Edition("2022-23", SERIE_A_2022), Edition("2024-25", SERIE_A)),
    "premier_league": (Edition("2011-12", PREMIER_LEAGUE_2011), Edition("2019-20", PREMIER_LEAGUE)),
    "bundesliga": (Edition("2011-12", BUNDESLIGA),),
    # UEFA's club competitions: a group stage until 2023-24 (its tables use these editions), a league phase since.
    "ucl_league_phase": (
        Edition("2011-12", UEFA_GROUPS_2011),
        Edition("2012-13", UEFA_GROUPS_2012),
        Edition("2019-20", UEFA_GROUPS_2019),
        Edition("2021-22", UEFA_GROUPS_2021),
        Edition("2024-25", UCL_LEAGUE_PHASE),
    ),
    "ligue_1": (Edition("2019-20", LIGUE_1),),
    "eredivisie": (Edition("2011-12", EREDIVISIE),),
    "primeira_liga": (Edition("2011-12", PRIMEIRA_LIGA),),
    "pro_league": (Edition("2011-12", PRO_LEAGUE),),
    "scottish_premiership": (Edition("2013-14", SCOTTISH_PREMIERSHIP),),
    "super_lig": (Edition("2011-12", SUPER_LIG),),
    "championship": (Edition("2011-12", CHAMPIONSHIP),),
    "unknown": (Edition("0001", UNKNOWN),),
}

# Each family under its stored name, at its latest edition (what a competition's own page and records use).
RULE_SETS: dict[str, RuleSet] = {name: editions[-1].rules for name, editions in EDITIONS.items()}


def rule_set(name: str) -> RuleSet:
    """The latest edition of the rules stored as `name` ("la_liga", ...); ValueError for a name without one."""
    try:
        return RULE_SETS[name]
    except KeyError:
        known = ", ".join(sorted(RULE_SETS))
        raise ValueError(f"no ranking rules named {name!r} (known: {known})") from None


def _start_year(season: str) -> int:
    return int(season[:4])


def rules_for(name: str, season: str) -> RuleSet:
    """The edition of the rules stored as `name` that applies to `season` ("2019-20"), or UNKNOWN for a
    season before the first edition we know. ValueError for a name without rules."""
    rule_set(name)
    year = _start_year(season)
    editions = [edition for edition in EDITIONS[name] if _start_year(edition.first_season) <= year]
    return editions[-1].rules if editions else UNKNOWN


# ---------------------------------------------------------------------------------------------------------
# Seasons stopped before their end. A season's ranking is then one of:
# - "points_per_game": the competition decided the final table on points per game (points divided by
#   matches played), ties on it broken by `criteria` (the edition's own tie-breaks unless the decision said
#   otherwise); the table is official.
# - "as_stood": the table as it stood when play stopped, ranked by the edition's rules. `official` says
#   whether the competition made that its final table (Belgium 2019-20) or not (Eredivisie 2019-20: voided).
# ---------------------------------------------------------------------------------------------------------
Ranking = Literal["points_per_game", "as_stood"]


@dataclass(frozen=True, slots=True)
class Curtailment:
    ranking: Ranking
    official: bool
    note: str
    criteria: tuple[Criterion, ...] | None = None


CURTAILED: Mapping[tuple[str, str], Curtailment] = {
    # LFP board of 30 April 2020, after the government's ban on matches: the 2019-20 Ligue 1 table was final
    # after 27 or 28 matches per club, ranked by points per game; ties on it broken by the matches between
    # the clubs ("confrontations particulières"), then as the regulations go on. Those meetings were not all
    # played, so head-to-head counts the ones that were.
    ("fr.1", "2019-20"): Curtailment(
        "points_per_game",
        official=True,
        note="Season stopped on 30 April 2020 (Covid-19): the LFP decided the final table on points per "
        "game, ties on it broken by the matches between the clubs.",
        criteria=(
            "points_per_game",
            "head_to_head_points",
            "head_to_head_goal_difference",
            "head_to_head_goals_for",
            "goal_difference",
            "goals_for",
        ),
    ),
    # SPFL board of 18 May 2020 (under its resolution of 15 April 2020): the Premiership's final placings on
    # points per game at the stop, Celtic champions and Heart of Midlothian relegated.
    ("sco.1", "2019-20"): Curtailment(
        "points_per_game",
        official=True,
        note="Season stopped in March 2020 (Covid-19): the SPFL decided the final placings on points per game.",
    ),
    # Pro League general assembly of 15 May 2020: the regular season stopped one matchday early and its table
    # as it stood was final, Club Brugge champions; no play-offs were played.
    ("be.1", "2019-20"): Curtailment(
        "as_stood",
        official=True,
        note="Season stopped in March 2020 (Covid-19): the Pro League made the table as it stood final; no "
        "play-offs were played.",
    ),
    # KNVB decision of 24 April 2020: the Eredivisie 2019-20 was stopped and voided, with no champion and no
    # promotion or relegation; European places went by the standings at the stop. No official final table.
    ("nl.1", "2019-20"): Curtailment(
        "as_stood",
        official=False,
        note="Season stopped and voided by the KNVB on 24 April 2020 (Covid-19): no champion, no promotion "
        "or relegation. This is the table when play stopped, not an official final table.",
    ),
}


def curtailed_rules(rules: RuleSet, curtailment: Curtailment) -> RuleSet:
    """`rules` as a season cut short is ranked: on points per game when the competition so decided, with
    head-to-head counting the meetings that were played (the rest never will be)."""
    note = " ".join(part for part in (curtailment.note, rules.note) if part)
    if curtailment.ranking == "as_stood":
        return dataclasses.replace(rules, note=note, head_to_head_when_incomplete=True)
    criteria = curtailment.criteria or ("points_per_game", *rules.criteria[1:])
    return dataclasses.replace(
        rules, name=f"{rules.name}, points per game", criteria=criteria, note=note, head_to_head_when_incomplete=True
    )


def season_rules(name: str, code: str, season: str, *, curtailment: Curtailment | None = None) -> RuleSet:
    """The rules of competition `code`'s `season`: the edition of family `name` for that season, curtailed
    as `curtailment` says (an editor's entry), else as CURTAILED records for the season, if at all."""
    rules = rules_for(name, season)
    curtailment = curtailment or CURTAILED.get((code, season))
    return curtailed_rules(rules, curtailment) if curtailment else rules
