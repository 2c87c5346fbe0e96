"""import_openfootball pointed at a copy of openfootball's repository shaped like upstream: every season it
holds, those of competitions without known rules too, the self-contradicting records set aside and named,
the unreadable files skipped and said."""

import re
import socket
import sys
import threading
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from matches import importer, repository
from matches.models import Competition, Match, Season, Tie
from tests.upstream import ES_1_UPSTREAM, RAW, build_upstream, serve

pytestmark = pytest.mark.django_db

EVERYTHING_ELSE = 306 + 306 + 380 + ES_1_UPSTREAM + 380 + 189 - 2 + 1 + 1  # and Ligue 1's, Austria's


@pytest.fixture
def upstream(openfootball_dir: Path, tmp_path: Path, monkeypatch):
    """The base URL of a local server holding an upstream-shaped copy, standing in for GitHub too."""
    build_upstream(openfootball_dir, tmp_path)
    with serve(tmp_path) as base:
        monkeypatch.setattr(repository, "GITHUB_API", base)
        monkeypatch.setattr(repository, "RAW_GITHUB", base)
        yield base


def run(*locations: str) -> tuple[str, str, str | None]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_openfootball", *locations, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), str(error)
    return out.getvalue(), err.getvalue(), None


def assert_everything_else_imported(output: str, error: str | None, base: str) -> None:
    assert error == "2 record(s) set aside and 1 file(s) unreadable (named above); everything else was imported."
    assert Season.objects.count() == 8
    assert Match.objects.count() == EVERYTHING_ELSE
    assert f"set aside: {base}/2024-25/uefa.cl.json: match 170 (Finals, Round of 16, 2025-03-11, " in output
    assert f"set aside: {base}/2024-25/uefa.cl.json: match 175 (" in output
    assert "cannot end level (4-4)" in output
    assert Match.objects.filter(season__competition__code="fr.1", home__name="Le Havre AC").exists()
    austria = Competition.objects.get(code="at.1")  # no rules known: imported, ranked with the note
    assert austria.name == "Österr. Bundesliga"
    assert austria.tie_break_rules == Competition.TieBreakRules.UNKNOWN
    assert Match.objects.filter(season__competition=austria).count() == 1
    assert f"Skipped {base}/2022-23/en.1.json: invalid JSON" in output
    # The ties whose second legs were set aside have no winner; the others are settled.
    undecided = Tie.objects.filter(winner__isnull=True).values_list("club_b__name", flat=True)
    assert sorted(undecided) == ["Liverpool FC", "Real Madrid CF"] or sorted(undecided) == [
        "Club Atlético de Madrid",
        "Liverpool FC",
    ]
    assert Tie.objects.get(stage="final").winner.name == "Paris Saint-Germain FC"


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/openfootball/football.json",
        "https://github.com/openfootball/football.json.git",
        "https://raw.githubusercontent.com/openfootball/football.json/master",
    ],
)
def test_a_github_repository_is_listed_and_everything_readable_imported(upstream: str, url: str):
    output, _, error = run(url)

    assert "season file(s) found (listed by " in output
    assert "2 other file(s) ignored" in output  # the club list and the README
    assert_everything_else_imported(output, error, f"{upstream}/{RAW}")


def test_another_copy_is_probed_for_its_season_files(upstream: str):
    base = f"{upstream}/{RAW}"

    output, _, error = run(base)

    assert "possible season files)" in output
    assert_everything_else_imported(output, error, base)


def test_without_the_github_listing_the_usual_files_are_probed(upstream: str, monkeypatch):
    monkeypatch.setattr(repository, "GITHUB_API", f"{upstream}/no-api-here")

    output, err, error = run("https://github.com/openfootball/football.json")

    assert "answered 404" in err and "probing the usual season files instead" in err
    assert_everything_else_imported(output, error, f"{upstream}/{RAW}")


def test_importing_the_repository_twice_changes_nothing(upstream: str):
    run("https://github.com/openfootball/football.json")
    stamps = list(Match.objects.order_by("pk").values_list("updated_at", flat=True))

    output, _, _ = run("https://github.com/openfootball/football.json")

    assert f"0 created, 0 updated, {EVERYTHING_ELSE} unchanged" in output
    assert list(Match.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps


def test_a_download_past_the_size_bound_is_a_message(upstream: str, monkeypatch):
    monkeypatch.setattr(importer, "MAX_DOWNLOAD_BYTES", 1000)

    with pytest.raises(CommandError, match=r"es\.1\.json: larger than"):
        call_command("import_openfootball", f"{upstream}/{RAW}/2024-25/es.1.json", stdout=StringIO())


def test_a_server_that_never_answers_is_a_message(monkeypatch):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    accepted = []
    threading.Thread(target=lambda: accepted.append(silent.accept()), daemon=True).start()
    monkeypatch.setattr(importer, "DOWNLOAD_TIMEOUT", 0.5)
    url = f"http://127.0.0.1:{silent.getsockname()[1]}/2024-25/es.1.json"
    try:
        with pytest.raises(CommandError, match=r"cannot download .*timed out"):
            call_command("import_openfootball", url, stdout=StringIO())
    finally:
        silent.close()


def test_only_season_files_are_read_from_a_listing():
    assert repository.is_results_file("2024-25/es.1.json")
    assert repository.is_results_file("2024-25/uefa.cl.json")
    assert not repository.is_results_file("2024-25/en.1.clubs.json")
    assert not repository.is_results_file("2024-26/es.1.json")
    assert not repository.is_results_file("README.md")
    assert not repository.is_results_file("2024-25/sub/es.1.json")


def test_the_candidates_run_from_the_first_season_to_the_one_under_way():
    import datetime as dt

    paths = repository.candidate_paths(dt.date(2026, 11, 30))
    assert paths[0] == "2010-11/at.1.json"
    assert "2026-27/es.1.json" in paths and "2027-28/es.1.json" not in paths
    assert "2025-26/fr.1.json" in paths
    assert repository.candidate_paths(dt.date(2026, 3, 1))[-1].startswith("2025-26/")


class FakeTerminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_a_progress_bar_is_drawn_on_a_terminal_only(upstream: str, monkeypatch):
    terminal, pipe = FakeTerminal(), StringIO()
    for stream in (terminal, pipe):
        monkeypatch.setattr(sys, "stderr", stream)
        run(f"{upstream}/{RAW}")

    drawn = terminal.getvalue()
    assert re.search(r"Reading: +\d+%\|.*\| \d+/\d+ ", drawn)  # a bar, with how many of how many files
    assert re.search(r"file/s, \d{4}-\d{2}/[a-z0-9.]+\.json\]", drawn)  # the file being read, beside it
    assert "Reading" not in pipe.getvalue()


def test_a_repository_that_cannot_be_reached_is_one_message_and_nothing_imported(upstream: str):
    base = f"{upstream}/{RAW}"
    with serve(Path("/nonexistent")) as gone:
        pass  # the port is free again: nothing answers there

    with pytest.raises(CommandError, match=r"^Nothing was imported: .*cannot download .*cannot be reached$"):
        call_command("import_openfootball", base, gone + "/mirror", stdout=StringIO())

    assert not Match.objects.exists()
