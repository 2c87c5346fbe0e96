"""`python manage.py restore FILE`: replace the database's contents with a backup (README, Backups).

Into a newer release, run `python manage.py migrate` after: the backup holds the schema of the release that
wrote it, with its migration history, and migrate brings it up to date.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from newsroom.backups import BackupError, require_backup_file, restore


class Command(BaseCommand):
    help = "Replace everything in the database with the backup in FILE (from `manage.py backup`); then migrate."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="a backup written by `manage.py backup`")
        parser.add_argument("--database", default="default", help="the database's alias in settings")
        parser.add_argument("--no-input", "--noinput", action="store_false", dest="interactive")

    def handle(self, *args: object, file: Path, database: str, interactive: bool, **options: object) -> None:
        name = connections[database].settings_dict["NAME"]
        try:
            require_backup_file(file)  # before asking: a mistyped name is said at once
        except BackupError as error:
            raise CommandError(f"Nothing restored: {error}") from None
        if interactive and not confirmed(f"Replace everything in the database {name} with {file}? Type 'yes': "):
            raise CommandError("Nothing restored.")
        try:
            restore(file, alias=database)
        except (BackupError, OSError) as error:
            raise CommandError(f"Nothing restored: {error}") from None
        self.stdout.write(f"Restored {name} from {file}. Next: python manage.py migrate")


def confirmed(question: str) -> bool:
    """'yes' typed at the prompt; no answer at all (input closed, Ctrl-C) is a no."""
    try:
        return input(question) == "yes"
    except (EOFError, KeyboardInterrupt):
        return False
