"""`manage.py extract_quotes FILE [--json]`: the DESIGN.md contract and clear errors.

The command reads the people in the database so that a surname resolves to its person: the tests use the
(empty unless a test adds someone) test database.
"""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from newsroom.quotes import extract_quotes
from people.models import Person

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("extract_quotes", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "piece.txt"
    text = "Pat Reyes spoke.\n\n\n“We go on,” Reyes said on Monday. “Always.”\n\n“We never stop.”\n"
    path.write_text(text, encoding="utf-8")
    return path


def test_json_contract(article: Path) -> None:
    assert json.loads(run(str(article), "--json")) == [
        {"text": "We go on, Always.", "speaker": "Pat Reyes", "paragraph": 1},
        {"text": "We never stop.", "speaker": "Pat Reyes", "paragraph": 2},
    ]


def test_speakers_resolve_to_the_people_in_the_database(tmp_path: Path) -> None:
    Person.objects.create(name="Patricia Reyes Ortiz", known_as="Patri Reyes", aliases=["La Jefa"])
    path = tmp_path / "people.txt"
    path.write_text(
        "“We go on,” Reyes said.\n“We stay,” La Jefa added.\n“Who knows,” Sam Reyes said.", encoding="utf-8"
    )
    assert [entry["speaker"] for entry in json.loads(run(str(path), "--json"))] == [
        "Patricia Reyes Ortiz",
        "Patricia Reyes Ortiz",
        "Sam Reyes",  # a namesake stays as printed
    ]


def test_json_option_as_keyword(article: Path) -> None:
    out = StringIO()
    call_command("extract_quotes", str(article), json=True, stdout=out)
    assert out.getvalue() == run(str(article), "--json")


def test_readable_listing(article: Path) -> None:
    listing = run(str(article))
    assert "2 quotes in" in listing
    assert "paragraph 1, Pat Reyes (Reyes said on Monday)" in listing
    assert "“We never stop.”" in listing


def test_no_quotes(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("\n\n   \n", encoding="utf-8")
    assert json.loads(run(str(path), "--json")) == []
    assert "No quotes found" in run(str(path))


def test_byte_order_mark_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("“We go on,” Reyes said.".encode("utf-8-sig"))
    assert json.loads(run(str(path), "--json")) == [{"text": "We go on,", "speaker": "Reyes", "paragraph": 0}]


def test_real_article_matches_the_library() -> None:
    path = Path(settings.SHARED_DIR) / "content" / "clasico-preview.txt"
    if not path.exists():
        pytest.skip(f"{path} is not available")
    printed = json.loads(run(str(path), "--json"))
    assert printed == [quote.as_json() for quote in extract_quotes(path.read_text(encoding="utf-8"))]
    assert [entry["speaker"] for entry in printed] == ["Carlo Ancelotti"] + ["Xabi Alonso"] * 5 + [
        "Carlo Ancelotti"
    ] * 2


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No such file"):
        run(str(tmp_path / "missing.txt"), "--json")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="is a directory"):
        run(str(tmp_path))


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\xe9 “ol\xe9”".encode("cp1252"))
    with pytest.raises(CommandError, match="is not UTF-8 text"):
        run(str(path), "--json")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Permission bits do not stop root (CI runs as root), so the refusal is simulated at the read.
    path = tmp_path / "secret.txt"
    path.write_text("text", encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(CommandError, match=r"Cannot read .*Permission denied"):
        run(str(path))


def test_errors_exit_non_zero_without_traceback(tmp_path: Path) -> None:
    # A database of its own: the one DATABASE_URL names for the tests may not exist outside them, and Django's
    # system checks connect to PostgreSQL before any command runs.
    env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"}
    command = [sys.executable, "manage.py", "extract_quotes", str(tmp_path / "missing.txt"), "--json"]
    result = subprocess.run(command, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "No such file" in result.stderr and "Traceback" not in result.stderr
