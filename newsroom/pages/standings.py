"""A league table as a reader sees it: each row with its club, its zone (a coloured edge, named in a legend
and in words for screen readers), its form as marks, and a sentence for every place a tie-break decided.

Presentation only: the order and `decided_by` come from `matches.standings`, the zones from the season.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from matches.display import and_list, figure, long_date, ordinal
from matches.display import places as place_range
from matches.models import Club, Competition
from matches.standings import Row, Zone
from matches.tables import Deduction, SeasonTable, rows_after_matchday
from newsroom.pages.season_query import SeasonQuery

# Zone names (matches.standings.race.ZONES, or an editor's Season.zones) as the legend says them, and the
# CSS modifier that colours their edge. A zone not listed here still shows, in a neutral colour.
ZONE_LABELS: Mapping[str, tuple[str, str]] = {
    "title": ("Champions", "title"),
    "champions_league": ("Champions League", "ucl"),
    "europa_league": ("Europa League", "uel"),
    "conference_league": ("Conference League", "uecl"),
    "relegation_playoff": ("Relegation play-off", "playoff"),
    "relegation": ("Relegation", "relegation"),
    "round_of_16": ("Round of 16", "ucl"),
    "knockout_playoff": ("Knockout phase play-offs", "uel"),
    "eliminated": ("Eliminated", "out"),
}
CRITERIA: Mapping[str, str] = {
    "points_per_game": "points per game",
    "head_to_head_points": "head-to-head",
    "head_to_head_goal_difference": "head-to-head goal difference",
    "head_to_head_goals_for": "goals scored in their meetings",
    "head_to_head_away_goals": "away goals in their meetings",
    "goal_difference": "goal difference",
    "goals_for": "goals scored",
    "away_goals_for": "away goals scored",
    "wins": "wins",
    "away_wins": "away wins",
}


@dataclass(frozen=True)
class ZoneKey:
    name: str
    label: str
    style: str
    first: int
    last: int

    @property
    def places(self) -> str:
        return place_range(self.first, self.last)


@dataclass(frozen=True)
class Line:
    row: Row
    club: Club
    zone: ZoneKey | None
    per_game: str = ""  # points per game, printed for a table ranked on it


@dataclass(frozen=True)
class Standings:
    """The table to print. `plain` is the latest overall table, which the section heading already names (its
    caption is then for screen readers); `empty` the sentence to show instead when no match counts yet.
    `about` says how the table is ranked where a reader must know (a season cut short, a split not
    modelled, tie-breaks not known); `per_game` whether it is ranked on points per game."""

    caption: str
    plain: bool
    lines: list[Line]
    zones: list[ZoneKey]
    notes: list[str]
    deductions: list[str]
    empty: str | None
    about: list[str] = dataclasses.field(default_factory=list)
    per_game: bool = False


def standings(table: SeasonTable, query: SeasonQuery) -> Standings:
    """`table`, counted as `query` asks (up to its matchday, if it names one), ready to print."""
    rows = rows_after_matchday(table, query.matchday) if query.matchday is not None else table.rows
    # A group's table always shows its caption: the section heading names the stage, not the group.
    plain = query.matchday is None and query.as_of is None and query.table == "all" and not table.group
    about, per_game = table.notes, table.rules.criteria[0] == "points_per_game"
    if not any(row.played for row in rows):
        empty = nothing_played(table, query)
        return Standings(caption(table, query), plain, [], [], [], [], empty, about, per_game)
    zones = zone_keys(table.zones) if query.table == "all" else []
    lines = [
        Line(row, table.clubs[row.club], zone_of(row.position, zones), points_per_game(row) if per_game else "")
        for row in rows
    ]
    notes = tie_notes(rows, table.clubs, per_game=per_game)
    if table.group and notes:
        notes.append(group_rules_note(table))
    shown = query.table == "all" and not table.group  # a deduction is the season's, never a group's
    deductions = deduction_notes(table.deduction_entries, table.clubs) if shown else []
    return Standings(caption(table, query), plain, lines, zones, notes, deductions, None, about, per_game)


def points_per_game(row: Row) -> str:
    """ "1.46": two decimals, as competitions print the ratio (the ranking itself compares exact values)."""
    return f"{Fraction(row.points, row.played or 1):.2f}" if row.played else "0.00"


def zone_keys(zones: Sequence[Zone]) -> list[ZoneKey]:
    keys = []
    for zone in zones:
        label, style = ZONE_LABELS.get(zone.name, (zone.name.replace("_", " ").capitalize(), "other"))
        keys.append(ZoneKey(zone.name, label, style, zone.first, zone.last))
    return keys


def zone_of(position: int, zones: Sequence[ZoneKey]) -> ZoneKey | None:
    """The first zone listed that holds `position`: the title before the Champions League places it is in."""
    return next((zone for zone in zones if zone.first <= position <= zone.last), None)


def caption(table: SeasonTable, query: SeasonQuery) -> str:
    kind = table.season.competition.kind
    name = "League phase table" if kind == Competition.Kind.LEAGUE_PHASE_KNOCKOUT else "Table"
    if table.group:
        name = f"Group {table.group}"
    if query.table != "all":
        name = f"{query.table_name.capitalize()} {name.lower()}"
    if query.matchday is not None:
        return f"{name} after matchday {query.matchday}"
    if query.as_of is not None:
        return f"{name} on {long_date(query.as_of)}"
    return name


def nothing_played(table: SeasonTable, query: SeasonQuery) -> str:
    if table.groups and not table.group:
        return f"Played in {len(table.groups)} groups, each with its own table."
    if query.as_of is not None:
        start = table.season.start_date
        began = f": the season began on {long_date(start)}" if start and start > query.as_of else ""
        return f"No matches had been played by {long_date(query.as_of)}{began}."
    if query.matchday is not None:
        return f"No match of matchdays 1 to {query.matchday} has been played yet."
    return "No matches have been played yet."


def tie_notes(rows: Sequence[Row], clubs: Mapping[str, Club], *, per_game: bool = False) -> list[str]:
    """One sentence per group of clubs level on points (on points per game, for a table ranked on it),
    saying what placed each of them."""
    level = (lambda row: Fraction(row.points, row.played or 1)) if per_game else (lambda row: row.points)
    groups = [list(group) for _, group in itertools.groupby(rows, key=level)]
    return [tie_sentence(group, clubs, per_game=per_game) for group in groups if len(group) > 1]


def tie_sentence(group: list[Row], clubs: Mapping[str, Club], *, per_game: bool = False) -> str:
    """Two clubs: "Athletic Club above Villarreal on head-to-head, both on 70 points." Three or more: what
    placed each one, as `decided_by` records it ("On 42 points: Getafe 13th and Espanyol 14th on goal
    difference; Deportivo Alavés 15th on head-to-head."): inside a bigger group, two neighbours may have been
    split by a criterion neither row records, so the sentence never says who is above whom on what."""
    name = {row.club: clubs[row.club].display_name for row in group}
    decided_by = group[0].decided_by
    points = f"{points_per_game(group[0])} points per game" if per_game else figure(group[0].points, "point")
    if len(group) == 2 and group[1].decided_by == decided_by:
        upper, lower = (name[row.club] for row in group)
        if decided_by == "name":
            return f"{upper} and {lower} are level on {points} and every tie-break; listed alphabetically."
        return f"{upper} above {lower} {placed_on(decided_by)}, both on {points}."
    parts = [
        f"{and_list([f'{name[row.club]} {ordinal(row.position)}' for row in rows])} {placed_on(decided_by)}"
        for decided_by, rows in itertools.groupby(group, key=lambda row: row.decided_by)
    ]
    return f"On {points}: {'; '.join(parts)}."


def group_rules_note(table: SeasonTable) -> str:
    """Which regulations ordered a group's clubs level on points, and what the data cannot settle."""
    return (
        f"Tie-breaks as the {table.rules.regulations} set them; the last of them, disciplinary points and the "
        "club coefficient, are not in the results."
    )


def placed_on(decided_by: str | None) -> str:
    if decided_by == "name":
        return "level on every tie-break, listed alphabetically"
    return f"on {CRITERIA.get(decided_by or '', decided_by)}"


def deduction_notes(entries: Sequence[Deduction], clubs: Mapping[str, Club]) -> list[str]:
    """ "Everton: 10 points deducted on 17 November 2023 (Breach of the profitability rules).", one per entry."""
    return [
        f"{clubs[entry.club].display_name if entry.club in clubs else entry.club}: "
        f"{figure(entry.points, 'point')} deducted"
        f"{f' on {long_date(entry.decided_on)}' if entry.decided_on else ''}"
        f"{f' ({entry.reason})' if entry.reason else ''}."
        for entry in entries
    ]
