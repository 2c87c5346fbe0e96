"""What makes one match's score consistent: the single check every way a score gets in goes through (the
openfootball importer, the data desk's score API, the admin's match form).

Pure: plain values in, a list of problems out; each caller turns the problems into its own kind of refusal
(a message naming the file and record, a 400 naming the field, a form error). The rules are the Laws of the
Game's (IFAB, Law 10: extra time and kicks from the penalty mark only decide a match or a tie that must have a
winner) read as necessary conditions, so that they hold whatever a competition's regulations add:

- every goal count is a whole number (a boolean is not one) from 0 to MAX_GOALS;
- half-time, extra time and a shoot-out only come with a score after 90 minutes, and half-time never has
  more goals on a side than the 90 minutes;
- a match that counts in a table (a league, a group, a league phase) and the first leg of a two-legged tie
  have no extra time and no shoot-out: nothing has to be decided at their end;
- extra time includes the 90 minutes (never fewer goals on a side) and is only played when the 90 minutes
  leave the match level, or, in the second leg of a tie, the aggregate (when the first leg's score is known);
- a shoot-out only follows a level match (after extra time when there was some), or a level aggregate in a
  second leg, and cannot itself end level;
- a minute is from 0 to MAX_MINUTE, and half-time comes at the end of a half: minute 45, or 105 in extra time
  (stoppage time is written at the half's last minute, "45+2" as 45).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .results import Score

# Goals and minutes are stored as SMALLINT; no side has scored anything like 99 in a senior match, so a
# larger count is a typing slip, not a result.
MAX_GOALS = 99
MAX_MINUTE = 150
HALF_TIME_MINUTES = (45, 105)

Part = Literal["ft", "ht", "et", "pens", "awarded", "minute"]
Kind = Literal["table", "single", "first_leg", "second_leg"]
PART_NAMES: dict[Part, str] = {
    "ft": "the score after 90 minutes",
    "ht": "the half-time score",
    "et": "the score after extra time",
    "pens": "the shoot-out",
    "awarded": "the awarded score",
    "minute": "the minute",
}


@dataclass(frozen=True, slots=True)
class ScoreProblem:
    """One rule a score breaks: the part at fault and why, in a sentence a data desk can act on."""

    part: Part
    message: str


def match_kind(*, in_table: bool, leg: int | None) -> Kind:
    """How a match may end: it counts in a table, or it is a single-match tie, or a tie's first or second leg."""
    if in_table:
        return "table"
    return {1: "first_leg", 2: "second_leg"}.get(leg or 0, "single")  # type: ignore[return-value]


def score_problems(
    *,
    kind: Kind,
    ft: Score | None,
    ht: Score | None = None,
    et: Score | None = None,
    pens: Score | None = None,
    awarded: Score | None = None,
    first_leg: Score | None = None,
    minute: int | None = None,
    half_time: bool = False,
) -> list[ScoreProblem]:
    """Every rule (module docstring) the given score breaks; empty when it is consistent.

    Scores are (home, away) of this match. `first_leg` is, for a second leg, the first leg's score from this
    match's point of view (this match's home side's goals first); None when it is not known, and then the
    aggregate is not checked. `half_time` says the match is at half-time now (the status), for the minute.
    """
    problems = [p for part, value in _parts(ft, ht, et, pens, awarded) for p in _bounds(part, value)]
    if problems:
        return problems
    problems += _minute_problems(minute, half_time)
    if ft is None:
        problems += [
            ScoreProblem(part, f"{PART_NAMES[part]} needs a score after 90 minutes.")
            for part in _given(ht=ht, et=et, pens=pens)
        ]
        return problems
    if ht is not None and not _at_most(ht, ft):
        problems.append(ScoreProblem("ht", f"Half-time {_show(ht)} has more goals than full time {_show(ft)}."))
    if et is not None and not _at_most(ft, et):
        problems.append(ScoreProblem("et", f"Extra time {_show(et)} must include the 90 minutes' {_show(ft)}."))
    if pens is not None and pens[0] == pens[1]:
        problems.append(
            ScoreProblem("pens", f"A shoot-out cannot end level ({_show(pens)}): it goes on until one side wins.")
        )
    if problems:
        return problems
    if kind in ("table", "first_leg"):
        what = "a match that counts in a table" if kind == "table" else "the first leg of a tie"
        for part in _given(et=et, pens=pens):
            problems.append(
                ScoreProblem(part, f"There is no {_short(part)} in {what}: nothing is decided at its end.")
            )
        return problems
    problems += _extra_time_problems(kind, ft, et, first_leg)
    problems += _shoot_out_problems(kind, et or ft, pens, first_leg)
    return problems


