import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from matches.models import Club, Competition, Match, Season, Tie

pytestmark = pytest.mark.django_db


def run_import(*locations: str, **options: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_openfootball", *locations, stdout=out, **options)
    return out.getvalue()


def test_imports_la_liga_with_its_clasico(openfootball_dir: Path):
    output = run_import(str(openfootball_dir / "2024-25" / "es.1.json"))

    season = Season.objects.get(competition__code="es.1", label="2024-25")
    assert season.matches.count() == 380
    assert season.clubs.count() == 20
    clasico = Match.objects.select_related("season__competition").get(
        season=season, home__name="FC Barcelona", away__name="Real Madrid CF", round_name="Matchday 35"
    )
    assert clasico.matchday == 35
    assert clasico.local_kickoff().strftime("%Y-%m-%d %H:%M") == "2025-05-11 16:15"
    assert (clasico.home_score, clasico.away_score, clasico.home_ht, clasico.away_ht) == (4, 3, 4, 2)
    assert clasico.status == Match.Status.FINISHED
    assert "380 created, 0 updated, 0 unchanged" in output
    assert season.competition.tie_break_rules == Competition.TieBreakRules.HEAD_TO_HEAD_FIRST


def test_a_club_is_one_row_across_files(openfootball_dir: Path):
    run_import(str(openfootball_dir / "2024-25" / "es.1.json"), str(openfootball_dir / "2024-25" / "uefa.cl.json"))

    barcelona = Club.objects.get(name="FC Barcelona")
    assert not Club.objects.filter(name__contains="(ESP)").exists()
    assert set(barcelona.seasons.values_list("competition__code", flat=True)) == {"es.1", "uefa.cl"}
    assert barcelona.country == "ESP"
    assert barcelona.short_name == "Barcelona"


def test_every_shipped_file_imports_with_its_match_count(openfootball_dir: Path):
    files = sorted(openfootball_dir.glob("*/*.json"))
    run_import(*map(str, files))

    counts = {
        f"{s.competition.code} {s.label}": s.matches.count() for s in Season.objects.select_related("competition")
    }
    assert counts == {
        "de.1 2023-24": 306,
        "de.1 2024-25": 306,
        "en.1 2024-25": 380,
        "es.1 2024-25": 380,
        "it.1 2024-25": 380,
        "uefa.cl 2024-25": 189,
    }
    # Leverkusen play in two Bundesliga seasons and the Champions League: still one club.
    assert Club.objects.filter(name="Bayer 04 Leverkusen").count() == 1


def test_awarded_match_keeps_the_awarded_score_apart(openfootball_dir: Path):
    run_import(str(openfootball_dir / "2024-25" / "de.1.json"))

    match = Match.objects.get(home__name="1. FC Union Berlin", away__name="VfL Bochum 1848")
    assert match.status == Match.Status.AWARDED
    assert match.counted_score == (0, 2)


def test_champions_league_knockout_ties_are_settled(openfootball_dir: Path):
    run_import(str(openfootball_dir / "2024-25" / "uefa.cl.json"))

    semi = Tie.objects.get(stage="semi_final", club_a__name="FC Barcelona")
    assert semi.club_b.name == "FC Internazionale Milano"
    assert semi.winner == semi.club_b
    assert semi.decided_by == Tie.DecidedBy.EXTRA_TIME
    second_leg = semi.matches.get(leg=2)
    assert (second_leg.home_score, second_leg.away_score, second_leg.home_et, second_leg.away_et) == (3, 3, 4, 3)
    final = Tie.objects.get(stage="final")
    assert final.legs == 1
    assert final.winner.name == "Paris Saint-Germain FC"
    shootouts = Tie.objects.filter(decided_by=Tie.DecidedBy.PENALTIES)
    assert {t.winner.name for t in shootouts} == {"Paris Saint-Germain FC", "Real Madrid CF"}


def test_importing_twice_changes_nothing(openfootball_dir: Path):
    path = str(openfootball_dir / "2024-25" / "es.1.json")
    run_import(path)
    before = list(Match.objects.order_by("pk").values())

    output = run_import(path)

    assert "0 created, 0 updated, 380 unchanged" in output
    assert list(Match.objects.order_by("pk").values()) == before


def test_a_corrected_score_updates_that_match_only(openfootball_dir: Path, tmp_path: Path):
    original = openfootball_dir / "2024-25" / "es.1.json"
    run_import(str(original))
    data = json.loads(original.read_text())
    data["matches"][0]["score"]["ft"] = [3, 1]
    corrected = tmp_path / "2024-25" / "es.1.json"
    corrected.parent.mkdir()
    corrected.write_text(json.dumps(data))

    output = run_import(str(corrected))

    assert "0 created, 1 updated, 379 unchanged" in output
    first = data["matches"][0]
    match = Match.objects.get(home__name=first["team1"], away__name=first["team2"], round_name=first["round"])
    assert (match.home_score, match.away_score) == (3, 1)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["matches"][5]["score"].update(ft=[-1, 0]), "match 6"),
        (lambda d: d["matches"][7].update(date="2024-02-30"), "match 8"),
        (lambda d: d["matches"][9].update(team2=d["matches"][9]["team1"]), "cannot play itself"),
        (lambda d: d.update(matches="nope"), "'matches' must be a list"),
    ],
)
def test_a_malformed_file_is_rejected_whole_when_strict(openfootball_dir: Path, tmp_path: Path, mutate, message):
    good = openfootball_dir / "2024-25" / "es.1.json"
    data = json.loads(good.read_text())
    mutate(data)
    bad = tmp_path / "2024-25" / "it.1.json"
    bad.parent.mkdir()
    bad.write_text(json.dumps(data))

    # The good file comes first: it must not be imported either.
    with pytest.raises(CommandError) as error:
        run_import(str(good), str(bad), strict=True)

    assert str(bad) in str(error.value)
    assert message in str(error.value)
    assert not Match.objects.exists()


