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
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CommandError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise CommandError(f"{path}: cannot read the file ({error.strerror or error})") from None


def find_match(match_id: int | None) -> Match | None:
    if match_id is None:
        return None
    match = Match.objects.with_related().filter(pk=match_id).first()
    if match is None:
        raise CommandError(f"There is no match with id {match_id}.")
    return match
