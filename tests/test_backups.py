"""Backup and restore end to end (newsroom/backups.py): back up the test database, restore it into a fresh one, and
serve a page and the API from the restored copy in a process of its own, as a restored site would run. On
PostgreSQL with pg_dump and pg_restore (CI's run), on SQLite with its backup API."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from matches.models import Club, Match
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(settings.BASE_DIR)
# Run in the restored site: its migrations are all applied, then what it serves.
SERVE_FROM_THE_RESTORED_DATABASE = """
import json
from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_test_environment
from matches.models import Club, Match
from newsroom.models import Article, Quote

setup_test_environment()
call_command("migrate", check=True, verbosity=0)
client = Client()
page = client.get("/clubs/real-madrid-cf/")
api = client.get("/api/v1/clubs/real-madrid-cf")
story = client.get(Article.objects.get().get_absolute_url())
print(json.dumps({
    "rows": [Club.objects.count(), Match.objects.count(), Article.objects.count(), Quote.objects.count()],
    "page": [page.status_code, "Real Madrid CF" in page.content.decode()],
    "api": [api.status_code, api.json().get("name")],
    "story": [story.status_code, "Madrid hold their nerve" in story.content.decode()],
}))
"""


@pytest.fixture
def fresh_database(tmp_path) -> Iterator[str]:
    """An empty database beside the test's, as a DATABASE_URL."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    params = connection.settings_dict
    name = f"{params['NAME']}_restored"
    admin = {"host": params["HOST"], "port": params["PORT"], "user": params["USER"], "password": params["PASSWORD"]}
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.execute(f'CREATE DATABASE "{name}"')
    password = f":{quote(params['PASSWORD'])}" if params["PASSWORD"] else ""
    yield f"postgres://{params['USER']}{password}@{params['HOST']}:{params['PORT']}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def newsroom() -> None:
    madrid = factories.ClubFactory(name="Real Madrid CF", slug="real-madrid-cf")
    match = factories.MatchFactory(home=madrid, played=True)
    article = factories.ArticleFactory(published=True, headline="Madrid hold their nerve", match=match)
    factories.QuoteFactory(source_article=article, match=match)


def manage(database_url: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_DEBUG": "1"}
    env.pop("REDIS_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_a_backup_restored_into_a_fresh_database_serves_the_site(newsroom, fresh_database, tmp_path):
    backup = tmp_path / "pressbox.backup"

    call_command("backup", str(backup))
    restored = manage(fresh_database, "restore", str(backup), "--no-input")
    served = manage(fresh_database, "shell", "--no-imports", "-c", SERVE_FROM_THE_RESTORED_DATABASE)

    assert restored.returncode == 0, restored.stderr
    assert served.returncode == 0, served.stderr
    answer = json.loads(served.stdout.strip().splitlines()[-1])
    assert answer["rows"] == [Club.objects.count(), Match.objects.count(), 1, 1]
    assert answer["page"] == [200, True]
    assert answer["api"] == [200, "Real Madrid CF"]
    assert answer["story"] == [200, True]


def test_a_file_that_is_no_backup_restores_nothing(newsroom, tmp_path):
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a backup\n" * 100)

    with pytest.raises(CommandError, match="Nothing restored"):
        call_command("restore", str(junk), interactive=False)

    assert Club.objects.filter(slug="real-madrid-cf").exists()


def test_a_missing_backup_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="There is no backup file"):
        call_command("restore", str(tmp_path / "missing.backup"), interactive=False)


def test_a_restore_with_no_answer_at_its_prompt_restores_nothing(newsroom, tmp_path, monkeypatch):
    backup = tmp_path / "real.backup"
    call_command("backup", str(backup))

    def closed(prompt: str) -> str:
        raise EOFError  # the input closed, as under make without a terminal

    monkeypatch.setattr("builtins.input", closed)
    with pytest.raises(CommandError, match="Nothing restored"):
        call_command("restore", str(backup))
    assert Club.objects.filter(slug="real-madrid-cf").exists()


def test_a_missing_backup_file_is_named_before_anything_is_asked(tmp_path, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: pytest.fail("asked before checking the file"))
    with pytest.raises(CommandError, match="There is no backup file"):
        call_command("restore", str(tmp_path / "missing.backup"))
