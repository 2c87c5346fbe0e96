"""Imports that never leave a user with nothing: records set aside and named, one result per fixture, the
database's refusals caught as messages, and one transaction for everything given together."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import DataError

from matches import importer
from matches.models import Match, Season, Tie

pytestmark = pytest.mark.django_db

UPSTREAM_SHOOT_OUTS = (170, 175)  # Liverpool v PSG and Atlético v Real Madrid, recorded 4-4 upstream


def run(*locations: str, **options: object) -> tuple[str, str | None]:
    """The command's output and its error (None when it exited zero)."""
    out = StringIO()
    try:
        call_command("import_openfootball", *locations, stdout=out, stderr=StringIO(), **options)
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), None


def write(path: Path, data: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))
    return path


def upstream_champions_league(openfootball_dir: Path) -> dict:
    data = json.loads((openfootball_dir / "2024-25" / "uefa.cl.json").read_text())
    for index in UPSTREAM_SHOOT_OUTS:
        data["matches"][index - 1]["score"]["p"] = [4, 4]
    return data


def test_drawn_shoot_outs_are_set_aside_and_the_rest_imported(openfootball_dir: Path, tmp_path: Path):
    path = write(tmp_path / "2024-25" / "uefa.cl.json", upstream_champions_league(openfootball_dir))

    output, error = run(str(path))

    assert error is not None and "2 record(s) set aside" in error
    assert (
        f"set aside: {path}: match 170 (Finals, Round of 16, 2025-03-11, Liverpool FC v Paris Saint-Germain FC): "
        in output
    )
    assert "cannot end level (4-4)" in output
    assert f"set aside: {path}: match 175 (" in output
    assert Match.objects.count() == 189 - 2
    # A tie whose second leg is set aside has no winner: the first leg alone is half a tie.
    liverpool_psg = Tie.objects.get(club_a__name="Paris Saint-Germain FC", club_b__name="Liverpool FC")
    assert (liverpool_psg.legs, liverpool_psg.winner, liverpool_psg.decided_by) == (2, None, "")
    # Ties untouched by the set-aside records are settled as ever.
    final = Tie.objects.get(stage="final")
    assert final.winner.name == "Paris Saint-Germain FC"


@pytest.mark.parametrize(
    ("index", "change", "reason"),
    [
        (6, {"score": {"ft": [-1, 0]}}, "non-negative integers"),
        (8, {"date": "2024-02-30"}, "date must be a real date"),
        (10, {"score": {"ft": [2, 1], "et": [3, 1]}}, "no extra time in a match that counts in a table"),
        (12, {"score": {"ft": [40000, 0]}}, "more than 99 goals"),
        (14, {"team1": "FC Barcelona\x00"}, "control characters"),
        (16, {"team2": "Real " + "Madrid " * 21}, "at most 100 characters"),
        (18, {"team1": "Club \ud800"}, "lone surrogate"),
    ],
)
def test_a_record_that_contradicts_itself_or_the_database_is_set_aside_by_name(
    openfootball_dir: Path, tmp_path: Path, index, change, reason
):
    data = json.loads((openfootball_dir / "2024-25" / "es.1.json").read_text())
    data["matches"][index - 1].update(change)
    path = write(tmp_path / "2024-25" / "es.1.json", data)

    output, error = run(str(path))

    assert error == "1 record(s) set aside (named above); everything else was imported."
    [line] = [line for line in output.splitlines() if "set aside:" in line]
    assert line.startswith(f"  set aside: {path}: match {index} (Matchday ")
    assert reason in line
    assert Match.objects.count() == 379


def test_strict_refuses_the_whole_file(openfootball_dir: Path, tmp_path: Path):
    path = write(tmp_path / "2024-25" / "uefa.cl.json", upstream_champions_league(openfootball_dir))

    _, error = run(str(path), strict=True)

    assert error is not None and f"Nothing was imported: {path}: match 170 (" in error
    assert not Match.objects.exists()


def test_two_results_for_one_fixture_in_a_file_are_refused(openfootball_dir: Path, tmp_path: Path):
    data = json.loads((openfootball_dir / "2024-25" / "es.1.json").read_text())
    # The same meeting again, under another name for the same round, with another result.
    again = dict(data["matches"][0], round=f"League, {data['matches'][0]['round']}", score={"ft": [5, 5]})
    data["matches"].append(again)
    path = write(tmp_path / "2024-25" / "es.1.json", data)

    _, error = run(str(path))

    assert error is not None
    assert f"{path}: match 381 (" in error
    assert "is already match 1: one fixture cannot have two results" in error
    assert not Match.objects.exists()


def test_two_files_giving_one_fixture_different_results_are_refused(openfootball_dir: Path, tmp_path: Path):
    data = json.loads((openfootball_dir / "2024-25" / "es.1.json").read_text())
    first = write(tmp_path / "a" / "2024-25" / "es.1.json", {"matches": data["matches"][:10]})
    corrected = dict(data["matches"][3], score={"ft": [9, 0]})
    second = write(tmp_path / "b" / "2024-25" / "es.1.json", {"matches": [corrected]})

    _, error = run(str(first), str(second))

    assert error is not None and f"{second}: match 1 (" in error
    assert f"is already match 4 of {first}" in error
    assert not Match.objects.exists()


def test_a_season_label_the_database_cannot_hold_is_a_message(openfootball_dir: Path):
    _, error = run(str(openfootball_dir / "2024-25" / "es.1.json"), season="2024-2025")

    assert error is not None and "'2024-2025' is not a season (write 2024-25" in error
    assert not Season.objects.exists()


def test_a_long_club_name_keeps_a_short_name_the_database_can_hold():
    name = "FC " + "Sporting Club de Lisboa e Benfica " * 2
    assert importer.short_name(name) == ""
    assert importer.short_name("FC Barcelona") == "Barcelona"


def test_a_failure_on_the_second_file_leaves_the_first_uncommitted(openfootball_dir: Path, monkeypatch):
    real = importer.ensure_clubs

    def refuse_la_liga(parsed, *args, **kwargs):
        if parsed.source.endswith("es.1.json"):
            raise DataError("value too long for type character varying(100)")
        return real(parsed, *args, **kwargs)

    monkeypatch.setattr(importer, "ensure_clubs", refuse_la_liga)
    first, second = openfootball_dir / "2024-25" / "de.1.json", openfootball_dir / "2024-25" / "es.1.json"

    output, error = run(str(first), str(second))

    assert "de.1 2024-25" in output  # the first file was written...
    assert error == (
        f"Nothing was imported: {second}: the database refused it (value too long for type character "
        "varying(100)); nothing was imported"
    )
    assert not Match.objects.exists()  # ...and rolled back with the second
    assert not Season.objects.exists()
