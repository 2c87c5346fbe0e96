"""Competitions beyond the shipped five, from small constructed football.json files: an unknown competition
imported and honestly ranked, matches cancelled or abandoned, seasons cut short, leagues that split, point
deductions under the new rules, and `decided_by` on every row of every rule set's table in the API."""

import datetime as dt
import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from matches.display import SCORE_DASH
from matches.models import Competition, Match, Season
from matches.standings import EDITIONS, rules_for
from matches.tables import season_table
from tests import factories

pytestmark = pytest.mark.django_db

STANDINGS = "/api/v1/competitions/{code}/seasons/{season}/standings"


def record(day: int, home: str, away: str, ft: tuple[int, int] | None = None, **extra: object) -> dict:
    """A football.json match of matchday `day` (one round a week from 3 August 2019)."""
    date = dt.date(2019, 8, 3) + dt.timedelta(weeks=day - 1)
    score = {"score": {"ft": list(ft)}} if ft else {}
    return {"round": f"Matchday {day}", "date": date.isoformat(), "team1": home, "team2": away, **score, **extra}


def write(tmp_path: Path, relative: str, matches: list[dict], name: str | None = None) -> Path:
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"name": name, "matches": matches} if name else {"matches": matches}))
    return path


def run_import(*paths: Path) -> str:
    out = StringIO()
    call_command("import_openfootball", *map(str, paths), stdout=out)
    return out.getvalue()


def standings(client, code: str, season: str) -> dict:
    response = client.get(STANDINGS.format(code=code, season=season))
    assert response.status_code == 200, response.content
    return response.json()


def season_page(client, code: str, label: str, query: str = "") -> str:
    response = client.get(f"/competitions/{code}/{label}/{query}")
    assert response.status_code == 200
    return response.content.decode()


# Alpha and Beta finish level on 4 points and goal difference 0; Beta took 4 points of 6 from their meetings,
# Alpha scored more goals. A competition with unknown rules must not apply head-to-head.
LEVEL_PAIR = [
    record(1, "Beta", "Alpha", (1, 0)),
    record(2, "Alpha", "Beta", (0, 0)),
    record(3, "Alpha", "Xa", (3, 2)),
    record(3, "Beta", "Xb", (1, 2)),
]


def test_an_unknown_competition_is_imported_named_from_its_file_and_ranked_honestly(client, tmp_path):
    path = write(tmp_path, "2019-20/xy.1.json", LEVEL_PAIR, name="Testland First Division 2019/20")
    run_import(path)

    competition = Competition.objects.get(code="xy.1")
    assert competition.name == "Testland First Division"
    assert competition.tie_break_rules == Competition.TieBreakRules.UNKNOWN
    body = standings(client, "xy.1", "2019-20")
    assert [(row["club"]["name"], row["decided_by"]) for row in body["rows"][:2]] == [
        ("Alpha", "goals_for"),
        ("Beta", "goals_for"),
    ]
    assert body["rules_known"] is False and body["ranked_by"] == "points"
    assert any("official tie-breaks of this competition are not known" in note for note in body["notes"])
    html = season_page(client, "xy.1", "2019-20")
    assert "Testland First Division" in html
    assert "official tie-breaks of this competition are not known" in html


def test_an_unknown_competition_without_a_name_takes_its_code(tmp_path):
    run_import(write(tmp_path, "2019-20/zz.3.json", LEVEL_PAIR))
    assert Competition.objects.get(code="zz.3").name == "zz.3"


def test_a_known_league_gets_its_name_country_time_zone_and_rules(client, tmp_path):
    run_import(write(tmp_path, "2023-24/pt.1.json", LEVEL_PAIR, name="Portugal Primeira Liga 2023/24"))

    competition = Competition.objects.get(code="pt.1")
    assert (competition.name, competition.country, competition.timezone) == (
        "Primeira Liga",
        "Portugal",
        "Europe/Lisbon",
    )
    body = standings(client, "pt.1", "2023-24")
    # Primeira Liga: the meetings between the clubs first.
    assert [(row["club"]["name"], row["decided_by"]) for row in body["rows"][:2]] == [
        ("Beta", "head_to_head_points"),
        ("Alpha", "head_to_head_points"),
    ]
    assert body["rules"] == rules_for("primeira_liga", "2023-24").name and body["rules_known"] is True


