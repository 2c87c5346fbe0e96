"""python manage.py import_openfootball FILE_OR_URL... [--competition CODE --season 2024-25]"""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from matches.importer import (
    OPENFOOTBALL_REPOSITORY,
    FileReport,
    ImportFailed,
    expand_locations,
    import_sources,
    parse_source,
    read_source,
)


class Command(BaseCommand):
    help = (
        "Load football.json files (paths or URLs). The competition and season come from each path "
        f"(2024-25/es.1.json) unless given. A repository URL such as {OPENFOOTBALL_REPOSITORY} loads "
        "the seasons Pressbox ships. Every file is checked before anything is written."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("locations", nargs="+", metavar="FILE_OR_URL")
        parser.add_argument("--competition", help="Competition code, e.g. es.1 (one file only).")
        parser.add_argument("--season", help="Season label, e.g. 2024-25 (one file only).")

    def handle(self, *args: object, **options: Any) -> None:
        started = time.perf_counter()
        locations = expand_locations(options["locations"])
        if (options["competition"] or options["season"]) and len(locations) != 1:
            raise CommandError("--competition and --season apply to a single file; give one file with them.")
        try:
            sources = [
                parse_source(read_source(loc, code=options["competition"], season=options["season"]))
                for loc in locations
            ]
        except ImportFailed as error:
            raise CommandError(f"Nothing was imported: {error}") from None
        reports = import_sources(sources, progress=self.show)
        self.summarise(reports, time.perf_counter() - started)

    def show(self, report: FileReport) -> None:
        self.stdout.write(
            f"{report.code} {report.season} ({report.source}): {report.matches} matches — "
            f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged"
            + (f"; {report.clubs_created} new clubs" if report.clubs_created else "")
        )

    def summarise(self, reports: list[FileReport], seconds: float) -> None:
        totals = {name: sum(getattr(r, name) for r in reports) for name in ("created", "updated", "unchanged")}
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {len(reports)} file(s) in {seconds:.1f} s: {totals['created']} created, "
                f"{totals['updated']} updated, {totals['unchanged']} unchanged."
            )
        )
