"""The football.json parser: the real files' quirks, and malformed input rejected with a message naming the
file and the record. No database: the parser is pure."""

import datetime as dt
import json
import re
from typing import Any

import pytest

from matches.openfootball import (
    OpenFootballError,
    infer_code_and_season,
    parse_file,
    parse_round,
    split_country,
)


def find(parsed, home: str, away: str, date: str):
    [match] = [m for m in parsed.matches if (m.home, m.away, m.date.isoformat()) == (home, away, date)]
    return match


@pytest.mark.parametrize(
    ("relative", "count", "clubs"),
    [
        ("2023-24/de.1.json", 306, 18),
        ("2024-25/de.1.json", 306, 18),
        ("2024-25/en.1.json", 380, 20),
        ("2024-25/es.1.json", 380, 20),
        ("2024-25/it.1.json", 380, 20),
        ("2024-25/uefa.cl.json", 189, 36),
    ],
)
def test_real_files_parse_whole(openfootball, relative, count, clubs):
    parsed = openfootball(relative)
    assert len(parsed.matches) == count
    assert len(parsed.clubs) == clubs
    assert all(m.is_played for m in parsed.matches)
    assert (parsed.code, parsed.season) == tuple(relative.removesuffix(".json").split("/")[::-1])


def test_champions_league_names_lose_their_country_and_match_the_league_files(openfootball):
    ucl = openfootball("2024-25/uefa.cl.json")
    la_liga = set(openfootball("2024-25/es.1.json").clubs)
    spanish = {m.home for m in ucl.matches if m.home_country == "ESP"}
    assert spanish == {"FC Barcelona", "Real Madrid CF", "Club Atlético de Madrid", "Girona FC"}
    assert spanish <= la_liga
    assert all(m.home_country and m.away_country for m in ucl.matches)
    assert not any("(" in club for club in ucl.clubs)


def test_awarded_match_counts_its_awarded_score(openfootball):
    match = find(openfootball("2024-25/de.1.json"), "1. FC Union Berlin", "VfL Bochum 1848", "2024-12-14")
    assert match.status == "awarded"
    assert match.awarded_score == (0, 2)
    assert match.counted_score == (0, 2)
    # The file keeps only the awarded 0-2; the 1-1 played on the pitch is not in it, so ft is unknown.
    assert match.ft is None
    assert match.ht is None


@pytest.mark.parametrize(
    ("status", "score", "parsed"),
    [
        ("cancelled", {}, "cancelled"),
        ("canceled", {}, "cancelled"),
        ("Cancelled", {}, "cancelled"),
        ("postponed", {}, "postponed"),
        ("abandoned", {}, "abandoned"),
        (" ABANDONED ", {"ft": [2, 1], "ht": [1, 1]}, "abandoned"),
    ],
)
def test_matches_not_played_as_scheduled_keep_their_status_and_count_nowhere(status, score, parsed):
    [match] = parse_file({"matches": [_record(status=status, score=score)]}, source="x.json").matches
    assert match.status == parsed
    assert not match.is_played and match.counted_score is None
    assert match.ft == (tuple(score["ft"]) if score else None)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"round": "Round 5"}, ("Round 5", "league", 5)),
        ({"round": "Round 5", "stage": "Regular Season"}, ("Round 5", "league", 5)),
        ({"round": "Round 1", "stage": "Championship Round"}, ("Championship Round, Round 1", "after_league", None)),
        ({"round": "Final", "stage": "Knockout phase"}, ("Final", "final", None)),
    ],
)
def test_a_records_stage_tells_a_phase_after_the_league_apart(fields, expected):
    [match] = parse_file({"matches": [_record(**fields)]}, source="x.json").matches
    assert (match.round_name, match.stage, match.matchday) == expected


def test_awarded_match_keeps_the_pitch_score_when_the_record_has_one():
    record = _record(score={"ft": [0, 2], "pitch": [1, 1]}, status="awarded")
    [match] = parse_file({"matches": [record]}, source="x.json").matches
    assert (match.ft, match.awarded_score, match.counted_score) == ((1, 1), (0, 2), (0, 2))


