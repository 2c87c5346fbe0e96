"""`python manage.py extract_quotes FILE [--json]`: the quotes of a plain-text article.

With --json, prints the DESIGN.md contract: a JSON list, one object per quote in reading order,
{"text": ..., "speaker": full name or null, "paragraph": index}. Without it, a listing for people.
Speakers resolve to the people in the database (full name, headline name or alias), as an import does; without a
database to read (not migrated yet), speakers are the names as printed.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from newsroom.actions import known_people
from newsroom.quotes import ExtractedQuote, KnownPerson, extract_quotes


class Command(BaseCommand):
    help = "Print the quotes of a plain-text article (paragraphs are its non-blank lines) and who said them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="a UTF-8 plain-text article")
        parser.add_argument("--json", action="store_true", dest="as_json", help="print a JSON list")

    def handle(self, *args: object, file: Path, as_json: bool, **options: object) -> None:
        quotes = extract_quotes(read_article(file), known_people=people_in_database())
        self.stdout.write(as_json_list(quotes) if as_json else as_listing(quotes, file))


def people_in_database() -> list[KnownPerson]:
    try:
        return known_people()
    except DatabaseError as error:
        print(f"No people read from the database ({error}); speakers are as printed.", file=sys.stderr)
        return []


def read_article(path: Path) -> str:
    """The text of `path`; any reason it cannot be read becomes a CommandError that says which."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CommandError(f"No such file: {path}") from None
    except IsADirectoryError:
        raise CommandError(f"{path} is a directory, not an article file") from None
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror or error}") from None
    try:
        return data.decode("utf-8-sig")  # a byte-order mark is not part of the first paragraph
    except UnicodeDecodeError as error:
        raise CommandError(f"{path} is not UTF-8 text (invalid byte at offset {error.start})") from None


def as_json_list(quotes: list[ExtractedQuote]) -> str:
    return json.dumps([quote.as_json() for quote in quotes], ensure_ascii=False, indent=2)


def as_listing(quotes: list[ExtractedQuote], path: Path) -> str:
    if not quotes:
        return f"No quotes found in {path}."
    lines = [f"{len(quotes)} quote{'s' if len(quotes) != 1 else ''} in {path}:"]
    for number, quote in enumerate(quotes, start=1):
        lines.extend(_listing_entry(number, quote))
    return "\n".join(lines)


def _listing_entry(number: int, quote: ExtractedQuote) -> list[str]:
    heading = f"{number}. paragraph {quote.paragraph}, {quote.speaker or 'speaker unknown'}"
    if quote.attribution:
        heading += f" ({quote.attribution})"
    return ["", heading, f"   “{quote.text}”"]
