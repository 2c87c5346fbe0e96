"""python manage.py import_openfootball FILE_OR_URL... [--competition CODE --season 2024-25] [--strict]"""

from __future__ import annotations

import sys
import time
from argparse import ArgumentParser
from dataclasses import dataclass, field
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from matches.importer import (
    OPENFOOTBALL_REPOSITORY,
    FileReport,
    ImportFailed,
    NotFound,
    Source,
    Unreachable,
    import_sources,
    parse_source,
    read_source,
)
from matches.repository import Listing, is_repository, list_repository


@dataclass
class Skipped:
    """What a repository held that was not imported, and why."""

    unreadable: list[str] = field(default_factory=list)


class Command(BaseCommand):
    help = (
        "Load football.json files (paths or URLs). The competition and season come from each path "
        f"(2024-25/es.1.json) unless given. A repository URL such as {OPENFOOTBALL_REPOSITORY} loads every "
        "season and competition it holds, and says what it skipped. Every file is read "
        "before anything is written, and everything is written in one transaction. A record that contradicts "
        "itself is set aside (named, and the command exits non-zero); --strict refuses its whole file instead."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("locations", nargs="+", metavar="FILE_OR_URL")
        parser.add_argument("--competition", help="Competition code, e.g. es.1 (one file only).")
        parser.add_argument("--season", help="Season label, e.g. 2024-25 (one file only).")
        parser.add_argument(
            "--strict", action="store_true", help="Refuse a whole file for one record that contradicts itself."
        )

    def handle(self, *args: object, **options: Any) -> None:
        started = time.perf_counter()
        locations: list[str] = options["locations"]
        if (options["competition"] or options["season"]) and (len(locations) != 1 or is_repository(locations[0])):
            raise CommandError("--competition and --season apply to a single file; give one file with them.")
        sources: list[Source] = []
        skipped = Skipped()
        try:
            for location in locations:
                if is_repository(location):
                    sources += self.read_repository(location, strict=options["strict"], skipped=skipped)
                else:
                    source = read_source(location, code=options["competition"], season=options["season"])
                    sources.append(parse_source(source, strict=options["strict"]))
            reports = import_sources(sources, progress=self.show)
        except ImportFailed as error:
            raise CommandError(f"Nothing was imported: {error}") from None
        self.summarise(reports, skipped, time.perf_counter() - started)

    def read_repository(self, url: str, *, strict: bool, skipped: Skipped) -> list[Source]:
        listing = list_repository(url, say=self.stderr.write)
        # A progress bar on stderr while it is a terminal; nothing otherwise (the counts are printed at the end).
        bar = tqdm(
            listing.paths, desc="Reading", unit="file", file=sys.stderr, disable=not sys.stderr.isatty(), leave=False
        )
        sources = []
        with bar:
            for path in bar:
                bar.set_postfix_str(path, refresh=False)
                source = self.read_listed(listing, path, strict=strict, skipped=skipped)
                if source is not None:
                    sources.append(source)
        self.stdout.write(
            f"{url}: {len(sources) + len(skipped.unreadable)} season file(s) found "
            f"({listing.how}); {len(sources)} to import, {len(skipped.unreadable)} unreadable"
            + (f"; {listing.ignored} other file(s) ignored" if listing.ignored else "")
        )
        return sources

    def read_listed(self, listing: Listing, path: str, *, strict: bool, skipped: Skipped) -> Source | None:
        """The source at `path`, or None when it is skipped (and `skipped` says why) or, probed, absent."""
        location = f"{listing.base}/{path}"
        try:
            return parse_source(read_source(location), strict=strict)
        except Unreachable as error:
            # No answer at all: the other files would fare no better, and a partial import would mislead.
            raise ImportFailed(f"{error}; the repository cannot be reached") from None
        except NotFound:
            if not listing.probed:
                skipped.unreadable.append(f"{location}: listed, but the server answered 404")
            return None
        except ImportFailed as error:
            skipped.unreadable.append(str(error))
            return None

    def show(self, report: FileReport) -> None:
        for line in report.lines():
            self.stdout.write(line)

    def summarise(self, reports: list[FileReport], skipped: Skipped, seconds: float) -> None:
        totals = {name: sum(getattr(r, name) for r in reports) for name in ("created", "updated", "unchanged")}
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {len(reports)} file(s) in {seconds:.1f} s: {totals['created']} created, "
                f"{totals['updated']} updated, {totals['unchanged']} unchanged."
            )
        )
        for message in skipped.unreadable:
            self.stdout.write(f"Skipped {message}")
        set_aside = sum(len(report.set_aside) for report in reports)
        if set_aside or skipped.unreadable:
            problems = [f"{set_aside} record(s) set aside"] if set_aside else []
            problems += [f"{len(skipped.unreadable)} file(s) unreadable"] if skipped.unreadable else []
            raise CommandError(f"{' and '.join(problems)} (named above); everything else was imported.")