def test_a_competition_code_that_cannot_be_one_is_refused(tmp_path):
    from django.core.management import CommandError

    path = write(tmp_path, "results.json", LEVEL_PAIR)
    with pytest.raises(CommandError, match="is not a competition code"):
        call_command("import_openfootball", str(path), competition="Ligue 1", season="2019-20", stdout=StringIO())
    assert not Competition.objects.exists()


# ---- Matches cancelled, abandoned, postponed --------------------------------------------------------------


def test_cancelled_and_abandoned_matches_are_kept_and_left_out_of_the_table(client, tmp_path):
    matches = [
        record(1, "Alpha", "Beta", (2, 0)),
        record(1, "Gamma", "Delta", status="canceled"),
        record(2, "Beta", "Gamma", (3, 1), status="Abandoned"),
        record(2, "Delta", "Alpha", status="postponed"),
        record(3, "Alpha", "Gamma"),
    ]
    run_import(write(tmp_path, "2019-20/en.2.json", matches))

    status = dict(Match.objects.values_list("home__name", "status"))
    assert status == {"Alpha": "scheduled", "Gamma": "cancelled", "Beta": "abandoned", "Delta": "postponed"}
    abandoned = Match.objects.get(home__name="Beta")
    assert (abandoned.home_score, abandoned.away_score) == (3, 1)  # where it stopped; no result

    season = Season.objects.select_related("competition").get(competition__code="en.2")
    table = season_table(season)
    played = {row.club: (row.played, row.points) for row in table.rows}
    assert played == {"alpha": (1, 3), "beta": (1, 0), "gamma": (0, 0), "delta": (0, 0)}
    left = {facts.club: facts.matches_left for facts in table.race()}
    # Gamma's cancelled and abandoned matches are not left to play; Alpha's postponed one is.
    assert left == {"alpha": 2, "beta": 0, "gamma": 1, "delta": 1}

    html = client.get(abandoned.get_absolute_url()).content.decode()
    assert f"This match was abandoned at 3{SCORE_DASH}1: it does not count in the table." in html
    assert f">3{SCORE_DASH}1<" not in html  # no result is shown for it
    cancelled = Match.objects.get(home__name="Gamma")
    assert "This match was cancelled" in client.get(cancelled.get_absolute_url()).content.decode()
    round_one = season_page(client, "en.2", "2019-20", "?round=1")
    assert '<span class="badge">Cancelled</span>' in round_one
    assert '<span class="badge">Abandoned</span>' in season_page(client, "en.2", "2019-20", "?round=2")


def test_a_cancelled_match_with_a_score_is_set_aside_naming_the_record(tmp_path):
    from django.core.management import CommandError

    path = write(
        tmp_path,
        "2019-20/en.2.json",
        [record(1, "Alpha", "Beta", (1, 0), status="cancelled"), record(1, "Gamma", "Delta", (2, 0))],
    )
    out = StringIO()
    with pytest.raises(CommandError, match=r"1 record\(s\) set aside"):
        call_command("import_openfootball", str(path), stdout=out)
    assert re.search(r"set aside: .*en\.2\.json: match 1 .*a cancelled match has no score", out.getvalue())
    assert list(Match.objects.values_list("home__name", flat=True)) == ["Gamma"]  # the rest is imported
    with pytest.raises(CommandError, match=r"match 1 .*a cancelled match has no score"):
        call_command("import_openfootball", str(path), "--strict", stdout=StringIO())


# ---- Seasons cut short ------------------------------------------------------------------------------------

# Alpha: 11 points from 5 matches (2.20 a game); Beta: 12 from 6 (2.00). Three matches were never played.
UNEVEN = [
    record(1, "Alpha", "Gamma", (1, 0)),
    record(2, "Alpha", "Delta", (1, 0)),
    record(3, "Gamma", "Alpha", (0, 1)),
    record(4, "Delta", "Alpha", (0, 0)),
    record(5, "Alpha", "Epsilon", (0, 0)),
    record(1, "Beta", "Epsilon", (1, 0)),
    record(2, "Epsilon", "Beta", (0, 1)),
    record(3, "Beta", "Delta", (1, 0)),
    record(4, "Beta", "Gamma", (0, 0)),
    record(5, "Gamma", "Beta", (0, 0)),
    record(6, "Delta", "Beta", (0, 0)),
    record(6, "Epsilon", "Alpha"),
    record(7, "Alpha", "Beta"),
    record(7, "Beta", "Alpha"),
]


