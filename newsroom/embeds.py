"""Embeds in an article body: a line on its own such as `{{ match 1234 }}`, read without the database.

The syntax (the body's help text and the README's "Writing" section say the same):

    {{ table es.1 2024-25 }}                    the league table, latest
    {{ table es.1 2024-25 as of 2025-05-10 }}   the league table as it stood at the end of that day
    {{ match 1234 }}                            a match card
    {{ quote 56 }}                              a citable quote from the archive
    {{ move 7 }}                                a manager move

Only a whole line counts, up to three spaces in; lines inside fenced or indented code are left alone. A line
that opens with `{{` and closes with `}}` but says something else is an `EmbedError` naming its line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

SYNTAX_HELP = (
    "Embeds, each on a line of its own: {{ table es.1 2024-25 }} or {{ table es.1 2024-25 as of 2025-05-10 }} "
    "(a league table, latest or as it stood on a date), {{ match 1234 }} (a match card), {{ quote 56 }} (a quote "
    "from the archive), {{ move 7 }} (a manager move), {{ image 3 }} (a picture uploaded under Article images)."
)

_EMBED_LINE = re.compile(r"^ {0,3}\{\{(?P<inner>.*)\}\}\s*$")
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
_CODE = r"[a-z0-9]+(?:\.[a-z0-9]+)*"
_TABLE = re.compile(r"^table\s+(?P<code>\S+)\s+(?P<season>\S+)(?:\s+as\s+of\s+(?P<date>\S+))?$")
_BY_ID = re.compile(r"^(?P<kind>match|quote|move|image)\s+(?P<id>\S+)$")
_SEASON = re.compile(r"^\d{4}(-\d{2})?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Kind = Literal["match", "quote", "move", "image"]


@dataclass(frozen=True)
class TableRef:
    code: str
    season: str
    as_of: dt.date | None


@dataclass(frozen=True)
class ItemRef:
    kind: Kind
    pk: int


@dataclass(frozen=True)
class Embed:
    line: int  # 1-based, as an editor counts
    ref: TableRef | ItemRef


@dataclass(frozen=True)
class EmbedError:
    line: int
    problem: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.problem}"


def embed_lines(text: str) -> list[tuple[int, str]]:
    """Each line that is an embed, by its 1-based number, with what is between the braces (stripped)."""
    found: list[tuple[int, str]] = []
    fence: str | None = None
    previous_blank = True
    indented_code = False
    for number, line in enumerate(text.splitlines(), start=1):
        if fence is not None:
            fence = None if line.strip().startswith(fence) and not line.strip().strip(fence[0]) else fence
            previous_blank = False
            continue
        opening = _FENCE.match(line)
        blank = not line.strip()
        # An indented line opens code only after a blank line, and code goes on while lines stay indented.
        indented_code = (line.startswith(("    ", "\t")) and (previous_blank or indented_code)) or (
            indented_code and blank
        )
        if opening:
            fence = opening["fence"]
        elif not indented_code and (match := _EMBED_LINE.match(line)):
            found.append((number, match["inner"].strip()))
        previous_blank = blank
    return found


def parse_embed(inner: str) -> TableRef | ItemRef | str:
    """What `{{ inner }}` refers to, or what is wrong with it (a sentence for the editor)."""
    words = " ".join(inner.split())
    if (table := _TABLE.match(words)) is not None:
        return table_ref(table["code"], table["season"], table["date"])
    if (item := _BY_ID.match(words)) is not None:
        if not item["id"].isascii() or not item["id"].isdigit() or len(item["id"]) > 12:
            return f"“{item['id']}” is not a {item['kind']} number"
        kind: Kind = item["kind"]  # type: ignore[assignment]
        return ItemRef(kind, int(item["id"]))
    first = words.split(" ", 1)[0] if words else ""
    if first in ("table", "match", "quote", "move"):
        return f"“{{{{ {words} }}}}” is not how to embed a {first}: see the help below the text"
    return f"“{first}” is not something to embed: use table, match, quote or move"


def table_ref(code: str, season: str, date: str | None) -> TableRef | str:
    if not re.fullmatch(_CODE, code):
        return f"unknown competition {code}"
    if not _SEASON.match(season):
        return f"{season} is not a season: write it as 2024-25, or 2026 for a tournament"
    if date is None:
        return TableRef(code, season, None)
    try:
        as_of = dt.date.fromisoformat(date) if _DATE.match(date) else None
    except ValueError:
        as_of = None
    return TableRef(code, season, as_of) if as_of is not None else f"{date} is not a date"


def find_embeds(text: str) -> tuple[list[Embed], list[EmbedError]]:
    """The body's embeds in order, and the embed lines that cannot be read."""
    embeds: list[Embed] = []
    errors: list[EmbedError] = []
    for number, inner in embed_lines(text):
        parsed = parse_embed(inner)
        if isinstance(parsed, str):
            errors.append(EmbedError(number, parsed))
        else:
            embeds.append(Embed(number, parsed))
    return embeds, errors
