"""`manage.py import_article FILE [--match ID] [--kind preview] [--headline ...] [--date ...]`: a plain-text
article becomes a draft with its quotes suggested; running it twice changes nothing; bad input is a
CommandError that says what is wrong, and nothing is stored."""

import datetime
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from newsroom.models import Article, Quote
from tests.factories import ArticleFactory, ClubFactory, MatchFactory, PersonFactory

pytestmark = pytest.mark.django_db

PREVIEW = (
    "Reyes wants a reaction at the Olímpic\n"
    "\n"
    "Barcelona host Real Madrid on Sunday with the title in sight.\n"
    "“We have to win the four games that are left,” Pat Reyes said on Friday.\n"
)


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_article", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def preview(tmp_path: Path) -> Path:
    path = tmp_path / "preview.txt"
    path.write_text(PREVIEW, encoding="utf-8")
    return path


@pytest.fixture
def reyes():
    return PersonFactory(name="Pat Reyes", slug="pat-reyes", aliases=["Reyes"])


def nothing_stored() -> bool:
    return not Article.objects.exists() and not Quote.objects.exists()


def test_the_first_line_is_the_headline_and_the_rest_the_body(preview: Path) -> None:
    output = run(str(preview))
    article = Article.objects.get()
    assert article.headline == "Reyes wants a reaction at the Olímpic"
    assert article.slug == "reyes-wants-a-reaction-at-the-olimpic"
    assert (article.kind, article.status, article.match) == (Article.Kind.NEWS, Article.Status.DRAFT, None)
    assert article.body.startswith("Barcelona host Real Madrid on Sunday with the title in sight.\n\n“We have")
    assert "Reyes wants a reaction" not in article.body
    assert f"Draft {article.pk} “Reyes wants a reaction at the Olímpic”" in output


def test_headline_option_keeps_the_first_line_as_body(preview: Path) -> None:
    run(str(preview), "--headline", "  Title in sight  ")
    article = Article.objects.get()
    assert (article.headline, article.slug) == ("Title in sight", "title-in-sight")
    assert article.body.startswith("Reyes wants a reaction at the Olímpic\n\nBarcelona host")


def test_match_option_links_the_match_its_competition_and_clubs(preview: Path) -> None:
    home, away = ClubFactory(name="Barcelona"), ClubFactory(name="Real Madrid")
    match = MatchFactory(home=home, away=away)
    MatchFactory()  # another match, not to be linked
    run(str(preview), "--match", str(match.pk), "--kind", "preview")
    article = Article.objects.get()
    assert (article.match, article.competition, article.kind) == (match, match.season.competition, "preview")
    assert set(article.clubs.all()) == {home, away}


def test_quotes_are_suggested_and_attributed_to_a_known_person(preview: Path, reyes) -> None:
    match = MatchFactory()
    output = run(str(preview), "--match", str(match.pk), "--date", "2025-05-09")
    article = Article.objects.get()
    [quote] = Quote.objects.all()
    assert quote.text == "We have to win the four games that are left,"
    assert (quote.speaker, quote.speaker_name) == (reyes, reyes.name)  # the name as printed is always stored
    assert (quote.source_article, quote.match, quote.paragraph) == (article, match, 1)
    assert quote.verification == Quote.Verification.UNVERIFIED
    assert quote.said_on == datetime.date(2025, 5, 9)  # "said on Friday", the piece dated Friday 9 May
    assert "with 1 quote" in output


def test_a_speaker_not_in_the_archive_is_kept_by_name(tmp_path: Path) -> None:
    path = tmp_path / "piece.txt"
    path.write_text("Headline\n“We go on,” said Sam Other.\n", encoding="utf-8")
    run(str(path))
    quote = Quote.objects.get()
    assert (quote.speaker, quote.speaker_name) == (None, "Sam Other")