def test_ligue_1_2019_20_is_the_table_the_lfp_decided_on_points_per_game(client, tmp_path):
    run_import(write(tmp_path, "2019-20/fr.1.json", UNEVEN, name="Ligue 1 2019/20"))

    body = standings(client, "fr.1", "2019-20")
    assert body["ranked_by"] == "points_per_game"
    rows = [(row["club"]["name"], row["points"], row["played"], row["decided_by"]) for row in body["rows"][:2]]
    assert rows == [("Alpha", 11, 5, "points_per_game"), ("Beta", 12, 6, "points_per_game")]
    assert any("LFP decided the final table on points per game" in note for note in body["notes"])
    html = season_page(client, "fr.1", "2019-20")
    assert "LFP decided the final table on points per game" in html and ">2.20<" in html

    season = Season.objects.select_related("competition").get(competition__code="fr.1")
    assert all(facts.matches_left == 0 for facts in season_table(season).race())


def test_an_editor_marks_a_season_cut_short(client, tmp_path):
    run_import(write(tmp_path, "2019-20/tr.1.json", UNEVEN))
    season = Season.objects.select_related("competition").get(competition__code="tr.1")
    assert [row.club for row in season_table(season).rows[:2]] == ["beta", "alpha"]
    assert any(facts.matches_left for facts in season_table(season).race())

    season.curtailed = Season.Curtailment.POINTS_PER_GAME
    season.curtailed_note = "The TFF ended the season on 1 May 2020 on points per game."
    season.save()

    table = season_table(season)
    assert [(row.club, row.decided_by) for row in table.rows[:2]] == [
        ("alpha", "points_per_game"),
        ("beta", "points_per_game"),
    ]
    assert all(facts.matches_left == 0 for facts in table.race())
    body = standings(client, "tr.1", "2019-20")
    assert body["notes"] == ["The TFF ended the season on 1 May 2020 on points per game."]
    assert body["ranked_by"] == "points_per_game"


def test_a_voided_season_says_its_table_is_not_official(client, tmp_path):
    run_import(write(tmp_path, "2019-20/nl.1.json", UNEVEN))
    body = standings(client, "nl.1", "2019-20")
    assert body["ranked_by"] == "points"
    assert [row["club"]["name"] for row in body["rows"][:2]] == ["Beta", "Alpha"]
    assert any("not an official final table" in note for note in body["notes"])


def test_deductions_under_points_per_game_are_dated_and_explained(client, tmp_path):
    run_import(write(tmp_path, "2019-20/fr.1.json", UNEVEN))
    season = Season.objects.get(competition__code="fr.1")
    alpha = season.clubs.get(name="Alpha")
    factories.PointDeductionFactory(
        season=season, club=alpha, points=2, reason="Crowd trouble", decided_on=dt.date(2019, 9, 2)
    )

    body = standings(client, "fr.1", "2019-20")
    # Alpha 9 from 5 (1.80) now below Beta's 2.00.
    assert [(row["club"]["name"], row["points"]) for row in body["rows"][:2]] == [("Beta", 12), ("Alpha", 9)]
    assert body["deductions"] == [
        {
            "club": {"name": "Alpha", "slug": "alpha"},
            "points": 2,
            "reason": "Crowd trouble",
            "decided_on": "2019-09-02",
        }
    ]
    html = season_page(client, "fr.1", "2019-20")
    assert "Alpha: 2 points deducted on Monday 2 September 2019 (Crowd trouble)." in html
    # Before the decision, the table stood without it.
    early = client.get(STANDINGS.format(code="fr.1", season="2019-20") + "?as_of=2019-08-31").json()
    assert early["deductions"] == []


# ---- A league that splits ---------------------------------------------------------------------------------


def test_the_scottish_premiership_ranks_the_matches_before_the_split(client, tmp_path):
    # Three clubs meet three times each: 6 matchdays before the split (3 x (3 - 1)); matchday 7 is after it.
    clubs = ["Alpha", "Beta", "Gamma"]
    matches = [record(day, clubs[day % 3], clubs[(day + 1) % 3], (1, 1)) for day in range(1, 7)]
    matches.append(record(7, "Gamma", "Alpha", (5, 0)))
    run_import(write(tmp_path, "2021-22/sco.1.json", matches))
    season = Season.objects.select_related("competition").get(competition__code="sco.1")

    table = season_table(season)
    assert {row.club: (row.played, row.points) for row in table.rows} == {
        "alpha": (4, 4),
        "beta": (4, 4),
        "gamma": (4, 4),
    }
    body = standings(client, "sco.1", "2021-22")
    assert any("33 matches before the split" in note for note in body["notes"])
    assert "Matchday 7" in season_page(client, "sco.1", "2021-22")


