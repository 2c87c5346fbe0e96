"""League tables from results: totals, order, form and why each club stands where it does."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from .ranking import Record, rank
from .results import Result, Venue
from .rules import RuleSet

FORM_LENGTH = 5


@dataclass(frozen=True, slots=True)
class Row:
    """One club's line in a table.

    `points` is net of `deduction` (points taken off by the competition, 0 if none). `form` is the club's
    last up to five results in that table, oldest first and newest LAST, as "W"/"D"/"L". `decided_by` names
    the criterion that separated the club from the clubs around it ("points" when no one has its points,
    "name" when still level on every criterion, None when it is the only club). `tied_with` lists the
    other clubs on the same points, in table order. `live` is True when a match in play is counted.
    """

    position: int
    club: str
    played: int
    won: int
    drawn: int
    lost: int
    goals_for: int
    goals_against: int
    goal_difference: int
    points: int
    form: str
    deduction: int
    decided_by: str | None
    tied_with: tuple[str, ...]
    live: bool


def compute_table(
    results: Iterable[Result],
    *,
    rules: RuleSet,
    clubs: Iterable[str] = (),
    deductions: Mapping[str, int] | None = None,
    venue: Venue = "all",
) -> list[Row]:
    """The table over `results`, best first, positions 1..n.

    Every result passed counts (filter by date or status before calling; pass awarded scores and live
    scores as the caller wants them counted). `clubs` adds clubs without results yet, as rows of zeros.
    `deductions` maps a club to the points taken off it for the season (non-negative; applied to the
    overall table only). `venue="home"`/`"away"` counts each club's home or away matches only (every club
    in `results` still has a row); those tables skip head-to-head criteria, a club's meetings being only
    half in them.
    Raises ValueError for a repeated match_id or a negative deduction.
    """
    counted = _checked(list(results))
    deductions = _checked_deductions(deductions or {}) if venue == "all" else {}
    by_club = _matches_by_club(counted, venue)
    for club in [*clubs, *deductions, *(r.home for r in counted), *(r.away for r in counted)]:
        by_club.setdefault(club, [])
    records = {club: _record(club, matches, rules, deductions.get(club, 0)) for club, matches in by_club.items()}
    placings = rank(records, counted, rules, head_to_head=venue == "all")
    return _rows(placings, records, by_club)


def _checked(results: list[Result]) -> list[Result]:
    repeated = [match_id for match_id, n in Counter(r.match_id for r in results).items() if n > 1]
    if repeated:
        raise ValueError(f"results repeat match ids {repeated!r}")
    return results


def _checked_deductions(deductions: Mapping[str, int]) -> Mapping[str, int]:
    negative = {club: points for club, points in deductions.items() if points < 0}
    if negative:
        raise ValueError(f"deductions must be points taken off (>= 0), not {negative!r}")
    return deductions


def _matches_by_club(results: Sequence[Result], venue: Venue) -> dict[str, list[Result]]:
    """Each club's counted results in date order (ties keep the order given)."""
    by_club: dict[str, list[Result]] = defaultdict(list)
    for result in sorted(results, key=lambda r: r.date):
        if venue in ("all", "home"):
            by_club[result.home].append(result)
        if venue in ("all", "away"):
            by_club[result.away].append(result)
    return by_club


def _record(club: str, matches: Sequence[Result], rules: RuleSet, deduction: int) -> Record:
    outcomes = Counter(m.outcome(club) for m in matches)
    away = [m for m in matches if m.away == club]
    won, drawn = outcomes["W"], outcomes["D"]
    return Record(
        club=club,
        played=len(matches),
        won=won,
        drawn=drawn,
        lost=outcomes["L"],
        goals_for=sum(m.goals(club)[0] for m in matches),
        goals_against=sum(m.goals(club)[1] for m in matches),
        away_goals_for=sum(m.away_goals for m in away),
        away_won=sum(m.outcome(club) == "W" for m in away),
        deduction=deduction,
        points=rules.points(won, drawn) - deduction,
    )


def _rows(
    placings: Sequence[tuple[str, str | None]], records: Mapping[str, Record], by_club: Mapping[str, list[Result]]
) -> list[Row]:
    rows = [_row(n, records[club], decided_by, by_club[club]) for n, (club, decided_by) in enumerate(placings, 1)]
    level: dict[int, list[str]] = defaultdict(list)
    for row in rows:
        level[row.points].append(row.club)
    return [replace(row, tied_with=tuple(c for c in level[row.points] if c != row.club)) for row in rows]


def _row(position: int, record: Record, decided_by: str | None, matches: Sequence[Result]) -> Row:
    return Row(
        position=position,
        club=record.club,
        played=record.played,
        won=record.won,
        drawn=record.drawn,
        lost=record.lost,
        goals_for=record.goals_for,
        goals_against=record.goals_against,
        goal_difference=record.goal_difference,
        points=record.points,
        form="".join(m.outcome(record.club) for m in matches[-FORM_LENGTH:]),
        deduction=record.deduction,
        decided_by=decided_by,
        tied_with=(),
        live=any(m.live for m in matches),
    )