def test_inter_barcelona_keeps_extra_time_apart_from_full_time(openfootball):
    match = find(openfootball("2024-25/uefa.cl.json"), "FC Internazionale Milano", "FC Barcelona", "2025-05-06")
    assert (match.stage, match.leg, match.matchday) == ("semi_finals", 2, None)
    assert (match.ft, match.et, match.pens, match.ht) == ((3, 3), (4, 3), None, (2, 0))
    # The score a table would count is the 90 minutes'; the tie's aggregate adds extra time (matches.knockout).
    assert match.counted_score == (3, 3)


@pytest.mark.parametrize(
    ("home", "away", "date", "ft", "et", "pens"),
    [
        ("Liverpool FC", "Paris Saint-Germain FC", "2025-03-11", (0, 1), (0, 1), (1, 4)),
        ("Club Atlético de Madrid", "Real Madrid CF", "2025-03-12", (1, 0), (1, 0), (2, 4)),
    ],
)
def test_shoot_outs(openfootball, home, away, date, ft, et, pens):
    match = find(openfootball("2024-25/uefa.cl.json"), home, away, date)
    assert (match.ft, match.et, match.pens, match.leg) == (ft, et, pens, 2)


def test_missing_half_time_score_is_none(openfootball):
    match = find(openfootball("2024-25/uefa.cl.json"), "Borussia Dortmund", "Sporting Clube de Portugal", "2025-02-19")
    assert (match.ft, match.ht) == ((0, 0), None)


def test_champions_league_rounds_stages_and_legs(openfootball):
    ucl = openfootball("2024-25/uefa.cl.json")
    counts = {}
    for match in ucl.matches:
        counts[(match.stage, match.leg)] = counts.get((match.stage, match.leg), 0) + 1
    assert counts == {
        ("league", None): 144,
        ("playoffs", 1): 8,
        ("playoffs", 2): 8,
        ("round_of_16", 1): 8,
        ("round_of_16", 2): 8,
        ("quarter_finals", 1): 4,
        ("quarter_finals", 2): 4,
        ("semi_finals", 1): 2,
        ("semi_finals", 2): 2,
        ("final", None): 1,
    }
    assert {m.matchday for m in ucl.matches if m.stage == "league"} == set(range(1, 9))


def test_rescheduled_match_keeps_its_round_and_real_date(openfootball):
    # Matchday 29 of the Premier League was played before matchdays 26-28 (a cup weekend moved it).
    en = openfootball("2024-25/en.1.json")
    first_29 = min(m.date for m in en.matches if m.matchday == 29)
    last_26 = max(m.date for m in en.matches if m.matchday == 26)
    assert first_29 < last_26


def test_clasico_kickoff_is_local_madrid_time(openfootball):
    es = openfootball("2024-25/es.1.json")
    clasico = find(es, "FC Barcelona", "Real Madrid CF", "2025-05-11")
    assert clasico.matchday == 35
    # The file's times are local; the importer knows each competition's zone (tests/matches/test_importer.py).
    assert (clasico.date, clasico.time) == (dt.date(2025, 5, 11), dt.time(16, 15))


@pytest.mark.parametrize(
    ("round_name", "expected"),
    [
        ("Matchday 35", ("league", 35, None)),
        ("League, Matchday 1", ("league", 1, None)),
        ("Playoffs, Matchday 2", ("playoffs", None, 2)),
        ("Knockout round play-offs", ("playoffs", None, None)),
        ("Knockout round play-offs, 1st leg", ("playoffs", None, 1)),
        ("Finals, Round of 16", ("round_of_16", None, None)),
        ("Round of 16, 1st Leg", ("round_of_16", None, 1)),
        ("Quarter-finals, 2nd leg", ("quarter_finals", None, 2)),
        ("Finals, Quarterfinals", ("quarter_finals", None, None)),
        ("Semi-finals, 1st leg", ("semi_finals", None, 1)),
        ("Finals, Final", ("final", None, None)),
        ("Final", ("final", None, None)),
        ("Group A", ("group", None, None)),
        ("Group Stage, Matchday 3", ("group", 3, None)),
        ("Group H, Matchday 6", ("group", 6, None)),
        ("Round of 32, 2nd leg", ("round_of_32", None, 2)),
    ],
)
def test_parse_round(round_name, expected):
    assert parse_round(round_name) == expected


