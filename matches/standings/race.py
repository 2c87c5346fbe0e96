"""Title-race facts from a table as it stands: gaps, matches left, reachable points, decided places.

"Decided" is conservative: a place is reported certain (or impossible) only when no combination of the
remaining results can change it, judged from each club's current points and the most it can still reach.
Clubs that meet each other cannot both win, so a place can already be mathematically settled a little
before this says so; it never says so too early. Clubs level on points are assumed able to finish in
either order (tie-breaks can still move), except once every club has played all its matches, when the
table's order is final.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from .table import Row

ZoneStatus = Literal["certain", "impossible", "open"]


@dataclass(frozen=True, slots=True)
class Zone:
    """Table positions `first`..`last` (1-based, inclusive) that mean something: "title", "relegation"..."""

    name: str
    first: int
    last: int

    def __post_init__(self) -> None:
        if not 1 <= self.first <= self.last:
            raise ValueError(f"zone {self.name!r}: positions {self.first}..{self.last} are not a range")


# Allocations for the shipped seasons, as data so another season can be added or overridden.
# - Title: position 1 everywhere.
# - La Liga 2024-25: top 5 to the Champions League (Spain earned UEFA's 2024-25 "European Performance Spot"
#   for 2025-26, with England); 6-7 Europa League (the Copa del Rey winner, Barcelona, was already in the
#   top 5, so its Europa place went to 7th); 8 Conference League play-off; 18-20 relegated.
# - Premier League 2024-25: top 5 to the Champions League (England's European Performance Spot); 18-20
#   relegated. (European places below 5th depended on the cup winners; left out rather than guessed.)
# - Bundesliga 2024-25: top 4 to the Champions League; 16 to the relegation play-off against the
#   2. Bundesliga's third; 17-18 relegated.
# - Bundesliga 2023-24: as 2024-25 but top 5 to the Champions League (Germany's European Performance Spot
#   for 2024-25, with Italy).
# - Serie A 2024-25: top 4 to the Champions League; 18-20 relegated.
# - Champions League 2024-25, the first season of the 36-club league phase (UEFA Champions League
#   regulations 2024-25, the league phase's final ranking): 1-8 straight to the round of 16, 9-24 to the
#   knockout phase play-offs, 25-36 eliminated (no place in the Europa League either).
ZONES: Mapping[tuple[str, str], tuple[Zone, ...]] = {
    ("es.1", "2024-25"): (
        Zone("title", 1, 1),
        Zone("champions_league", 1, 5),
        Zone("europa_league", 6, 7),
        Zone("conference_league", 8, 8),
        Zone("relegation", 18, 20),
    ),
    ("en.1", "2024-25"): (Zone("title", 1, 1), Zone("champions_league", 1, 5), Zone("relegation", 18, 20)),
    ("de.1", "2024-25"): (
        Zone("title", 1, 1),
        Zone("champions_league", 1, 4),
        Zone("relegation_playoff", 16, 16),
        Zone("relegation", 17, 18),
    ),
    ("de.1", "2023-24"): (
        Zone("title", 1, 1),
        Zone("champions_league", 1, 5),
        Zone("relegation_playoff", 16, 16),
        Zone("relegation", 17, 18),
    ),
    ("it.1", "2024-25"): (Zone("title", 1, 1), Zone("champions_league", 1, 4), Zone("relegation", 18, 20)),
    ("uefa.cl", "2024-25"): (
        Zone("round_of_16", 1, 8),
        Zone("knockout_playoff", 9, 24),
        Zone("eliminated", 25, 36),
    ),
}


def zones_for(code: str, season: str) -> tuple[Zone, ...]:
    """The zones of a competition's season, or () when none are recorded (then no place is judged)."""
    return ZONES.get((code, season), ())


@dataclass(frozen=True, slots=True)
class RaceFacts:
    """Where one club stands in the race.

    `gap_to_leader` is the points behind the leader (0 for the leader and clubs level with it);
    `gap_above` the points behind the club directly above (None for the top row); `gap_below` the points
    ahead of the club directly below (None for the bottom row). `max_points` is the most it can finish on;
    `best_position`/`worst_position` the range of places it can still finish in, and `zones` the status
    of each zone for it: "certain" (clinched; for relegation, relegated), "impossible" (out of reach; for
    relegation, safe) or "open".
    """

    club: str
    position: int
    points: int
    played: int
    matches_left: int
    max_points: int
    gap_to_leader: int
    gap_above: int | None
    gap_below: int | None
    best_position: int
    worst_position: int
    zones: Mapping[str, ZoneStatus]


def race_facts(
    table: Sequence[Row],
    *,
    matches_per_club: int | Mapping[str, int],
    zones: Sequence[Zone] = (),
    win_points: int = 3,
) -> list[RaceFacts]:
    """Race facts for every row of `table` (as returned by `compute_table`, best first).

    `matches_per_club` is the season's number of matches per club (38, 34, 8), or a mapping per club when
    it differs. Raises ValueError when a club has played more than that.
    """
    left = {row.club: _matches_left(row, matches_per_club) for row in table}
    ceiling = {row.club: row.points + win_points * left[row.club] for row in table}
    final = not any(left.values())
    return [_facts(i, table, left, ceiling, zones, final=final) for i in range(len(table))]


def _matches_left(row: Row, matches_per_club: int | Mapping[str, int]) -> int:
    total = matches_per_club if isinstance(matches_per_club, int) else matches_per_club[row.club]
    if row.played > total:
        raise ValueError(f"{row.club} has played {row.played} of {total} matches")
    return total - row.played


def _facts(
    i: int,
    table: Sequence[Row],
    left: Mapping[str, int],
    ceiling: Mapping[str, int],
    zones: Sequence[Zone],
    *,
    final: bool,
) -> RaceFacts:
    row = table[i]
    best, worst = (row.position, row.position) if final else _position_range(row, table, ceiling)
    return RaceFacts(
        club=row.club,
        position=row.position,
        points=row.points,
        played=row.played,
        matches_left=left[row.club],
        max_points=ceiling[row.club],
        gap_to_leader=table[0].points - row.points,
        gap_above=table[i - 1].points - row.points if i > 0 else None,
        gap_below=row.points - table[i + 1].points if i + 1 < len(table) else None,
        best_position=best,
        worst_position=worst,
        zones={zone.name: _zone_status(zone, best, worst) for zone in zones},
    )


def _position_range(row: Row, table: Sequence[Row], ceiling: Mapping[str, int]) -> tuple[int, int]:
    """(best, worst) finishing place: above it for sure are the clubs already past its ceiling; possibly
    above it, every club that can still reach its current points (level clubs can go either way)."""
    others = [other for other in table if other.club != row.club]
    surely_above = sum(other.points > ceiling[row.club] for other in others)
    maybe_above = sum(ceiling[other.club] >= row.points for other in others)
    return 1 + surely_above, 1 + maybe_above


def _zone_status(zone: Zone, best: int, worst: int) -> ZoneStatus:
    if zone.first <= best and worst <= zone.last:
        return "certain"
    if best > zone.last or worst < zone.first:
        return "impossible"
    return "open"
