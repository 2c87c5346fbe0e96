"""A Champions League season with a group stage (before 2024-25), imported end to end from a file shaped like
openfootball's, then read back through the standings API, the matches API and the pages."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from matches.models import Match, Season, Stage, Tie

pytestmark = pytest.mark.django_db

STANDINGS = "/api/v1/competitions/uefa.cl/seasons/2019-20/standings"

# Group A's results (home first, 90 minutes), round "Matchday N" with "group": "Group A" beside it, as upstream
# writes them: Alpha, Beta and Gamma finish on 10 points; Alpha first on the mini-league among the three,
# Beta above Gamma on their own meetings (re-applied), though Gamma has the better goal difference.
GROUP_A = [
    (1, "2019-09-17", "Alpha FC", "Beta FC", (1, 0)), (1, "2019-09-17", "Gamma FC", "Delta FC", (5, 0)),
    (2, "2019-10-01", "Beta FC", "Gamma FC", (1, 0)), (2, "2019-10-01", "Delta FC", "Alpha FC", (1, 0)),
    (3, "2019-10-22", "Gamma FC", "Alpha FC", (1, 0)), (3, "2019-10-22", "Beta FC", "Delta FC", (1, 0)),
    (4, "2019-11-06", "Alpha FC", "Gamma FC", (1, 0)), (4, "2019-11-06", "Delta FC", "Beta FC", (0, 1)),
    (5, "2019-11-26", "Beta FC", "Alpha FC", (0, 1)), (5, "2019-11-26", "Delta FC", "Gamma FC", (0, 5)),
    (6, "2019-12-11", "Gamma FC", "Beta FC", (0, 0)), (6, "2019-12-11", "Alpha FC", "Delta FC", (0, 0)),
]  # fmt: skip
# Group B, its round written "Group B" (the other upstream shape): Xeno and Yolo on 11 points, level in their
# meetings (0-0, 1-1) but for Xeno's away goal, which counted in 2019-20; Yolo has the better goal difference.
GROUP_B = [
    ("2019-09-18", "Xeno FC", "Yolo FC", (0, 0)), ("2019-09-18", "Pike FC", "Quin FC", (0, 0)),
    ("2019-10-02", "Xeno FC", "Pike FC", (1, 0)), ("2019-10-02", "Yolo FC", "Quin FC", (1, 0)),
    ("2019-10-23", "Yolo FC", "Pike FC", (3, 0)), ("2019-10-23", "Xeno FC", "Quin FC", (1, 0)),
    ("2019-11-05", "Pike FC", "Xeno FC", (1, 0)), ("2019-11-05", "Quin FC", "Yolo FC", (0, 1)),
    ("2019-11-27", "Yolo FC", "Xeno FC", (1, 1)), ("2019-11-27", "Quin FC", "Pike FC", (0, 0)),
    ("2019-12-10", "Pike FC", "Yolo FC", (1, 0)), ("2019-12-10", "Quin FC", "Xeno FC", (0, 1)),
]  # fmt: skip
# Round of 16: Alpha through on away goals after 90 minutes (2-2, two away goals to one); Xeno through on the
# away goal it scored in extra time of the second leg (2-2). The final, a single match, on penalties.
KNOCKOUT = [
    ("Round of 16", "2020-02-18", "Yolo FC", "Alpha FC", {"ft": [1, 2]}),
    ("Round of 16", "2020-03-10", "Alpha FC", "Yolo FC", {"ft": [0, 1]}),
    ("Round of 16", "2020-02-19", "Xeno FC", "Beta FC", {"ft": [1, 0]}),
    ("Round of 16", "2020-03-11", "Beta FC", "Xeno FC", {"ft": [1, 0], "et": [2, 1]}),
    ("Final", "2020-08-23", "Alpha FC", "Xeno FC", {"ft": [1, 1], "et": [1, 1], "p": [4, 3]}),
]


def upstream_file() -> dict:
    matches = [
        {"round": f"Matchday {n}", "group": "Group A", "date": day, "time": "21:00",
         "team1": f"{home} (ESP)", "team2": f"{away} (ITA)", "score": {"ft": list(ft)}}
        for n, day, home, away, ft in GROUP_A
    ] + [
        {"round": "Group B", "date": day, "time": "18:55", "team1": home, "team2": away, "score": {"ft": list(ft)}}
        for day, home, away, ft in GROUP_B
    ] + [
        {"round": name, "date": day, "time": "21:00", "team1": home, "team2": away, "score": score}
        for name, day, home, away, score in KNOCKOUT
    ]  # fmt: skip
    return {"name": "Champions League 2019/20", "matches": matches}


def write(tmp_path: Path, document: dict, season: str = "2019-20") -> str:
    path = tmp_path / season / "uefa.cl.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document))
    return str(path)


def run_import(path: str) -> str:
    out = StringIO()
    call_command("import_openfootball", path, stdout=out)
    return out.getvalue()


@pytest.fixture
def imported(tmp_path) -> Season:
    run_import(write(tmp_path, upstream_file()))
    return Season.objects.select_related("competition").get(competition__code="uefa.cl", label="2019-20")


def test_the_group_stage_is_stored_with_each_matchs_group(imported):
    assert imported.format == Season.Format.GROUP_STAGE
    group = Match.objects.filter(season=imported, stage=Stage.GROUP)
    assert group.count() == 24
    assert set(group.filter(home__name="Alpha FC").values_list("group", flat=True)) == {"A"}
    assert set(group.filter(home__name="Xeno FC").values_list("group", flat=True)) == {"B"}
    assert group.get(home__name="Alpha FC", away__name="Beta FC").matchday == 1
    # A round written "Group B" names no matchday: each club's n-th group match is its matchday n.
    assert group.get(home__name="Yolo FC", away__name="Xeno FC").matchday == 5
    assert not Match.objects.filter(season=imported).exclude(stage=Stage.GROUP).exclude(group="").exists()


def test_a_second_import_changes_nothing(imported, tmp_path):
    assert "0 created, 0 updated, 29 unchanged" in run_import(write(tmp_path, upstream_file()))


def test_two_legged_ties_under_2019_20_rules(imported):
    ties = {tie.club_a.name: tie for tie in Tie.objects.filter(season=imported).select_related("club_a", "winner")}
    assert (ties["Yolo FC"].winner.name, ties["Yolo FC"].decided_by) == ("Alpha FC", "away_goals")
    assert (ties["Yolo FC"].club_a_goals, ties["Yolo FC"].club_b_goals) == (2, 2)
    assert (ties["Xeno FC"].winner.name, ties["Xeno FC"].decided_by) == ("Xeno FC", "away_goals")
    assert (ties["Alpha FC"].winner.name, ties["Alpha FC"].decided_by, ties["Alpha FC"].legs) == (
        "Alpha FC", "penalties", 1,
    )  # fmt: skip


def test_the_same_ties_in_2021_22_are_decided_without_away_goals(tmp_path):
    document = upstream_file()
    # The same scores a season later; the first tie, level after 90 minutes, now needed extra time.
    document["matches"][25]["score"] = {"ft": [0, 1], "et": [0, 2]}
    run_import(write(tmp_path, document, season="2021-22"))
    ties = {t.club_a.name: t for t in Tie.objects.filter(season__label="2021-22").select_related("club_a", "winner")}
    assert (ties["Yolo FC"].winner.name, ties["Yolo FC"].decided_by) == ("Yolo FC", "extra_time")
    # Level 2-2 after extra time, an away goal no longer counting, and no shoot-out in the file: no winner.
    assert (ties["Xeno FC"].winner, ties["Xeno FC"].decided_by) == (None, "")


def test_the_standings_api_serves_each_group(client, imported):
    body = client.get(STANDINGS, {"group": "A"}).json()
    assert body["group"] == "A"
    assert "2012-13 to 2018-19" not in body["rules"] and "2019-20" in body["rules"]
    assert [(r["club"]["name"], r["points"], r["decided_by"]) for r in body["rows"]] == [
        ("Alpha FC", 10, "head_to_head_points"),
        ("Beta FC", 10, "head_to_head_points"),
        ("Gamma FC", 10, "head_to_head_points"),
        ("Delta FC", 4, "points"),
    ]
    rows = client.get(STANDINGS, {"group": "b"}).json()["rows"]
    assert [(r["club"]["name"], r["decided_by"]) for r in rows[:2]] == [
        ("Xeno FC", "head_to_head_away_goals"),
        ("Yolo FC", "head_to_head_away_goals"),
    ]


def test_without_a_group_the_api_lists_every_group(client, imported):
    body = client.get(STANDINGS).json()
    assert body["rows"] == [] and body["group"] is None
    assert [group["group"] for group in body["groups"]] == ["A", "B"]
    assert [len(group["rows"]) for group in body["groups"]] == [4, 4]
    assert body["groups"][0]["rows"][0]["club"]["name"] == "Alpha FC"


@pytest.mark.parametrize(
    ("group", "complaint"),
    [("Z", "uefa.cl 2019-20 has no group 'Z'; its groups are A, B."), ("AB", "group"), ("1", "group")],
)
def test_an_unknown_group_is_a_400_in_json(client, imported, group, complaint):
    response = client.get(STANDINGS, {"group": group})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert complaint in response.json()["detail"]


def test_a_season_without_groups_refuses_a_group(client, imported, tmp_path):
    document = {"matches": [{"round": "League, Matchday 1", "date": "2024-09-17", "team1": "Alpha FC",
                             "team2": "Beta FC", "score": {"ft": [1, 0]}}]}  # fmt: skip
    run_import(write(tmp_path, document, season="2024-25"))
    response = client.get("/api/v1/competitions/uefa.cl/seasons/2024-25/standings", {"group": "A"})
    assert response.status_code == 400
    assert "has no groups" in response.json()["detail"]
    assert Season.objects.get(competition__code="uefa.cl", label="2024-25").format == Season.Format.LEAGUE_PHASE


def test_the_matches_api_says_how_each_tie_was_decided(client, imported):
    body = client.get("/api/v1/matches", {"competition": "uefa.cl", "season": "2019-20", "limit": 100}).json()
    by_round = {(m["home"]["name"], m["round"]): m for m in body["items"]}
    second_leg = by_round[("Alpha FC", "Round of 16")]
    assert second_leg["tie"] == {
        "aggregate": {"home": 2, "away": 2},
        "winner": {"name": "Alpha FC", "slug": "alpha-fc"},
        "decided_by": "away_goals",
    }
    assert by_round[("Alpha FC", "Final")]["tie"]["decided_by"] == "penalties"
    assert by_round[("Alpha FC", "Matchday 1")]["tie"] is None


def test_a_tie_whose_second_leg_is_to_come_has_no_winner(client, tmp_path):
    document = upstream_file()
    document["matches"][25]["score"] = {}
    run_import(write(tmp_path, document))
    tie = Tie.objects.get(season__label="2019-20", club_a__name="Yolo FC")
    assert (tie.winner, tie.decided_by, tie.club_a_goals, tie.club_b_goals) == (None, "", 1, 2)
    body = client.get("/api/v1/matches", {"competition": "uefa.cl", "club": "yolo-fc", "limit": 100}).json()
    [first_leg] = [m for m in body["items"] if m["round"] == "Round of 16" and m["home"]["name"] == "Yolo FC"]
    assert first_leg["tie"] == {"aggregate": {"home": 1, "away": 2}, "winner": None, "decided_by": None}


def test_the_season_page_shows_every_group_table_and_the_ties(client, imported):
    page = client.get(imported.get_absolute_url()).content.decode()
    assert "Group stage" in page and "Group A" in page and "Group B" in page
    group_a = page[page.index("Group A") : page.index("Group B")]
    assert group_a.index(">Alpha<") < group_a.index(">Beta<") < group_a.index(">Gamma<") < group_a.index(">Delta<")
    assert "Alpha go through on away goals, 2\u20132 on aggregate" in page
    assert "Xeno go through on away goals, 2\u20132 on aggregate after extra time" in page
    assert '<span class="round__piece">Group stage ·</span>' in page
    assert "On 10 points: Alpha 1st, Beta 2nd and Gamma 3rd on head-to-head." in page
    assert "Tie-breaks as the UEFA Champions League Regulations 2019-20 and 2020-21, Art. 17.01 set them" in page


def test_the_match_page_shows_the_group_table_and_the_tie(client, imported):
    group_match = Match.objects.get(season=imported, home__name="Gamma FC", away__name="Beta FC")
    page = client.get(group_match.get_absolute_url()).content.decode()
    assert "Champions League Group A: table at kick-off" in page
    assert ">Gamma<" in page and ">Xeno<" not in page
    second_leg = Match.objects.get(season=imported, home__name="Alpha FC", round_name="Round of 16")
    page = client.get(second_leg.get_absolute_url()).content.decode()
    assert "Alpha FC go through (away goals)" in page


def test_a_nonsense_group_is_set_aside_naming_the_file_and_record(tmp_path):
    document = upstream_file()
    document["matches"][3]["group"] = "Group 4"
    path = write(tmp_path, document)
    out = StringIO()
    with pytest.raises(CommandError, match=r"1 record\(s\) set aside"):
        call_command("import_openfootball", path, stdout=out)
    assert re.search(r"uefa.cl.json: match 4 \(Matchday 2, 2019-10-01, .*\): group 'Group 4'", out.getvalue())
    assert Match.objects.count() == len(document["matches"]) - 1  # the rest is imported
    Match.objects.all().delete()
    with pytest.raises(CommandError, match=r"uefa.cl.json: match 4 \(Matchday 2, 2019-10-01, .*\): group 'Group 4'"):
        call_command("import_openfootball", path, "--strict", stdout=StringIO())
    assert not Match.objects.exists()


def test_a_europa_league_season_with_a_round_of_32(client, tmp_path):
    group = [
        {"round": f"Group L, Matchday {n}", "date": day, "team1": home, "team2": away, "score": {"ft": ft}}
        for n, day, home, away, ft in [
            (1, "2020-10-22", "Alpha FC", "Beta FC", [2, 0]),
            (2, "2020-10-29", "Beta FC", "Alpha FC", [1, 1]),
        ]
    ]
    # Gamma comes in from another competition's group stage, as the Champions League's third-placed clubs did.
    knockout = [
        {"round": "Round of 32", "date": day, "team1": home, "team2": away, "score": {"ft": ft}}
        for day, home, away, ft in [
            ("2021-02-18", "Beta FC", "Gamma FC", [2, 2]),
            ("2021-02-25", "Gamma FC", "Beta FC", [1, 1]),
        ]
    ]
    path = tmp_path / "2020-21" / "uefa.el.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"matches": group + knockout}))
    run_import(str(path))
    season = Season.objects.get(competition__code="uefa.el", label="2020-21")
    assert (season.competition.name, season.format) == ("UEFA Europa League", Season.Format.GROUP_STAGE)
    tie = Tie.objects.select_related("winner").get(season=season)
    # 3-3 on aggregate; Beta scored once at Gamma, Gamma twice at Beta.
    assert (tie.stage, tie.winner.name, tie.decided_by) == (Stage.ROUND_OF_32, "Gamma FC", "away_goals")
    body = client.get("/api/v1/competitions/uefa.el/seasons/2020-21/standings", {"group": "L"}).json()
    assert [row["club"]["name"] for row in body["rows"]] == ["Alpha FC", "Beta FC"]


def test_a_conference_league_league_phase(client, tmp_path):
    path = tmp_path / "2024-25" / "uefa.conf.json"
    path.parent.mkdir()
    record = {"round": "League, Matchday 1", "date": "2024-10-03", "team1": "Alpha FC", "team2": "Beta FC"}
    path.write_text(json.dumps({"matches": [record | {"score": {"ft": [0, 3]}}]}))
    run_import(str(path))
    season = Season.objects.get(competition__code="uefa.conf", label="2024-25")
    assert season.format == Season.Format.LEAGUE_PHASE
    body = client.get("/api/v1/competitions/uefa.conf/seasons/2024-25/standings").json()
    assert [(row["club"]["name"], row["points"]) for row in body["rows"]] == [("Beta FC", 3), ("Alpha FC", 0)]
    assert body["groups"] == []


def test_group_tables_cost_what_one_table_costs(client, imported, django_assert_num_queries):
    # The season, its clubs and its matches, as for a league's table, however many groups.
    for params in ({}, {"group": "A"}, {"group": "B", "as_of": "2019-11-30"}):
        with django_assert_num_queries(3):
            assert client.get(STANDINGS, params).status_code == 200


def test_the_group_stage_season_page_costs_what_a_league_phase_page_costs(client, imported, django_assert_num_queries):
    # The season, the links to its other seasons, its clubs and matches (every group's table from one read),
    # and the knockout matches.
    with django_assert_num_queries(5):
        assert client.get(imported.get_absolute_url()).status_code == 200


def test_the_data_desks_full_time_score_of_a_second_leg_settles_the_tie(client, tmp_path, settings):
    settings.SCORE_API_TOKEN = "desk-token"
    document = upstream_file()
    document["matches"][25]["score"] = {}
    run_import(write(tmp_path, document))
    second_leg = Match.objects.get(season__label="2019-20", home__name="Alpha FC", round_name="Round of 16")
    response = client.post(
        f"/api/v1/matches/{second_leg.pk}/score",
        json.dumps({"home": 0, "away": 1, "status": "finished"}),
        content_type="application/json",
        headers={"Authorization": "Bearer desk-token"},
    )
    assert response.status_code == 200
    assert response.json()["tie"] == {
        "aggregate": {"home": 2, "away": 2},
        "winner": {"name": "Alpha FC", "slug": "alpha-fc"},
        "decided_by": "away_goals",
    }
    tie = Tie.objects.get(pk=second_leg.tie_id)
    assert (tie.winner.name, tie.decided_by, tie.club_a_goals, tie.club_b_goals) == ("Alpha FC", "away_goals", 2, 2)