@pytest.mark.parametrize(
    ("team", "expected"),
    [
        ("FC Barcelona (ESP)", ("FC Barcelona", "ESP")),
        ("PSV (NED)", ("PSV", "NED")),
        ("FC Barcelona", ("FC Barcelona", None)),
        ("1. FC Heidenheim 1846", ("1. FC Heidenheim 1846", None)),
    ],
)
def test_split_country(team, expected):
    assert split_country(team) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/work/shared/data/openfootball/2024-25/es.1.json", ("es.1", "2024-25")),
        ("2023-24/de.1.json", ("de.1", "2023-24")),
        ("https://example.org/football.json/2024-25/uefa.cl.json?raw=1#top", ("uefa.cl", "2024-25")),
        ("C:\\data\\1999-00\\en.1.json", ("en.1", "1999-00")),
    ],
)
def test_infer_code_and_season(path, expected):
    assert infer_code_and_season(path) == expected


@pytest.mark.parametrize(
    ("path", "complaint"),
    [
        ("es.1.json", "SEASON/CODE.json"),
        ("2024-25/es.1.txt", "is not CODE.json"),
        ("2024-26/es.1.json", "is not a season"),
        ("latest/es.1.json", "is not a season"),
    ],
)
def test_infer_code_and_season_rejects(path, complaint):
    with pytest.raises(OpenFootballError, match=complaint) as error:
        infer_code_and_season(path)
    assert path in str(error.value)


def test_unplayed_and_timeless_matches():
    records = [_record(score={}, time=None), {k: v for k, v in _record().items() if k != "score"}]
    first, second = parse_file({"matches": records}, source="x.json").matches
    assert (first.status, first.ft, first.counted_score, first.time) == ("scheduled", None, None, None)
    assert second.status == "scheduled"


def _record(**overrides: Any) -> dict[str, Any]:
    record = {
        "round": "Matchday 2",
        "date": "2024-08-24",
        "time": "19:00",
        "team1": "Home CF",
        "team2": "Away CF",
        "score": {"ht": [0, 0], "ft": [1, 0]},
    }
    record.update(overrides)
    return {k: v for k, v in record.items() if v is not None or k == "score"}


RECORD = "bad.json: match 2 (Matchday 2, 2024-08-24): "


@pytest.mark.parametrize(
    ("record", "complaint"),
    [
        (_record(score={"ft": [-1, 0]}), "score ft must be two non-negative integers"),
        (_record(score={"ft": [1]}), "score ft must be two non-negative integers"),
        (_record(score={"ft": [1.0, 0]}), "score ft must be two non-negative integers"),
        (_record(score={"ft": [True, 0]}), "score ft must be two non-negative integers"),
        (_record(score={"ft": [1, 0], "et": [1, "2"]}), "score et must be two non-negative integers"),
        (_record(score={"ft": [1, 1], "et": [0, 1]}), "must include the 90 minutes"),
        (_record(score={"ft": [1, 1], "ht": [2, 0]}), "has more goals than full time 1-1"),
        (_record(score={"ht": [1, 0]}), "needs a score after 90 minutes"),
        (_record(score={"ft": [1, 1], "et": [1, 1], "p": [3, 3]}), "cannot end level"),
        (_record(score={"ft": [1, 1], "xt": [1, 1]}), "unknown keys"),
        (_record(score={"ft": [1, 1], "pitch": [1, 1]}), "pitch is only for an awarded match"),
        (_record(score=[1, 0]), "score must be an object"),
        (_record(date="2024-02-30"), "date must be a real date"),
        (_record(date="24/08/2024"), "date must be a real date"),
        (_record(date=None), "date must be a real date"),
        (_record(time="7pm"), "time must be a local time"),
        (_record(team1=None), "team1 must be a non-empty string"),
        (_record(team2="  "), "team2 must be a non-empty string"),
        (_record(team2="Home CF (ESP)"), "'Home CF' cannot play itself"),
        (_record(status="suspended"), "status 'suspended' is not known"),
        (_record(status="postponed"), "a postponed match has no score"),
        (_record(status="Cancelled"), "a cancelled match has no score"),
        (_record(status="abandoned", score={"ft": [1, 0], "pitch": [1, 0]}), "pitch is only for an awarded match"),
        (_record(status="awarded", score={}), "awarded match needs its awarded score"),
        (_record(round="Group 7"), "round 'Group 7' is not one this parser knows"),
        (_record(round="Matchday 1", group="Gruppe Eins"), "group 'Gruppe Eins' is not a group such as 'Group A'"),
        (_record(round="Matchday 1", group=1), "group 1 is not a group such as 'Group A'"),
        (_record(round="Group A", group="Group B"), "name different groups"),
        (_record(round="Round of 16", group="Group B"), "is a knockout round, which has no group"),
        (_record(round="Group stage, Matchday 2"), "names no group"),
        (_record(round="Group A, 1st leg"), "a group round has no legs"),
        (_record(round="Matchday 2, 1st leg"), "needs a matchday and no leg"),
    ],
)
def test_malformed_record_names_file_and_record(record, complaint):
    with pytest.raises(OpenFootballError) as error:
        parse_file({"matches": [_record(date="2024-08-17", round="Matchday 1"), record]}, source="bad.json")
    message = str(error.value)
    assert complaint in message
    assert message.startswith("bad.json: match 2 (")