def test_a_file_that_is_not_football_json_is_refused_whole_without_strict(openfootball_dir: Path, tmp_path: Path):
    good = openfootball_dir / "2024-25" / "es.1.json"
    bad = tmp_path / "2024-25" / "it.1.json"
    bad.parent.mkdir()
    bad.write_text(json.dumps({"matches": "nope"}))

    with pytest.raises(CommandError, match="'matches' must be a list"):
        run_import(str(good), str(bad))

    assert not Match.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("2024-25/FR 1.json", "{}", "file name 'FR 1.json' is not CODE.json"),
        ("misc/data.json", "{}", "folder .misc. is not a season like 2024-25"),
        ("2024-25/es.1.json", "{not json", "invalid JSON"),
    ],
)
def test_bad_sources_say_what_is_wrong(tmp_path: Path, name, content, message):
    path = tmp_path / name
    path.parent.mkdir(parents=True)
    path.write_text(content)

    with pytest.raises(CommandError, match=message):
        run_import(str(path))


def test_a_missing_file_is_a_clear_error(tmp_path: Path):
    with pytest.raises(CommandError, match="cannot read the file"):
        run_import(str(tmp_path / "2024-25" / "es.1.json"))


def test_competition_and_season_can_be_given(openfootball_dir: Path, tmp_path: Path):
    path = tmp_path / "laliga.json"
    shutil.copy(openfootball_dir / "2024-25" / "es.1.json", path)

    run_import(str(path), competition="es.1", season="2024-25")

    assert Season.objects.get(competition__code="es.1", label="2024-25").matches.count() == 380


def test_imports_from_a_file_url(openfootball_server: str):
    run_import(f"{openfootball_server}/2024-25/es.1.json")

    assert Match.objects.filter(season__competition__code="es.1").count() == 380


def test_a_repository_url_loads_every_shipped_season(openfootball_server: str):
    output = run_import(openfootball_server)

    assert Season.objects.count() == 6
    assert Match.objects.count() == 306 + 306 + 380 + 380 + 380 + 189
    assert "Imported 6 file(s)" in output


def test_a_url_that_fails_is_a_clear_error(openfootball_server: str):
    with pytest.raises(CommandError, match="404"):
        run_import(f"{openfootball_server}/1999-00/es.1.json")


def test_a_first_leg_alone_is_half_a_tie_everywhere(tmp_path: Path, client):
    """With only the first leg in the data, the tie has two legs and no winner: the match page names no one
    going through and the season page says who leads after the first leg (one rule, matches.knockout)."""
    first_leg = {
        "round": "Semi-finals, 1st Leg",
        "date": "2025-04-30",
        "time": "21:00",
        "team1": "FC Barcelona (ESP)",
        "team2": "FC Internazionale Milano (ITA)",
        "score": {"ht": [1, 1], "ft": [2, 1]},
    }
    path = tmp_path / "2024-25" / "uefa.cl.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"name": "Champions League 2024/25", "matches": [first_leg]}))
    run_import(str(path))

    tie = Tie.objects.get()
    assert (tie.legs, tie.winner, tie.decided_by) == (2, None, "")
    match = Match.objects.get()
    match_page = client.get(match.get_absolute_url()).content.decode()
    assert "go through" not in match_page
    season_page = client.get(match.season.get_absolute_url()).content.decode()
    assert "Barcelona lead 2\u20131 after the first leg" in season_page
