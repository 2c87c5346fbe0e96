"""Any text or JSON given to the openfootball parser and importer gives matches, or a clear error that names the
file and, for a bad record, the record; never another exception (a number past what the database stores, a date
no time zone converts, a name too long for its column, the same match twice were: they are refused by name).

The documents are generated three ways: any text or bytes; any JSON value; and football.json-shaped documents
whose every field is either valid or junk of the right or the wrong type (huge numbers, far dates, odd rounds).
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from matches.importer import ImportFailed, Source, import_parsed, parse_source
from matches.models import Match
from matches.openfootball import OpenFootballError, ParsedFile, parse_file

SOURCE = "2024-25/es.1.json"
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
ROUNDS = (
    st.sampled_from(["Matchday 1", "League, Matchday 8", "Final", "Quarter-finals, 2nd leg", "Round of 16"])
    | st.integers(1, 30).map(lambda n: "League, " * n + "Matchday 1")
    | st.from_regex(r"\A(Matchday|matchday|Finals, Matchday) [0-9]{1,25}\Z")
    | st.text(max_size=30)
)
GOALS = st.integers(min_value=0, max_value=9) | st.integers() | JSON
PAIRS = st.lists(GOALS, min_size=2, max_size=2) | JSON
DATES = st.dates().map(dt.date.isoformat) | st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31)).map(str) | st.text()
TIMES = st.none() | st.times().map(lambda t: t.strftime("%H:%M")) | st.text(max_size=6)
TEAMS = st.sampled_from(["FC Barcelona", "Real Madrid CF", "Villarreal CF (ESP)"]) | st.text(max_size=120)


@st.composite
def records(draw: st.DrawFn) -> dict[str, object]:
    record = {
        "round": draw(ROUNDS),
        "date": draw(DATES),
        "team1": draw(TEAMS),
        "team2": draw(TEAMS),
        "score": draw(st.fixed_dictionaries({}, optional=dict.fromkeys(("ft", "ht", "et", "p", "pitch"), PAIRS))),
    }
    extra = draw(st.fixed_dictionaries({}, optional={"time": TIMES, "status": st.just("awarded") | JSON}))
    return {**record, **extra}


DOCUMENTS = st.fixed_dictionaries({"name": st.just("Primera División 2024/25"), "matches": st.lists(records())})
NUMBERS = st.integers(min_value=0, max_value=5) | st.integers(min_value=0)


@st.composite
def plausible_records(draw: st.DrawFn) -> dict[str, object]:
    """Records the parser may well accept, with their numbers and dates anywhere in their types' range."""
    home, away = draw(st.permutations(["FC Barcelona", "Real Madrid CF", "Villarreal CF"]))[:2]
    ft = draw(st.lists(NUMBERS, min_size=2, max_size=2))
    score = {"ft": ft, "ht": [min(ft[0], draw(NUMBERS)), min(ft[1], draw(NUMBERS))]}
    return {
        "round": draw(st.sampled_from(["Matchday ", "League, Matchday "])) + str(draw(NUMBERS)),
        "date": draw(st.dates() | st.dates(dt.date(2024, 8, 1), dt.date(2025, 5, 31))).isoformat(),
        "time": draw(TIMES),
        "team1": home,
        "team2": away,
        "score": draw(st.sampled_from([score, {}])),
    }


PLAUSIBLE = st.fixed_dictionaries({"matches": st.lists(plausible_records(), min_size=1, max_size=3)})


def parsed_or_refused(data: object) -> ParsedFile | None:
    """The parse, or None for a refusal whose message names the file (and the record, if one is at fault)."""
    try:
        return parse_file(data, source=SOURCE)  # type: ignore[arg-type]
    except OpenFootballError as error:
        assert str(error).startswith(f"{SOURCE}: ")
        if re.match(rf"{re.escape(SOURCE)}: match \d+", str(error)):
            assert re.match(rf"{re.escape(SOURCE)}: match \d+( \(.*\))?: \S", str(error), re.DOTALL)
        return None


@given(st.text() | st.binary())
@settings(deadline=None)  # a shared CI machine's pauses are no failure of the parser
def test_any_text_or_bytes_parses_or_is_refused_by_name(data):
    parsed_or_refused(data)


@given(JSON)
@settings(deadline=None)
def test_any_json_value_parses_or_is_refused_by_name(value):
    parsed_or_refused(value)
    parsed_or_refused(json.dumps(value))


@given(DOCUMENTS)
@settings(max_examples=300, deadline=None)
def test_any_football_json_shaped_document_parses_or_names_the_bad_record(document):
    parsed = parsed_or_refused(json.dumps(document))
    if parsed is not None:
        assert len(parsed.matches) == len(document["matches"])
        for match in parsed.matches:
            assert match.home != match.away and match.home and match.away


def clasico(**changes: object) -> dict[str, object]:
    return {"round": "Matchday 35", "date": "2025-05-11", "team1": "FC Barcelona", "team2": "Real Madrid CF",
            "score": {"ft": [4, 3]}, **changes}  # fmt: skip


@pytest.mark.django_db
@given(DOCUMENTS | PLAUSIBLE)
@example({"matches": [clasico(score={"ft": [40000, 0]})]})
@example({"matches": [clasico(round="Matchday 40000")]})
@example({"matches": [clasico(date="0001-01-01")]})
@example({"matches": [clasico(team1="FC Barcelona\x00")]})
@example({"matches": [clasico(team1="FC Barcelona" * 10)]})
@example({"matches": [clasico(), clasico(date="2025-05-12")]})
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_anything_the_importer_reads_it_writes_whole(document):
    """A file parse_source accepts strictly imports in full (a refusal names the file and the record); nothing
    else fails."""
    source = Source(SOURCE, json.dumps(document).encode(), "es.1", "2024-25")
    try:
        parse_source(source, strict=True)
    except ImportFailed as error:
        assert str(error).startswith(f"{SOURCE}: ")
        return
    with transaction.atomic():
        report = import_parsed(source)
        assert report.matches == len(document["matches"])
        assert Match.objects.count() == len(document["matches"])
        transaction.set_rollback(True)
