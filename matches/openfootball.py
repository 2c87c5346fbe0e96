"""Parse openfootball's football.json into plain, validated values.

Pure on purpose: no Django, no ORM. The importer turns a `ParsedFile` into rows; this module only promises
that every `ParsedMatch` it returns is well-formed (real date, two different clubs, scores that are pairs of
non-negative integers and consistent with each other by matches.standings.scores, the rule every way a score
gets in follows). A document that is not football.json raises `OpenFootballError` naming the file; a record
that is not well-formed raises it too, naming the record, or (`strict=False`) is set aside with its reason
while the rest is kept. Either way, nothing is stored before the whole file has been read.

The format: `{"name": ..., "matches": [{round, date, time?, team1, team2, score: {ht?, ft?, et?, p?},
status?}]}`, `team1` at home, `score` empty (or absent) for a match not yet played, `ft` after 90 minutes,
`et` after extra time (cumulative: 4-3 after 3-3 at 90), `p` the shoot-out alone. A UEFA group-stage match
names its group in the round (`"round": "Group A"`, `"Group A, Matchday 1"`) or beside it (`"round":
"Matchday 1", "group": "Group A"`), or both when they agree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

from matches.standings.results import counted_score
from matches.standings.scores import describe, match_kind, score_problems

Score = tuple[int, int]
Status = Literal["scheduled", "played", "awarded", "postponed", "cancelled", "abandoned"]
Stage = Literal[
    "league",
    "group",
    "playoffs",
    "round_of_32",
    "round_of_16",
    "quarter_finals",
    "semi_finals",
    "final",
    "after_league",
]

SCORE_KEYS = frozenset({"ht", "ft", "et", "p", "pitch"})
# The `status` values upstream writes for a match not played as scheduled, in either spelling and any case.
# Such a match is kept with its status; only an abandoned one may keep a score (the score when it stopped).
UNPLAYED_STATUSES: Mapping[str, Status] = {
    "postponed": "postponed",
    "cancelled": "cancelled",
    "canceled": "cancelled",
    "abandoned": "abandoned",
}
KNOCKOUT_STAGES: frozenset[str] = frozenset(
    {"playoffs", "round_of_32", "round_of_16", "quarter_finals", "semi_finals", "final"}
)

_COUNTRY_SUFFIX = re.compile(r"^(?P<name>.*\S)\s+\((?P<country>[A-Z]{3})\)$")
_SEASON = re.compile(r"^(?P<start>\d{4})-(?P<end>\d{2})$")
_CODE_FILE = re.compile(r"^(?P<code>[a-z0-9]+(?:\.[a-z0-9]+)*)\.json$")
# Bounds that keep every value inside what the database stores (matchdays and goals are SMALLINT) and every
# kick-off inside what a time zone can convert.
_MATCHDAY = re.compile(r"^(?:matchday|round) (?P<n>\d{1,3})$")
# A record's own `stage` field, where upstream gives one: the league season itself, or a phase after it
# (a split's top and bottom halves, play-offs), kept but never ranked with the league.
_LEAGUE_PHASES = frozenset({"regular season", "league", "league phase"})
MAX_GOALS = 99
# As long as the columns they fill; control characters (which PostgreSQL refuses in part) are no name's.
ROUND_LENGTH, CLUB_LENGTH = 60, 100
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
FIRST_DAY, LAST_DAY = dt.date(1850, 1, 1), dt.date(2199, 12, 31)
# A UEFA group: one letter (A to H in the Champions League, to L in the Europa League).
_GROUP = re.compile(r"^group (?P<letter>[a-z])$")
_LEG = re.compile(r"^(?P<n>[12])(?:st|nd) leg$")
_STAGE_WORDS: Mapping[str, Stage] = {
    "league": "league",
    "league phase": "league",
    "group stage": "group",
    "group phase": "group",
    "playoffs": "playoffs",
    "play-offs": "playoffs",
    "knockout round play-offs": "playoffs",
    "knockout play-offs": "playoffs",
    "round of 32": "round_of_32",
    "round of 16": "round_of_16",
    "quarterfinals": "quarter_finals",
    "quarter-finals": "quarter_finals",
    "semifinals": "semi_finals",
    "semi-finals": "semi_finals",
    "final": "final",
}
# "Finals" is openfootball's umbrella for the knockout rounds ("Finals, Round of 16"); it carries no stage.
_UMBRELLA_WORDS = frozenset({"finals", "knockout phase", "knockout stage"})


class OpenFootballError(ValueError):
    """A football.json file (or its path) is not what this parser accepts; the message says where and why."""


@dataclass(frozen=True, slots=True)
class ParsedMatch:
    """One match record, validated.

    `index` is the record's 1-based position in the file's `matches` list, as named in error messages.
    Club names have any " (XXX)" country suffix removed, so "FC Barcelona (ESP)" and the league file's
    "FC Barcelona" are the same `home`/`away` string; the suffix is kept in `home_country`/`away_country`.

    Scores are (home, away). `ft` is the 90-minute score on the pitch; `et` the score after extra time
    (including the 90 minutes), `pens` the shoot-out alone. For an awarded match (`status == "awarded"`) the
    file's `ft` is the awarded score and is kept in `awarded_score`; `ft` is then the on-pitch score only if
    the record keeps one under `score.pitch` (football.json has no standard field for it), else None.
    `counted_score` is the result a table counts (matches.standings.counted_score).

    `stage` is "league" for league rounds and the league phase, "group" for a group-stage match (its `group`
    the letter, "A"), "after_league" for a phase the record's own `stage` field places after the league
    season (a split, play-offs), otherwise the knockout round. `matchday` is set for league rounds (and group
    rounds that name it) only; `leg` (1 or 2) for two-legged knockout ties, taken from the round name or,
    when the name does not say, from the order in which the two clubs meet in that round. `time` is the local
    kick-off time (in the competition's time zone, which the importer knows) or None when the file gives none.
    """

    index: int
    round_name: str
    stage: Stage
    matchday: int | None
    leg: int | None
    date: dt.date
    time: dt.time | None
    home: str
    away: str
    home_country: str | None
    away_country: str | None
    status: Status
    ft: Score | None
    ht: Score | None
    et: Score | None
    pens: Score | None
    awarded_score: Score | None
    group: str | None = None

    @property
    def is_played(self) -> bool:
        """True for a match with a result that counts (played or awarded)."""
        return self.status in ("played", "awarded")

    @property
    def counted_score(self) -> Score | None:
        return counted_score(ft=self.ft, awarded=self.awarded_score) if self.is_played else None


@dataclass(frozen=True, slots=True)
class SetAside:
    """A record left out of a file: its 1-based index in `matches`, what it says of itself (round, date,
    clubs, as far as they can be read) and why it was left out."""

    index: int
    record: str | None
    reason: str

    def message(self, source: str) -> str:
        where = f"match {self.index}" + (f" ({self.record})" if self.record else "")
        return f"{source}: {where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """A whole football.json file, validated. `code`/`season` are inferred from `source` when it is a
    path like `2024-25/es.1.json`, else None. `set_aside` holds the records left out because they contradict
    themselves or cannot be read (only when parsed with `strict=False`), in file order."""

    source: str
    name: str | None
    code: str | None
    season: str | None
    matches: tuple[ParsedMatch, ...]
    set_aside: tuple[SetAside, ...] = ()

    @property
    def clubs(self) -> tuple[str, ...]:
        """Every club in the file (country suffixes removed), sorted."""
        return tuple(sorted({m.home for m in self.matches} | {m.away for m in self.matches}))


def infer_code_and_season(path: str) -> tuple[str, str]:
    """("es.1", "2024-25") from a path or URL ending in `2024-25/es.1.json`; OpenFootballError otherwise."""
    parts = [p for p in urlsplit(path).path.replace("\\", "/").split("/") if p]
    if len(parts) < 2:
        raise OpenFootballError(f"{path}: expected a path ending in SEASON/CODE.json, e.g. 2024-25/es.1.json")
    season, filename = parts[-2], parts[-1]
    code_match = _CODE_FILE.match(filename)
    if not code_match:
        raise OpenFootballError(f"{path}: file name {filename!r} is not CODE.json (e.g. es.1.json)")
    if not is_season(season):
        raise OpenFootballError(f"{path}: folder {season!r} is not a season like 2024-25")
    return code_match["code"], season


def is_season(text: str) -> bool:
    """Whether `text` is a season label as openfootball writes it: 2024-25 (consecutive years)."""
    match = _SEASON.match(text)
    return match is not None and (int(match["start"]) + 1) % 100 == int(match["end"])


def parse_file(data: Mapping[str, Any] | str | bytes, *, source: str, strict: bool = True) -> ParsedFile:
    """Validate and parse a football.json document (already decoded, or its text/bytes).

    `source` names the file in error messages (and, when it is a SEASON/CODE.json path, gives `code` and
    `season`). A document that is not football.json raises OpenFootballError. A record that cannot be read or
    whose score contradicts itself (matches.standings.scores) raises it too when `strict`, naming the first
    such record; otherwise the record is set aside (`ParsedFile.set_aside`) and the rest is kept.
    """
    document = _decode(data, source)
    name = document.get("name")
    if name is not None and not isinstance(name, str):
        raise OpenFootballError(f"{source}: 'name' must be a string")
    records = document.get("matches")
    if not isinstance(records, list):
        raise OpenFootballError(f"{source}: 'matches' must be a list of match objects")
    built: list[ParsedMatch] = []
    set_aside: list[SetAside] = []
    for index, record in enumerate(records, start=1):
        try:
            built.append(_parse_match(record, index))
        except _RecordError as exc:
            set_aside.append(SetAside(index, _describe(record), str(exc)))
            if strict:
                raise OpenFootballError(set_aside[-1].message(source)) from None
    matches, contradictory = _check_scores(_number_legs(built, source))
    set_aside = sorted([*set_aside, *contradictory], key=lambda aside: aside.index)
    if strict and set_aside:
        raise OpenFootballError(set_aside[0].message(source))
    _check_groups(matches, source)
    code, season = _try_infer(source)
    return ParsedFile(source, name, code, season, _number_group_matchdays(matches), tuple(set_aside))


def _decode(data: Mapping[str, Any] | str | bytes, source: str) -> Mapping[str, Any]:
    if isinstance(data, str | bytes):
        try:
            data = json.loads(data)
        # ValueError: an integer of more digits than Python converts; RecursionError: arrays nested too deep.
        except (ValueError, RecursionError) as exc:
            raise OpenFootballError(f"{source}: invalid JSON: {exc}") from None
    if not isinstance(data, Mapping):
        raise OpenFootballError(f"{source}: the document must be a JSON object with a 'matches' list")
    return data


def _try_infer(source: str) -> tuple[str | None, str | None]:
    try:
        return infer_code_and_season(source)
    except OpenFootballError:
        return None, None


class _RecordError(Exception):
    """Raised inside one record's parsing; the record is set aside, or (strict) its file refused, by name."""


def _parse_match(record: object, index: int) -> ParsedMatch:
    if not isinstance(record, Mapping):
        raise _RecordError("must be an object")
    return _build_match(record, index)


def _describe(record: object) -> str | None:
    """What a record says of itself, as far as it can be read: "Matchday 2, 2024-08-24, Home CF v Away CF"."""
    if not isinstance(record, Mapping):
        return None
    bits = [str(record[key])[:ROUND_LENGTH] for key in ("round", "date") if isinstance(record.get(key), str | int)]
    home, away = record.get("team1"), record.get("team2")
    if isinstance(home, str) and isinstance(away, str):
        bits.append(f"{home[:CLUB_LENGTH]} v {away[:CLUB_LENGTH]}")
    return _printable(", ".join(bits)) or "no round or date"


def _check_scores(matches: Sequence[ParsedMatch]) -> tuple[tuple[ParsedMatch, ...], list[SetAside]]:
    """The matches whose scores are consistent (matches.standings.scores), and the others set aside. A
    second leg is checked against its first leg's score when that one is kept."""
    first_legs: dict[tuple[str, frozenset[str]], ParsedMatch] = {}
    kept: list[ParsedMatch] = []
    set_aside: list[SetAside] = []
    for match in sorted(matches, key=lambda m: (m.leg == 2, m.index)):
        problems = score_problems(
            kind=match_kind(in_table=match.stage not in KNOCKOUT_STAGES, leg=match.leg),
            ft=match.ft or match.awarded_score,
            ht=match.ht,
            et=match.et,
            pens=match.pens,
            awarded=match.awarded_score,
            first_leg=_first_leg_score(first_legs, match),
        )
        if problems:
            set_aside.append(SetAside(match.index, _summary(match), describe(problems)))
            continue
        kept.append(match)
        if match.leg == 1:
            first_legs[(match.stage, frozenset((match.home, match.away)))] = match
    return tuple(sorted(kept, key=lambda m: m.index)), set_aside


def _first_leg_score(first_legs: Mapping[tuple[str, frozenset[str]], ParsedMatch], match: ParsedMatch) -> Score | None:
    """The first leg's score from the second leg's point of view (its home side's goals first), if known."""
    first = first_legs.get((match.stage, frozenset((match.home, match.away)))) if match.leg == 2 else None
    score = first.counted_score if first else None
    if first is None or score is None or first.home != match.away:
        return None
    return score[1], score[0]


def _summary(match: ParsedMatch) -> str:
    return f"{match.round_name}, {match.date}, {match.home} v {match.away}"


def _build_match(record: Mapping[str, Any], index: int) -> ParsedMatch:
    round_name, stage, matchday, leg = _round(record)
    group = _group(record, round_name, stage)
    stage = "group" if group else stage
    home, home_country = split_country(_text(record, "team1", longest=CLUB_LENGTH))
    away, away_country = split_country(_text(record, "team2", longest=CLUB_LENGTH))
    if home == away:
        raise _RecordError(f"{home!r} cannot play itself")
    score = _score_object(record)
    status, ft, awarded = _result(record, score)
    return ParsedMatch(
        index=index,
        round_name=round_name,
        stage=stage,
        matchday=matchday,
        leg=leg,
        date=_date(record),
        time=_time(record),
        home=home,
        away=away,
        home_country=home_country,
        away_country=away_country,
        status=status,
        ft=ft,
        **_extra_scores(score),
        awarded_score=awarded,
        group=group,
    )


def _round(record: Mapping[str, Any]) -> tuple[str, Stage, int | None, int | None]:
    """(round name, stage, matchday, leg). A record whose `stage` names a phase after the league season
    ("Championship Round", "Europe Play-offs") is stage "after_league", its round named with the phase so it
    is told apart from the league round of the same name."""
    round_name = _text(record, "round", longest=ROUND_LENGTH)
    if record.get("stage") is None:
        return round_name, *parse_round(round_name)
    phase = _text(record, "stage", longest=ROUND_LENGTH)
    stage, matchday, leg = parse_round(round_name)
    # A knockout round says its own stage; only a league-like round in another phase is told apart.
    if phase.lower() in _LEAGUE_PHASES | _UMBRELLA_WORDS or stage != "league":
        return round_name, stage, matchday, leg
    named = f"{phase}, {round_name}"
    if len(named) > ROUND_LENGTH:
        raise _RecordError(f"stage and round together must be at most {ROUND_LENGTH} characters")
    return named, "after_league", None, None


def _text(record: Mapping[str, Any], key: str, *, longest: int) -> str:
    value = record.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _RecordError(f"{key} must be a non-empty string")
    if len(value.strip()) > longest:
        raise _RecordError(f"{key} must be at most {longest} characters")
    if _CONTROL.search(value):
        raise _RecordError(f"{key} must not hold control characters (a NUL, a line break)")
    if not _is_utf8(value):
        raise _RecordError(f"{key} must be text a database can store, not a lone surrogate escape (\\ud800)")
    return value.strip()


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable(text: str) -> str:
    """Text from a record as a message may quote it: control characters and lone surrogates made visible."""
    return _CONTROL.sub("?", text).encode("utf-8", "backslashreplace").decode("utf-8")


def split_country(team: str) -> tuple[str, str | None]:
    """("FC Barcelona", "ESP") from "FC Barcelona (ESP)"; (team, None) when there is no country suffix."""
    match = _COUNTRY_SUFFIX.match(team)
    return (match["name"], match["country"]) if match else (team, None)


def parse_round(round_name: str) -> tuple[Stage, int | None, int | None]:
    """(stage, matchday, leg) from a round name such as "Matchday 35", "League, Matchday 1",
    "Playoffs, Matchday 2", "Finals, Round of 16", "Quarter-finals, 2nd leg" or "Final".

    In a knockout stage openfootball's "Matchday N" is the N-th leg. Raises _RecordError when unknown.
    """
    stage: Stage | None = None
    number: int | None = None
    leg: int | None = None
    for part in (p.strip().lower() for p in round_name.split(",")):
        if part in _UMBRELLA_WORDS:
            continue
        if part in _STAGE_WORDS:
            stage = _STAGE_WORDS[part]
        elif number_match := _MATCHDAY.match(part):
            number = int(number_match["n"])
        elif _GROUP.match(part):
            stage = "group"
        elif leg_match := _LEG.match(part):
            leg = int(leg_match["n"])
        else:
            raise _RecordError(f"round {round_name!r} is not one this parser knows")
    return _settle_round(round_name, stage, number, leg)


def _settle_round(
    round_name: str, stage: Stage | None, number: int | None, leg: int | None
) -> tuple[Stage, int | None, int | None]:
    if stage == "group":
        if leg is not None:
            raise _RecordError(f"round {round_name!r}: a group round has no legs")
        return "group", number, None
    if stage is None or stage == "league":
        if number is None or leg is not None:
            raise _RecordError(f"round {round_name!r}: a league round needs a matchday and no leg")
        return "league", number, None
    if number is not None:
        if leg is not None or number not in (1, 2):
            raise _RecordError(f"round {round_name!r}: a knockout round has at most two legs")
        leg = number
    return stage, None, leg


def _group(record: Mapping[str, Any], round_name: str, stage: Stage) -> str | None:
    """The letter of a group-stage match's group, from the round name, the record's `group`, or both."""
    in_round = {m["letter"].upper() for p in round_name.split(",") if (m := _GROUP.match(p.strip().lower()))}
    value = record.get("group")
    beside = None
    if value is not None:
        named = _GROUP.match(value.strip().lower()) if isinstance(value, str) else None
        if named is None:
            raise _RecordError(f"group {value!r} is not a group such as 'Group A'")
        beside = named["letter"].upper()
    letters = in_round | ({beside} if beside else set())
    if len(letters) > 1:
        raise _RecordError(f"round {round_name!r} and group {value!r} name different groups")
    if letters and stage not in ("league", "group"):
        raise _RecordError(f"round {round_name!r} is a knockout round, which has no group")
    if stage == "group" and not letters:
        raise _RecordError(f"round {round_name!r} is in the group stage but names no group (such as 'Group A')")
    return letters.pop() if letters else None


def _check_groups(matches: Sequence[ParsedMatch], source: str) -> None:
    """A file's league-stage matches are all in groups or none is, and a club plays in one group only."""
    grouped = [m for m in matches if m.group]
    if not grouped:
        return
    clubs_group: dict[str, ParsedMatch] = {}
    for match in matches:
        if match.stage == "league":
            raise OpenFootballError(
                f"{source}: match {match.index} ({match.round_name}, {match.date}): no group, though match "
                f"{grouped[0].index} is in Group {grouped[0].group}; a group stage names every match's group"
            )
        for club in (match.home, match.away) if match.group else ():
            first = clubs_group.setdefault(club, match)
            if first.group != match.group:
                raise OpenFootballError(
                    f"{source}: match {match.index} ({match.round_name}, {match.date}): {club} is in Group "
                    f"{match.group} here but in Group {first.group} in match {first.index}"
                )


def _date(record: Mapping[str, Any]) -> dt.date:
    value = record.get("date")
    try:
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise _RecordError(f"date must be a real date written YYYY-MM-DD, not {value!r}") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise _RecordError(f"date {value} is not between {FIRST_DAY} and {LAST_DAY}")
    return day


def _time(record: Mapping[str, Any]) -> dt.time | None:
    value = record.get("time")
    if value is None:
        return None
    try:
        if not isinstance(value, str) or not re.fullmatch(r"\d{2}:\d{2}", value):
            raise ValueError
        return dt.time.fromisoformat(value)
    except ValueError:
        raise _RecordError(f"time must be a local time written HH:MM, not {value!r}") from None


def _score_object(record: Mapping[str, Any]) -> Mapping[str, Any]:
    # A missing score is read like `{}`: a fixture not yet played.
    score = record.get("score", {})
    if not isinstance(score, Mapping):
        raise _RecordError("score must be an object")
    unknown = set(score) - SCORE_KEYS
    if unknown:
        raise _RecordError(f"score has unknown keys {sorted(unknown)}; expected some of ht, ft, et, p")
    return score


def _pair(score: Mapping[str, Any], key: str) -> Score | None:
    value = score.get(key)
    if value is None:
        return None
    valid = isinstance(value, list | tuple) and len(value) == 2
    if not valid or not all(isinstance(g, int) and not isinstance(g, bool) and g >= 0 for g in value):
        raise _RecordError(f"score {key} must be two non-negative integers, not {value!r}")
    if max(value) > MAX_GOALS:
        raise _RecordError(f"score {key} {list(value)} has more than {MAX_GOALS} goals on a side")
    return (value[0], value[1])


def _result(record: Mapping[str, Any], score: Mapping[str, Any]) -> tuple[Status, Score | None, Score | None]:
    """(status, on-pitch ft, awarded score) from `status` and `score.ft` / `score.pitch`."""
    ft, pitch = _pair(score, "ft"), _pair(score, "pitch")
    status = record.get("status")
    if status is None:
        if pitch is not None:
            raise _RecordError("score pitch is only for an awarded match")
        return ("played" if ft else "scheduled"), ft, None
    if isinstance(status, str) and status.strip().lower() in UNPLAYED_STATUSES:
        return _unplayed(UNPLAYED_STATUSES[status.strip().lower()], ft, pitch)
    if status != "awarded":
        known = ", ".join(["awarded", *UNPLAYED_STATUSES])
        raise _RecordError(f"status {status!r} is not known; the statuses are {known}")
    if ft is None:
        raise _RecordError("an awarded match needs its awarded score in score ft")
    return "awarded", pitch, ft


def _unplayed(status: Status, ft: Score | None, pitch: Score | None) -> tuple[Status, Score | None, None]:
    if pitch is not None:
        raise _RecordError("score pitch is only for an awarded match")
    if ft is not None and status != "abandoned":
        raise _RecordError(f"a {status} match has no score (only an abandoned one keeps the score when it stopped)")
    return status, ft, None


def _extra_scores(score: Mapping[str, Any]) -> dict[str, Score | None]:
    # Whether they fit together is matches.standings.scores' to say, once for every way a score gets in.
    return {"ht": _pair(score, "ht"), "et": _pair(score, "et"), "pens": _pair(score, "p")}


def _number_group_matchdays(matches: tuple[ParsedMatch, ...]) -> tuple[ParsedMatch, ...]:
    """Fill in `matchday` for group matches whose round does not give it ("Group B"): in a group every club
    plays once a matchday, so a match's matchday is one more than the most either club had played before it
    (in date order)."""
    played: dict[str, int] = defaultdict(int)
    numbered: dict[int, int] = {}
    for match in sorted((m for m in matches if m.group and m.matchday is None), key=lambda m: (m.date, m.index)):
        matchday = max(played[match.home], played[match.away]) + 1
        played[match.home] = played[match.away] = numbered[match.index] = matchday
    return tuple(dataclasses.replace(m, matchday=numbered[m.index]) if m.index in numbered else m for m in matches)


def _number_legs(matches: Sequence[ParsedMatch], source: str) -> tuple[ParsedMatch, ...]:
    """Fill in `leg` for knockout matches whose round name does not give it: the two meetings of the same
    clubs in the same two-legged round are legs 1 and 2 in date order; a lone meeting (a final) has none."""
    meetings: dict[tuple[str, frozenset[str]], list[ParsedMatch]] = defaultdict(list)
    for match in matches:
        if match.stage in KNOCKOUT_STAGES and match.leg is None:
            meetings[(match.stage, frozenset((match.home, match.away)))].append(match)
    legs: dict[int, int] = {}
    for group in meetings.values():
        if len(group) > 2:
            first = group[0]
            raise OpenFootballError(
                f"{source}: match {group[2].index} ({group[2].round_name}, {group[2].date}): "
                f"{first.home} and {first.away} meet more than twice in {first.round_name!r}"
            )
        if len(group) == 2:
            ordered = sorted(group, key=lambda m: (m.date, m.index))
            legs.update({m.index: n for n, m in enumerate(ordered, start=1)})
    return tuple(dataclasses.replace(m, leg=legs[m.index]) if m.index in legs else m for m in matches)
