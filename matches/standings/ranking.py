"""Order clubs by a rule set: points first, then the tie-breaks applied to the group still level.

The algorithm, for a group of clubs level so far:
1. take the criteria in order; a criterion that cannot be used yet (head-to-head before all the meetings
   among the group are played, unless the rule set counts incomplete meetings, or in a home/away table)
   is skipped, and one that leaves everyone level is
   passed over;
2. the first criterion that splits the group orders the pieces; a club alone in its piece is placed
   `decided_by` that criterion;
3. a piece still holding several clubs is ranked again from the first criterion, so head-to-head is
   recomputed among just those clubs (see rules.LA_LIGA for why);
4. clubs level on every criterion are ordered by name, `decided_by="name"`.
Pieces are always smaller than the group they came from, so this ends.

That is `RuleSet.reapply == "from_first"`. UEFA's group stages ("head_to_head") and rule sets that never
re-apply ("never") instead take each group level on points through the criteria in turn, a piece left level by
one criterion going on to the next; head-to-head figures are those of the matches among the whole group level
on points. With "head_to_head", clubs still level after the last head-to-head criterion, when fewer than that
whole group, are taken through the head-to-head criteria again over the matches among just themselves, and
only then through the overall ones.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from .results import Result
from .rules import HEAD_TO_HEAD, Criterion, RuleSet


@dataclass(frozen=True, slots=True)
class Record:
    """One club's totals in the results counted for a table (its own venue only, for home/away tables)."""

    club: str
    played: int = 0
    won: int = 0
    drawn: int = 0
    lost: int = 0
    goals_for: int = 0
    goals_against: int = 0
    away_goals_for: int = 0
    away_won: int = 0
    deduction: int = 0
    points: int = 0

    @property
    def goal_difference(self) -> int:
        return self.goals_for - self.goals_against


Placing = tuple[str, str | None]  # (club, decided_by)
# Exact values (a Fraction for points per game), so that 41/28 and 82/56 are level and never rounded apart.
Keys = Mapping[str, int | Fraction]

_OVERALL: Mapping[str, Callable[[Record], int | Fraction]] = {
    "points": lambda r: r.points,
    "points_per_game": lambda r: Fraction(r.points, r.played) if r.played else Fraction(0),
    "goal_difference": lambda r: r.goal_difference,
    "goals_for": lambda r: r.goals_for,
    "away_goals_for": lambda r: r.away_goals_for,
    "wins": lambda r: r.won,
    "away_wins": lambda r: r.away_won,
}


@dataclass(frozen=True, slots=True)
class _Context:
    records: Mapping[str, Record]
    results: Sequence[Result]
    rules: RuleSet
    head_to_head: bool


def rank(
    records: Mapping[str, Record], results: Sequence[Result], rules: RuleSet, *, head_to_head: bool = True
) -> list[Placing]:
    """Every club of `records`, best first, each with the criterion that placed it (None when it is alone).

    `results` are the matches behind `records`, used for head-to-head; `head_to_head=False` skips those
    criteria (home and away tables, where half the meetings are missing by construction).
    """
    clubs = sorted(records, key=_name_key)
    if len(clubs) == 1:
        return [(clubs[0], None)]
    return _rank_group(clubs, _Context(records, results, rules, head_to_head))


def _rank_group(group: list[str], ctx: _Context) -> list[Placing]:
    if ctx.rules.reapply != "from_first":
        return _rank_in_turn(group, ctx)
    for criterion in ctx.rules.criteria:
        keys = _keys(criterion, group, ctx)
        if keys is None or len(set(keys.values())) == 1:
            continue
        return list(_place_pieces(_split(group, keys), criterion, ctx))
    return [(club, "name") for club in sorted(group, key=_name_key)]


def _rank_in_turn(clubs: list[str], ctx: _Context) -> list[Placing]:
    """All clubs, split on points, each piece level on points ranked by `_rank_level`."""
    placings: list[Placing] = []
    for piece, criterion in _in_turn(clubs, ("points",), ctx, among=clubs):
        placings.extend([(piece[0], criterion)] if len(piece) == 1 else _rank_level(piece, ctx))
    return placings