def test_negative_score_message_in_full():
    data = json.dumps({"matches": [_record(), _record(score={"ft": [2, -1]})]})
    with pytest.raises(OpenFootballError) as error:
        parse_file(data, source="es.1.json")
    assert str(error.value) == (
        "es.1.json: match 2 (Matchday 2, 2024-08-24, Home CF v Away CF): "
        "score ft must be two non-negative integers, not [2, -1]"
    )


@pytest.mark.parametrize(
    ("data", "complaint"),
    [
        ("{not json", "bad.json: invalid JSON"),
        (b"\xff\xfe", "bad.json: invalid JSON"),
        ("[]", "bad.json: the document must be a JSON object"),
        ({"matches": {"0": {}}}, "bad.json: 'matches' must be a list"),
        ({"name": "x"}, "bad.json: 'matches' must be a list"),
        ({"name": 3, "matches": []}, "bad.json: 'name' must be a string"),
        ({"matches": [_record(), "Matchday 2"]}, "bad.json: match 2: must be an object"),
    ],
)
def test_malformed_document(data, complaint):
    with pytest.raises(OpenFootballError, match="^" + re.escape(complaint)):
        parse_file(data, source="bad.json")


def test_same_clubs_meeting_three_times_in_a_knockout_round_is_rejected():
    legs = [_record(round="Finals, Semifinals", date=f"2025-05-0{day}") for day in (1, 2, 3)]
    with pytest.raises(OpenFootballError, match=r"bad.json: match 3 .*meet more than twice"):
        parse_file({"matches": legs}, source="bad.json")


def test_parsed_values_are_frozen():
    [match] = parse_file({"matches": [_record()]}, source="x.json").matches
    with pytest.raises(AttributeError):
        match.home = "Other"


@pytest.mark.parametrize(
    "record",
    [
        {"round": "Matchday 1", "group": "Group C"},
        {"round": "Group C"},
        {"round": "Group C, Matchday 1", "group": "Group C"},
        {"round": "Group Stage, Matchday 1", "group": "group c"},
    ],
)
def test_a_group_match_names_its_group_in_the_round_or_beside_it(record):
    [match] = parse_file({"matches": [_record(**record)]}, source="2019-20/uefa.cl.json").matches
    assert (match.stage, match.group) == ("group", "C")


def test_a_group_stage_file_names_every_group_stage_matchs_group():
    records = [_record(round="Matchday 1", group="Group A"), _record(round="Matchday 2", team1="Other FC")]
    with pytest.raises(OpenFootballError, match=r"match 2 \(Matchday 2, 2024-08-24\): no group, though match 1"):
        parse_file({"matches": records}, source="2019-20/uefa.cl.json")


def test_a_club_plays_in_one_group():
    records = [
        _record(round="Matchday 1", group="Group A"),
        _record(round="Matchday 2", group="Group B", team1="Other FC", team2="Home CF"),
    ]
    with pytest.raises(OpenFootballError, match="Home CF is in Group B here but in Group A in match 1"):
        parse_file({"matches": records}, source="2019-20/uefa.cl.json")
