"""python manage.py import_article FILE [--match ID] [--kind preview] [--headline ...] [--date YYYY-MM-DD]"""

from __future__ import annotations

import datetime
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from matches.models import Match
from newsroom.actions import import_article
from newsroom.models import Article


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date {value!r} is not a date written YYYY-MM-DD") from None


class Command(BaseCommand):
    help = (
        "Turn a plain-text article into a draft: the first line is the headline unless --headline is given, "
        "each other non-blank line a paragraph; its quotes are suggested for an editor to verify."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--match", type=int, help="The id of the match the article is about.")
        parser.add_argument("--kind", choices=Article.Kind.values, default=Article.Kind.NEWS)
        parser.add_argument("--headline", help="The headline, when the file's first line is body text.")
        parser.add_argument("--standfirst", default="")
        parser.add_argument("--date", help="The day the piece appeared (dates quotes said 'on Friday').")

    def handle(self, *args: object, **options: Any) -> None:
        text = read_text(options["file"])
        match = find_match(options["match"])
        try:
            result = import_article(
                text=text,
                headline=options["headline"],
                kind=options["kind"],
                match=match,
                standfirst=options["standfirst"],
                dated=iso_date(options["date"]) if options["date"] else None,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        article = result.article
        if result.created:
            self.stdout.write(
                self.style.SUCCESS(f"Draft {article.pk} “{article.headline}” with {result.quotes} quotes.")
            )
        else:
            self.stdout.write(f"Already imported as article {article.pk} “{article.headline}”; nothing changed.")


def read_text(path: Path) -> str:
    """The UTF-8 text of `path` (a byte-order mark is not part of the headline); any reason it cannot be
    read, or is not plain text, becomes a CommandError before anything is stored."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommandError(f"{path}: not UTF-8 text (invalid byte at offset {error.start})") from None
    except OSError as error:
        raise CommandError(f"{path}: cannot read the file ({error.strerror or error})") from None
    if "\x00" in text:
        # PostgreSQL refuses NUL in text and SQLite would store it silently: refuse it here, on both.
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise CommandError(f"{path}: a NUL byte on line {line}; this is not a plain-text article")
    return text


def find_match(match_id: int | None) -> Match | None:
    if match_id is None:
        return None
    match = Match.objects.with_related().filter(pk=match_id).first()
    if match is None:
        raise CommandError(f"There is no match with id {match_id}.")
    return match