def test_belgian_play_offs_are_kept_but_only_the_regular_season_is_ranked(client, tmp_path):
    # Upstream's Belgian files name rounds "Round N" and give each record a stage.
    regular = [
        {**record(1, "Alpha", "Beta", (1, 0)), "round": "Round 1", "stage": "Regular Season"},
        {**record(2, "Beta", "Alpha", (0, 0)), "round": "Round 2", "stage": "Regular Season"},
    ]
    play_off = [{**record(3, "Alpha", "Beta", (0, 4)), "round": "Round 1", "stage": "Championship Round"}]
    run_import(write(tmp_path, "2022-23/be.1.json", regular + play_off))

    season = Season.objects.select_related("competition").get(competition__code="be.1")
    kept = Match.objects.get(round_name="Championship Round, Round 1")
    assert (kept.stage, kept.matchday, kept.home_score, kept.away_score) == ("other", None, 0, 4)
    table = season_table(season)
    assert {row.club: (row.played, row.points) for row in table.rows} == {"alpha": (2, 4), "beta": (2, 1)}
    assert any("play-offs" in note for note in standings(client, "be.1", "2022-23")["notes"])
    assert client.get(kept.get_absolute_url()).status_code == 200


# ---- decided_by on every row of every table ---------------------------------------------------------------


@pytest.mark.parametrize("family", sorted(EDITIONS))
def test_every_row_of_every_rule_sets_table_names_its_criterion(client, family):
    competition = factories.CompetitionFactory(tie_break_rules=family)
    season = factories.SeasonFactory(competition=competition, label="2024-25")
    clubs = factories.ClubFactory.create_batch(5)
    season.clubs.add(*clubs)
    scores = [(1, 0), (0, 0), (2, 2), (0, 1), (3, 1), (1, 1)]
    pairs = [(clubs[i], clubs[j]) for i in range(4) for j in range(4) if i != j][: len(scores) * 2]
    for n, ((home, away), (hg, ag)) in enumerate(zip(pairs, scores * 2, strict=True)):
        factories.MatchFactory(
            season=season,
            home=home,
            away=away,
            round_name=f"Matchday {n + 1}",
            matchday=n + 1,
            status=Match.Status.FINISHED,
            home_score=hg,
            away_score=ag,
        )

    body = standings(client, competition.code, "2024-25")
    rules = rules_for(family, "2024-25")
    assert body["rules"] == rules.name
    assert len(body["rows"]) == 5
    assert all(row["decided_by"] in (*rules.criteria, "name") for row in body["rows"]), body["rows"]


# ---- The editor's entries, through the admin ------------------------------------------------------------


def test_an_editor_curtails_a_season_and_deducts_points_in_the_admin(
    admin_client, client, tmp_path, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    run_import(write(tmp_path, "2019-20/tr.1.json", UNEVEN))
    season = Season.objects.get(competition__code="tr.1")
    alpha = season.clubs.get(name="Alpha")
    assert standings(client, "tr.1", "2019-20")["ranked_by"] == "points"  # and now cached

    form = {
        "competition": season.competition_id,
        "label": season.label,
        "format": season.format,
        "zones": "{}",
        "curtailed": "points_per_game",
        "curtailed_note": "Stopped by the federation on 1 May 2020.",
        "deductions-TOTAL_FORMS": "1",
        "deductions-INITIAL_FORMS": "0",
        "deductions-MIN_NUM_FORMS": "0",
        "deductions-MAX_NUM_FORMS": "1000",
        "deductions-0-club": alpha.pk,
        "deductions-0-points": "1",
        "deductions-0-reason": "Unpaid wages",
        "deductions-0-decided_on": "2019-09-02",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:matches_season_change", args=[season.pk]), form)
    assert response.status_code == 302, response.content.decode()[:2000]

    body = standings(client, "tr.1", "2019-20")
    assert body["ranked_by"] == "points_per_game"
    assert body["notes"] == ["Stopped by the federation on 1 May 2020."]
    # Alpha 10 from 5 (2.00) is level with Beta's 12 from 6 on the rate (on points Beta would be above), and on
    # every Süper Lig tie-break after it: their meetings were never played, and goals are 3-0 each.
    rows = [(row["club"]["name"], row["points"], row["decided_by"]) for row in body["rows"][:2]]
    assert rows == [("Alpha", 10, "name"), ("Beta", 12, "name")]
    assert body["deductions"][0]["reason"] == "Unpaid wages"
