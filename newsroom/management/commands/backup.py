"""`python manage.py backup FILE`: the whole database in one file, while the site keeps serving (README, Backups)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from newsroom.backups import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database to FILE: pg_dump's custom format on PostgreSQL, a copy of the file on SQLite."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="where to write the backup (replaced if it exists)")
        parser.add_argument("--database", default="default", help="the database's alias in settings")

    def handle(self, *args: object, file: Path, database: str, **options: object) -> None:
        try:
            backup(file, alias=database)
        except (BackupError, OSError) as error:
            raise CommandError(f"No backup written: {error}") from None
        self.stdout.write(f"Backed up the database to {file} ({file.stat().st_size:,} bytes).")