def test_a_second_run_changes_nothing_and_says_so(preview: Path, reyes) -> None:
    run(str(preview), "--date", "2025-05-09")
    article = Article.objects.get()
    before = (article.updated_at, list(Quote.objects.values_list("pk", "text", "speaker", "said_on")))
    output = run(str(preview), "--date", "2025-05-09", "--kind", "preview")
    assert f"Already imported as article {article.pk}" in output and "nothing changed" in output
    [again] = Article.objects.all()
    assert (again.pk, again.kind, again.updated_at) == (article.pk, Article.Kind.NEWS, before[0])
    assert list(Quote.objects.values_list("pk", "text", "speaker", "said_on")) == before[1]


def test_an_existing_article_with_the_same_slug_is_left_as_the_editors_made_it(preview: Path) -> None:
    edited = ArticleFactory(headline="Reyes wants a reaction at the Olímpic", body="Edited by the desk.")
    assert "nothing changed" in run(str(preview))
    edited.refresh_from_db()
    assert edited.body == "Edited by the desk."
    assert Article.objects.count() == 1 and not Quote.objects.exists()


def test_a_byte_order_mark_is_not_part_of_the_headline(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(PREVIEW.encode("utf-8-sig"))
    run(str(path))
    assert Article.objects.get().headline == "Reyes wants a reaction at the Olímpic"


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        pytest.param(None, (), r"missing\.txt: cannot read the file \(No such file or directory\)", id="missing file"),
        pytest.param(b"", (), "The article is empty", id="empty file"),
        pytest.param(b"\n  \n\t\n", (), "The article is empty", id="blank lines only"),
        pytest.param(b"Only a headline\n", (), "at least one paragraph of body", id="headline only"),
        pytest.param(b"Body text\n", ("--headline", "   "), "needs a headline", id="blank headline option"),
        pytest.param(b"!!!\nBody text\n", (), "no usable URL slug", id="headline without a slug"),
        pytest.param(b"Headline\nBody\x00text\n", (), r"NUL byte .*line 2", id="NUL byte"),
        pytest.param(b"Headline\nCaf\xe9 ol\xe9\n", (), r"not UTF-8 text \(invalid byte at offset 12\)", id="cp1252"),
        pytest.param(b"Headline\nBody\n", ("--match", "999999"), "There is no match with id 999999", id="no match"),
        pytest.param(b"Headline\nBody\n", ("--match", str(2**70)), "There is no match with id", id="huge match id"),
        pytest.param(b"Headline\nBody\n", ("--match", "Barcelona"), "argument --match: invalid int", id="match id"),
        pytest.param(b"Headline\nBody\n", ("--kind", "opinion"), r"--kind: invalid choice: 'opinion'", id="kind"),
        pytest.param(b"Headline\nBody\n", ("--date", "09/05/2025"), "not a date written YYYY-MM-DD", id="date"),
        pytest.param(b"Headline\nBody\n", ("--date", "2025-02-30"), "not a date written YYYY-MM-DD", id="no day"),
    ],
)
def test_bad_input_is_a_command_error_and_stores_nothing(tmp_path: Path, content, args, message) -> None:
    path = tmp_path / "missing.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(str(path), *args)
    assert nothing_stored()


def test_a_directory_is_not_an_article(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"cannot read the file \(Is a directory\)"):
        run(str(tmp_path))
    assert nothing_stored()


def test_an_unreadable_file_says_why(preview: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Permission bits do not stop root (CI runs as root), so the refusal is simulated at the read.
    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(CommandError, match=r"preview\.txt: cannot read the file \(Permission denied\)"):
        run(str(preview))
    assert nothing_stored()


def test_errors_exit_non_zero_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(b"Headline\nBody\x00text\n")
    # A database of its own, never one that matters, in case the check fails after a write.
    env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'scratch.sqlite3'}"}
    command = [sys.executable, "manage.py", "import_article", str(path)]
    result = subprocess.run(command, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "NUL byte" in result.stderr and "Traceback" not in result.stderr
