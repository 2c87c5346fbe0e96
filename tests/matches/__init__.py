"""Tests of the matches app's pure football rules and the openfootball parser.

`results()` is shared by the standings tests: it writes synthetic results as one line each,
"2024-08-17 Alpha 2-1 Beta" (home first), with " live" at the end for a match in play.
"""

import datetime as dt
import re

from matches.standings import Result

_LINE = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2}) (?P<home>.+?) (?P<hg>\d+)-(?P<ag>\d+) (?P<away>.+?)(?P<live> live)?$"
)


def results(*lines: str) -> list[Result]:
    """One Result per line, match ids 1, 2, 3... in the order given."""
    return [_result(n, line) for n, line in enumerate(lines, start=1)]


def _result(match_id: int, line: str) -> Result:
    match = _LINE.match(line.strip())
    if not match:
        raise ValueError(f"not a result line: {line!r}")
    return Result(
        match_id=match_id,
        home=match["home"],
        away=match["away"],
        home_goals=int(match["hg"]),
        away_goals=int(match["ag"]),
        date=dt.date.fromisoformat(match["date"]),
        live=bool(match["live"]),
    )