def describe(problems: list[ScoreProblem]) -> str:
    """The problems as one sentence or more, for a message that names no field."""
    return " ".join(problem.message for problem in problems)


def _parts(*scores: Score | None) -> list[tuple[Part, Score | None]]:
    return list(zip(("ft", "ht", "et", "pens", "awarded"), scores, strict=True))


def _bounds(part: Part, value: object) -> list[ScoreProblem]:
    if value is None:
        return []
    if not isinstance(value, tuple | list) or len(value) != 2:
        return [ScoreProblem(part, f"{PART_NAMES[part].capitalize()} must be two goal counts, home and away.")]
    if all(_is_goals(goals) for goals in value):
        return []
    return [
        ScoreProblem(
            part, f"{PART_NAMES[part].capitalize()} must be whole numbers from 0 to {MAX_GOALS}, not {list(value)}."
        )
    ]


def _is_goals(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_GOALS


def _minute_problems(minute: object, half_time: bool) -> list[ScoreProblem]:
    if minute is None:
        return []
    if isinstance(minute, bool) or not isinstance(minute, int) or not 0 <= minute <= MAX_MINUTE:
        return [ScoreProblem("minute", f"The minute must be a whole number from 0 to {MAX_MINUTE}.")]
    if half_time and minute not in HALF_TIME_MINUTES:
        return [ScoreProblem("minute", f"Half-time comes at minute 45 (or 105 in extra time), not {minute}.")]
    return []


def _extra_time_problems(kind: Kind, ft: Score, et: Score | None, first_leg: Score | None) -> list[ScoreProblem]:
    if et is None:
        return []
    if kind == "single" and ft[0] != ft[1]:
        return [ScoreProblem("et", f"There is no extra time after {_show(ft)}: the match was won in 90 minutes.")]
    if kind == "second_leg" and first_leg is not None and not _level(ft, first_leg):
        return [
            ScoreProblem(
                "et",
                "There is no extra time when the aggregate after 90 minutes is not level "
                f"({_aggregate(ft, first_leg)}).",
            )
        ]
    return []


def _shoot_out_problems(kind: Kind, last: Score, pens: Score | None, first_leg: Score | None) -> list[ScoreProblem]:
    if pens is None:
        return []
    if kind == "single" and last[0] != last[1]:
        return [ScoreProblem("pens", f"There is no shoot-out after {_show(last)}: the match had a winner.")]
    if kind == "second_leg" and first_leg is not None and not _level(last, first_leg):
        return [
            ScoreProblem(
                "pens", f"There is no shoot-out when the aggregate is not level ({_aggregate(last, first_leg)})."
            )
        ]
    return []


def _given(**scores: Score | None) -> list[Part]:
    return [part for part, value in scores.items() if value is not None]  # type: ignore[misc]


def _short(part: Part) -> str:
    return "shoot-out" if part == "pens" else "extra time"


def _at_most(earlier: Score, later: Score) -> bool:
    return earlier[0] <= later[0] and earlier[1] <= later[1]


def _level(second_leg: Score, first_leg: Score) -> bool:
    return second_leg[0] + first_leg[0] == second_leg[1] + first_leg[1]


def _aggregate(second_leg: Score, first_leg: Score) -> str:
    return f"{second_leg[0] + first_leg[0]}-{second_leg[1] + first_leg[1]}"


def _show(score: Score) -> str:
    return f"{score[0]}-{score[1]}"
