"""Load openfootball football.json files into the database.

Reading and validating is `matches.openfootball` (pure); this module maps parsed records onto rows.
Every file is parsed before anything is written, and each file is written in one transaction, so a
malformed file leaves nothing half-imported. Matches are identified by season, home, away and round,
so a second import changes nothing and a corrected score updates just that match.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction

from matches import live
from matches.actions import settle_tie
from matches.knockout import group_ties
from matches.models import TABLE_STAGES, Club, Competition, Match, Season, Stage, Tie
from matches.openfootball import OpenFootballError, ParsedFile, ParsedMatch, infer_code_and_season, parse_file
from matches.standings import tie_rules


@dataclass(frozen=True)
class CompetitionInfo:
    name: str
    short_name: str
    kind: str
    country: str
    country_code: str
    rules: str
    timezone: str


# The competitions Pressbox knows how to rank; an unknown code is refused rather than guessed at.
KNOWN_COMPETITIONS: dict[str, CompetitionInfo] = {
    "es.1": CompetitionInfo(
        "La Liga", "La Liga", "league", "Spain", "ESP", Competition.TieBreakRules.HEAD_TO_HEAD_FIRST, "Europe/Madrid"
    ),
    "en.1": CompetitionInfo(
        "Premier League",
        "Premier League",
        "league",
        "England",
        "ENG",
        Competition.TieBreakRules.GOAL_DIFFERENCE_FIRST,
        "Europe/London",
    ),
    "de.1": CompetitionInfo(
        "Bundesliga", "Bundesliga", "league", "Germany", "GER", Competition.TieBreakRules.BUNDESLIGA, "Europe/Berlin"
    ),
    "it.1": CompetitionInfo(
        "Serie A", "Serie A", "league", "Italy", "ITA", Competition.TieBreakRules.SERIE_A, "Europe/Rome"
    ),
    "uefa.cl": CompetitionInfo(
        "UEFA Champions League",
        "Champions League",
        "league_phase_knockout",
        "",
        "",
        Competition.TieBreakRules.UCL_LEAGUE_PHASE,
        "Europe/Paris",
    ),
    # The Europa League and Conference League league phases (2024-25 on) rank by the same criteria as the
    # Champions League's (UEFA Europa League and Conference League Regulations 2024-25, Art. 17); their group
    # stages (the Conference League's from 2021-22) by UEFA's group rules (matches.standings.rules).
    "uefa.el": CompetitionInfo(
        "UEFA Europa League",
        "Europa League",
        "league_phase_knockout",
        "",
        "",
        Competition.TieBreakRules.UCL_LEAGUE_PHASE,
        "Europe/Paris",
    ),
    "uefa.conf": CompetitionInfo(
        "UEFA Conference League",
        "Conference League",
        "league_phase_knockout",
        "",
        "",
        Competition.TieBreakRules.UCL_LEAGUE_PHASE,
        "Europe/Paris",
    ),
}

# The files openfootball's football.json repository holds for the seasons Pressbox ships.
DEFAULT_FILES = (
    "2023-24/de.1.json",
    "2024-25/de.1.json",
    "2024-25/en.1.json",
    "2024-25/es.1.json",
    "2024-25/it.1.json",
    "2024-25/uefa.cl.json",
)
OPENFOOTBALL_REPOSITORY = "https://github.com/openfootball/football.json"
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024

_STAGES = {
    "group": Stage.GROUP,
    "playoffs": Stage.PLAY_OFF,
    "round_of_32": Stage.ROUND_OF_32,
    "round_of_16": Stage.ROUND_OF_16,
    "quarter_finals": Stage.QUARTER_FINAL,
    "semi_finals": Stage.SEMI_FINAL,
    "final": Stage.FINAL,
}
# Affixes that club names carry officially but that readers do not say: "Real Madrid CF" is "Real Madrid".
_AFFIXES = re.compile(r"^(?:FC|AC|SSC|SS|US|AS|RC|CA|UD|CD|RCD|SD|SV|VfL|TSG|1\.\s?FC|Club)\s+|\s+(?:FC|CF|AFC|BC)$")


class ImportFailed(Exception):
    """A source could not be read or parsed; the message names the file and, where known, the record."""


@dataclass
class FileReport:
    source: str
    code: str
    season: str
    matches: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    clubs_created: int = 0


@dataclass
class Source:
    """One football.json document, read from a path or a URL, with the code and season it is for."""

    location: str
    text: bytes
    code: str
    season: str
    parsed: ParsedFile | None = field(default=None)


def expand_locations(locations: Iterable[str]) -> list[str]:
    """A repository URL stands for the default files in it; files and file URLs stand for themselves."""
    expanded: list[str] = []
    for location in locations:
        if is_url(location) and not location.endswith(".json"):
            expanded.extend(f"{raw_base(location)}/{name}" for name in DEFAULT_FILES)
        else:
            expanded.append(location)
    return expanded


def is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def raw_base(url: str) -> str:
    """github.com/openfootball/football.json → its raw-file address; any other base is used as it is."""
    url = url.rstrip("/")
    match = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+?)(?:\.git)?", url)
    if match:
        return f"https://raw.githubusercontent.com/{match[1]}/{match[2]}/master"
    return url


def read_source(location: str, *, code: str | None = None, season: str | None = None) -> Source:
    """Read one file or URL; the code and season come from its path unless given."""
    if not (code and season):
        try:
            inferred_code, inferred_season = infer_code_and_season(location)
        except OpenFootballError as error:
            raise ImportFailed(f"{error} (or give --competition and --season)") from None
        code, season = code or inferred_code, season or inferred_season
    if code not in KNOWN_COMPETITIONS:
        known = ", ".join(sorted(KNOWN_COMPETITIONS))
        raise ImportFailed(f"{location}: unknown competition {code!r}; known codes are {known}")
    return Source(location, fetch(location) if is_url(location) else read_path(location), code, season)


def read_path(location: str) -> bytes:
    try:
        return Path(location).read_bytes()
    except OSError as error:
        raise ImportFailed(f"{location}: cannot read the file ({error.strerror or error})") from None


def fetch(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "Pressbox importer"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # only http(s): is_url() gate
            body = response.read(MAX_DOWNLOAD_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise ImportFailed(f"{url}: the server answered {error.code} {error.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise ImportFailed(f"{url}: cannot download ({reason})") from None
    if len(body) > MAX_DOWNLOAD_BYTES:
        raise ImportFailed(f"{url}: larger than {MAX_DOWNLOAD_BYTES // 1_000_000} MB; not a football.json file")
    return body


def parse_source(source: Source) -> Source:
    try:
        source.parsed = parse_file(source.text, source=source.location)
    except OpenFootballError as error:
        raise ImportFailed(str(error)) from None
    refuse_repeats(source.parsed)
    return source


def refuse_repeats(parsed: ParsedFile) -> None:
    """A season holds one match per round between two clubs, home and away (how upsert_matches finds it): the
    same meeting twice in a file is refused, naming both records, before anything is written."""
    seen: dict[tuple[str, str, str], ParsedMatch] = {}
    for match in parsed.matches:
        first = seen.setdefault((match.round_name, match.home, match.away), match)
        if first is not match:
            raise ImportFailed(
                f"{parsed.source}: match {match.index} ({match.round_name}, {match.date}): "
                f"{match.home} v {match.away} in this round is already match {first.index}"
            )


def import_sources(
    sources: list[Source], *, progress: Callable[[FileReport], None] = lambda r: None
) -> list[FileReport]:
    """Write already-parsed sources, one transaction each; returns a report per file."""
    reports = []
    for source in sources:
        report = import_parsed(source)
        progress(report)
        reports.append(report)
    return reports


@transaction.atomic
def import_parsed(source: Source) -> FileReport:
    assert source.parsed is not None, "parse_source() first"
    competition = ensure_competition(source.code)
    season = ensure_season(competition, source.season, source.parsed)
    set_format(season, source.parsed)
    report = FileReport(source.location, source.code, source.season, matches=len(source.parsed.matches))
    clubs = ensure_clubs(source.parsed, KNOWN_COMPETITIONS[source.code].country_code, report)
    season.clubs.add(*clubs.values())
    upsert_matches(season, source.parsed.matches, clubs, ZoneInfo(competition.timezone), report)
    if competition.kind == Competition.Kind.LEAGUE_PHASE_KNOCKOUT:
        rebuild_ties(season)
    return report


def ensure_competition(code: str) -> Competition:
    info = KNOWN_COMPETITIONS[code]
    competition, _ = Competition.objects.get_or_create(
        code=code,
        defaults={
            "name": info.name,
            "short_name": info.short_name,
            "kind": info.kind,
            "country": info.country,
            "tie_break_rules": info.rules,
            "timezone": info.timezone,
        },
    )
    return competition


def ensure_season(competition: Competition, label: str, parsed: ParsedFile) -> Season:
    dates = [m.date for m in parsed.matches]
    season, _ = Season.objects.get_or_create(competition=competition, label=label)
    start, end = (min(dates), max(dates)) if dates else (None, None)
    if (season.start_date, season.end_date) != (start, end):
        season.start_date, season.end_date = start, end
        season.save(update_fields=["start_date", "end_date"])
    return season


def set_format(season: Season, parsed: ParsedFile) -> None:
    """The season's format from its matches: groups when they name groups, a league phase in a league-phase
    competition's other seasons, a league in a league's. A file of knockout rounds alone keeps what is stored
    (the group stage may be in another file)."""
    stages = {m.stage for m in parsed.matches}
    if "group" in stages:
        played_as = Season.Format.GROUP_STAGE
    elif "league" not in stages:
        return
    elif season.competition.kind == Competition.Kind.LEAGUE_PHASE_KNOCKOUT:
        played_as = Season.Format.LEAGUE_PHASE
    else:
        played_as = Season.Format.LEAGUE
    if season.format != played_as:
        season.format = played_as
        season.save(update_fields=["format"])


def short_name(name: str) -> str:
    shorter = _AFFIXES.sub("", name).strip()
    return shorter if shorter and shorter != name else ""


def ensure_clubs(parsed: ParsedFile, default_country: str, report: FileReport) -> dict[str, Club]:
    """Clubs by the name the file uses (country suffix removed), creating the missing ones."""
    countries = {m.home: m.home_country for m in parsed.matches} | {m.away: m.away_country for m in parsed.matches}
    clubs = {club.name: club for club in Club.objects.filter(name__in=parsed.clubs)}
    for name in parsed.clubs:
        if name not in clubs:
            country = countries.get(name) or default_country
            clubs[name] = Club.objects.create(name=name, short_name=short_name(name), country=country)
            report.clubs_created += 1
    return clubs


# The fields an import owns; editors' additions (venue, tie, minute) are left as they are.
IMPORTED_FIELDS = (
    "stage",
    "group",
    "matchday",
    "leg",
    "kickoff",
    "kickoff_date",
    "kickoff_time_known",
    "status",
    "home_score",
    "away_score",
    "home_ht",
    "away_ht",
    "home_et",
    "away_et",
    "home_pens",
    "away_pens",
    "home_awarded",
    "away_awarded",
)


def match_values(parsed: ParsedMatch, competition_kind: str, zone: ZoneInfo) -> dict[str, object]:
    time_known = parsed.time is not None
    local = dt.datetime.combine(parsed.date, parsed.time or dt.time(12, 0), tzinfo=zone)
    stage = _STAGES.get(parsed.stage) or (
        Stage.LEAGUE_PHASE if competition_kind == Competition.Kind.LEAGUE_PHASE_KNOCKOUT else Stage.LEAGUE
    )
    status = {"scheduled": Match.Status.SCHEDULED, "played": Match.Status.FINISHED, "awarded": Match.Status.AWARDED}
    values: dict[str, object] = {
        "stage": stage,
        "group": parsed.group or "",
        "matchday": parsed.matchday,
        "leg": parsed.leg,
        "kickoff": local.astimezone(dt.UTC),
        "kickoff_date": parsed.date,
        "kickoff_time_known": time_known,
        "status": status[parsed.status],
    }
    for part, score in (
        ("score", parsed.ft),
        ("ht", parsed.ht),
        ("et", parsed.et),
        ("pens", parsed.pens),
        ("awarded", parsed.awarded_score),
    ):
        values[f"home_{part}"], values[f"away_{part}"] = score if score else (None, None)
    return values


def upsert_matches(
    season: Season, parsed: Iterable[ParsedMatch], clubs: dict[str, Club], zone: ZoneInfo, report: FileReport
) -> None:
    existing = {(m.home_id, m.away_id, m.round_name): m for m in Match.objects.filter(season=season)}
    kind = season.competition.kind
    to_create, to_update = [], []
    for record in parsed:
        home, away = clubs[record.home], clubs[record.away]
        values = match_values(record, kind, zone)
        match = existing.get((home.pk, away.pk, record.round_name))
        if match is None:
            to_create.append(Match(season=season, home=home, away=away, round_name=record.round_name, **values))
        elif any(getattr(match, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(match, name, value)
            to_update.append(match)
        else:
            report.unchanged += 1
    Match.objects.bulk_create(to_create, batch_size=500)
    # bulk_update skips auto_now, and live pages key their caches on updated_at.
    now = dt.datetime.now(dt.UTC)
    for match in to_update:
        match.updated_at = now
    Match.objects.bulk_update(to_update, [*IMPORTED_FIELDS, "updated_at"], batch_size=500)
    report.created, report.updated = len(to_create), len(to_update)
    if to_create or to_update:
        changed = [m.pk for m in to_update]
        transaction.on_commit(lambda: live.bump_many(match_ids=changed, season_id=season.pk))


def rebuild_ties(season: Season) -> None:
    """Group the knockout matches into ties and settle each one that has been played out."""
    knockout = Match.objects.filter(season=season).exclude(stage__in=TABLE_STAGES).order_by("kickoff", "pk")
    rules = tie_rules(season.competition.code, season.label)
    for (stage, _), legs in group_ties(knockout).items():
        first = legs[0]
        tie, _ = Tie.objects.get_or_create(
            season=season, stage=stage, club_a_id=first.home_id, club_b_id=first.away_id, defaults={"legs": 2}
        )
        settle_tie(tie=tie, legs=legs, rules=rules)
