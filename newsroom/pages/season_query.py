"""What a season page's address asks for: which table (`?table=`), as it stood when (`?matchday=`, `?as_of=`),
and which round of results (`?round=`). Anything it cannot use is a `BadQuery` whose message tells the reader
what is wrong; the view answers it with a 400, never a 500 and never a silently different page.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from matches.standings import Venue

# The public names of the tables, and the venue each one counts.
TABLES: Mapping[str, Venue] = {"overall": "all", "home": "home", "away": "away"}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class BadQuery(ValueError):
    """A query parameter the page cannot use. The message is written for the reader."""


@dataclass(frozen=True)
class SeasonQuery:
    table: Venue = "all"
    matchday: int | None = None
    as_of: dt.date | None = None
    round: int | None = None

    @property
    def table_name(self) -> str:
        return next(name for name, venue in TABLES.items() if venue == self.table)

    @property
    def table_param(self) -> str:
        """`?table=` as links write it: nothing for the overall table, the page's plain address."""
        return "" if self.table == "all" else self.table_name


def parse_season_query(params: Mapping[str, str]) -> SeasonQuery:
    """The query as far as it can be checked without the season's fixtures; an empty value counts as absent
    (a form submitted with nothing chosen). Matchday and round numbers are range-checked by `check_rounds`."""
    table = params.get("table") or "overall"
    if table not in TABLES:
        raise BadQuery(f"There is no “{table}” table: choose overall, home or away.")
    matchday, as_of = number(params, "matchday"), date(params, "as_of")
    if matchday is not None and as_of is not None:
        raise BadQuery("Choose a matchday or a date for the table, not both.")
    return SeasonQuery(table=TABLES[table], matchday=matchday, as_of=as_of, round=number(params, "round"))


def number(params: Mapping[str, str], name: str) -> int | None:
    value = params.get(name) or ""
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or len(value) > 4:
        raise BadQuery(f"“{value}” is not a number: ?{name}= takes a matchday number, such as 12.")
    return int(value)


def date(params: Mapping[str, str], name: str) -> dt.date | None:
    value = params.get(name) or ""
    if not value:
        return None
    try:
        # fromisoformat alone would also take 20250510 and week dates; the address promises YYYY-MM-DD.
        if not ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadQuery(f"“{value}” is not a date: write it as YYYY-MM-DD, for example 2025-05-10.") from None


def check_rounds(query: SeasonQuery, matchdays: Collection[int], season_name: str) -> None:
    """Raise BadQuery unless the query's matchday and round are matchdays the season has."""
    for value in (query.matchday, query.round):
        if value is not None and value not in matchdays:
            raise BadQuery(no_such_matchday(value, matchdays, season_name))


def no_such_matchday(value: int, matchdays: Collection[int], season_name: str) -> str:
    if not matchdays:
        return f"{season_name} has no matchdays yet."
    return f"There is no matchday {value} in {season_name}: choose one from {min(matchdays)} to {max(matchdays)}."