def _rank_level(group: list[str], ctx: _Context) -> list[Placing]:
    """Clubs level on points: head-to-head in turn over their matches, then (UEFA) the clubs still level
    compared again among themselves, then the overall criteria in turn, then the name."""
    head_to_head = [c for c in ctx.rules.criteria if c in HEAD_TO_HEAD]
    overall = [c for c in ctx.rules.criteria[1:] if c not in HEAD_TO_HEAD]
    usable = ctx.head_to_head and meetings_complete(group, ctx.results)
    placings: list[Placing] = []
    for piece, criterion in _in_turn(group, head_to_head if usable else (), ctx, among=group):
        if len(piece) == 1:
            placings.append((piece[0], criterion))
        elif usable and ctx.rules.reapply == "head_to_head" and len(piece) < len(group):
            placings.extend(_rank_level(piece, ctx))
        else:
            placings.extend(_rank_overall(piece, overall, ctx))
    return placings


def _rank_overall(group: list[str], criteria: Sequence[Criterion], ctx: _Context) -> list[Placing]:
    placings: list[Placing] = []
    for piece, criterion in _in_turn(group, criteria, ctx, among=group):
        named = sorted(piece, key=_name_key)
        placings.extend([(piece[0], criterion)] if len(piece) == 1 else [(club, "name") for club in named])
    return placings


def _in_turn(
    group: list[str], criteria: Sequence[Criterion], ctx: _Context, *, among: list[str]
) -> list[tuple[list[str], str | None]]:
    """`group` split by each criterion in turn, best first: each piece with the criterion that last split it.
    Head-to-head criteria count the matches among `among` (every club of `group` is in it)."""
    pieces: list[tuple[list[str], str | None]] = [(group, None)]
    for criterion in criteria:
        keys = _keys(criterion, among, ctx) if criterion in HEAD_TO_HEAD else _keys(criterion, group, ctx)
        assert keys is not None, "head-to-head usability is checked by the caller"
        pieces = [
            (part, criterion if len({keys[c] for c in piece}) > 1 else by)
            for piece, by in pieces
            for part in (_split(piece, keys) if len(piece) > 1 else [piece])
        ]
    return pieces


def _place_pieces(pieces: list[list[str]], criterion: Criterion, ctx: _Context) -> itertools.chain[Placing]:
    placed = ([(piece[0], criterion)] if len(piece) == 1 else _rank_group(piece, ctx) for piece in pieces)
    return itertools.chain.from_iterable(placed)


def _split(group: list[str], keys: Keys) -> list[list[str]]:
    ordered = sorted(group, key=lambda club: (-keys[club], _name_key(club)))
    return [list(piece) for _, piece in itertools.groupby(ordered, key=lambda club: keys[club])]


def _keys(criterion: Criterion, group: list[str], ctx: _Context) -> Keys | None:
    """Each club's value for `criterion` within `group` (higher is better), or None if it cannot be used."""
    if criterion in HEAD_TO_HEAD:
        if not ctx.head_to_head:
            return None
        if not ctx.rules.head_to_head_when_incomplete and not meetings_complete(group, ctx.results):
            return None
        return _head_to_head(criterion, group, ctx)
    value = _OVERALL[criterion]
    return {club: value(ctx.records[club]) for club in group}


def meetings_complete(group: Collection[str], results: Sequence[Result]) -> bool:
    """True when every club of `group` has been at home to every other club of it."""
    members = set(group)
    played = {(r.home, r.away) for r in results if r.home in members and r.away in members}
    return len(played) == len(members) * (len(members) - 1)


def _head_to_head(criterion: Criterion, group: list[str], ctx: _Context) -> Keys:
    members = set(group)
    keys = dict.fromkeys(group, 0)
    for result in ctx.results:
        if result.home in members and result.away in members:
            for club in (result.home, result.away):
                keys[club] += _meeting_value(criterion, result, club, ctx.rules)
    return keys


def _meeting_value(criterion: Criterion, result: Result, club: str, rules: RuleSet) -> int:
    scored, conceded = result.goals(club)
    if criterion == "head_to_head_points":
        outcome = result.outcome(club)
        return rules.win_points if outcome == "W" else rules.draw_points if outcome == "D" else 0
    if criterion == "head_to_head_goal_difference":
        return scored - conceded
    if criterion == "head_to_head_goals_for":
        return scored
    return scored if club == result.away else 0  # head_to_head_away_goals


def _name_key(club: str) -> tuple[str, str]:
    return club.casefold(), club
