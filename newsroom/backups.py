"""Backing up and restoring the newsroom's database (`manage.py backup` and `manage.py restore`, README).

On PostgreSQL, PostgreSQL's own tools: pg_dump in its custom format (compressed, restorable table by table) and
pg_restore, connecting as the settings do. On SQLite, SQLite's online backup API, which copies a consistent
database while the site runs. Uploaded pictures are files under MEDIA_ROOT, not rows: they are backed up beside
the dump, not in it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import connections

POSTGRESQL = "django.db.backends.postgresql"
SQLITE = "django.db.backends.sqlite3"


class BackupError(Exception):
    """A backup or restore that did not happen, with the reason in words an operator can act on."""


def backup(path: Path, *, alias: str = "default") -> None:
    """Write the whole database `alias` to `path` (created or replaced) while the site keeps serving."""
    engine = connections[alias].settings_dict["ENGINE"]
    if engine == POSTGRESQL:
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={path}"]
        run(command, connections[alias].settings_dict)
    elif engine == SQLITE:
        target = sqlite3.connect(path)
        try:
            live_sqlite(alias).backup(target)
        finally:
            target.close()
    else:
        raise BackupError(f"Backups know PostgreSQL and SQLite, not {engine}.")


def require_backup_file(path: Path) -> None:
    if not path.is_file():
        raise BackupError(f"There is no backup file {path}.")


def restore(path: Path, *, alias: str = "default") -> None:
    """Replace everything in the database `alias` with the backup at `path`, in one transaction: a backup that
    cannot be read changes nothing. Precondition: nothing else writes to the database meanwhile."""
    require_backup_file(path)
    engine = connections[alias].settings_dict["ENGINE"]
    if engine == POSTGRESQL:
        connections[alias].close()
        settings = connections[alias].settings_dict
        command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction"]
        run([*command, "--exit-on-error", f"--dbname={settings['NAME']}", str(path)], settings)
    elif engine == SQLITE:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.execute("SELECT count(*) FROM sqlite_master")
            source.backup(live_sqlite(alias))
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{path} is not a SQLite backup: {error}.") from None
        finally:
            source.close()
    else:
        raise BackupError(f"Backups know PostgreSQL and SQLite, not {engine}.")


def live_sqlite(alias: str) -> sqlite3.Connection:
    connection = connections[alias]
    connection.ensure_connection()
    return connection.connection


def run(command: list[str], settings: dict[str, Any]) -> None:
    """Run a PostgreSQL client tool against the database `settings` name; its own message on failure."""
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed: install PostgreSQL's client tools (postgresql-client).")
    done = subprocess.run(command, env=libpq_environment(settings), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip() or done.stdout.strip()}")


def libpq_environment(settings: dict[str, Any]) -> dict[str, str]:
    """The connection as PostgreSQL's tools read it, from the environment (a password never on a command line)."""
    values = {
        "PGHOST": settings.get("HOST"),
        "PGPORT": settings.get("PORT"),
        "PGUSER": settings.get("USER"),
        "PGPASSWORD": settings.get("PASSWORD"),
        "PGDATABASE": settings.get("NAME"),
    }
    return {**os.environ, **{name: str(value) for name, value in values.items() if value}}
