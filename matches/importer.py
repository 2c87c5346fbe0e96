"""Load openfootball football.json files into the database.

Reading and validating is `matches.openfootball` (pure); this module maps parsed records onto rows.
Every file is parsed before anything is written, and all the files given together are written in one
transaction (`import_sources`), so a file that fails, even at the database, leaves nothing of any of them.
A record that contradicts itself is set aside with its reason (or, `strict`, refuses its file). Matches
are identified by season, home, away and round, so a second import changes nothing and a corrected score
updates just that match. Finding the files of openfootball's repository is `matches.repository`.
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

from django.db import DatabaseError, transaction

from matches import live
from matches.actions import settle_tie
from matches.knockout import group_ties
from matches.models import TABLE_STAGES, Club, Competition, Match, Season, Stage, Tie
from matches.openfootball import (
    OpenFootballError,
    ParsedFile,
    ParsedMatch,
    infer_code_and_season,
    parse_file,
)
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


def _league(name: str, short: str, country: str, code: str, rules: str, zone: str) -> CompetitionInfo:
    return CompetitionInfo(name, short, Competition.Kind.LEAGUE, country, code, rules, zone)


_RULES = Competition.TieBreakRules
# The competitions Pressbox knows, by openfootball's code: names, where kick-off times are local, and the
# family of rules they rank by (the edition per season is matches.standings.rules.EDITIONS). A code not
# listed is still imported, as `unknown_competition` describes.
KNOWN_COMPETITIONS: dict[str, CompetitionInfo] = {
    "es.1": _league("La Liga", "La Liga", "Spain", "ESP", _RULES.HEAD_TO_HEAD_FIRST, "Europe/Madrid"),
    "en.1": _league(
        "Premier League", "Premier League", "England", "ENG", _RULES.GOAL_DIFFERENCE_FIRST, "Europe/London"
    ),
    "de.1": _league("Bundesliga", "Bundesliga", "Germany", "GER", _RULES.BUNDESLIGA, "Europe/Berlin"),
    "it.1": _league("Serie A", "Serie A", "Italy", "ITA", _RULES.SERIE_A, "Europe/Rome"),
    "fr.1": _league("Ligue 1", "Ligue 1", "France", "FRA", _RULES.LIGUE_1, "Europe/Paris"),
    "nl.1": _league("Eredivisie", "Eredivisie", "Netherlands", "NED", _RULES.EREDIVISIE, "Europe/Amsterdam"),
    "pt.1": _league("Primeira Liga", "Primeira Liga", "Portugal", "POR", _RULES.PRIMEIRA_LIGA, "Europe/Lisbon"),
    "be.1": _league("Belgian Pro League", "Pro League", "Belgium", "BEL", _RULES.PRO_LEAGUE, "Europe/Brussels"),
    "sco.1": _league(
        "Scottish Premiership", "Premiership", "Scotland", "SCO", _RULES.SCOTTISH_PREMIERSHIP, "Europe/London"
    ),
    "tr.1": _league("Süper Lig", "Süper Lig", "Turkey", "TUR", _RULES.SUPER_LIG, "Europe/Istanbul"),
    "en.2": _league("EFL Championship", "Championship", "England", "ENG", _RULES.CHAMPIONSHIP, "Europe/London"),
    "uefa.cl": CompetitionInfo(
        "UEFA Champions League",
        "Champions League",
        Competition.Kind.LEAGUE_PHASE_KNOCKOUT,
        "",
        "",
        _RULES.UCL_LEAGUE_PHASE,
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


def competition_info(code: str, name: str | None) -> CompetitionInfo:
    """What Pressbox knows of competition `code`, or for a code it does not know, a league named after the
    file's `name` field (the code when it has none), ranked by points, goal difference and goals scored with
    a note that the official tie-breaks are not known. Its kick-off times are read as UTC, the source not
    saying where they are local; an editor can set the competition's time zone and import again."""
    if code in KNOWN_COMPETITIONS:
        return KNOWN_COMPETITIONS[code]
    title = _SEASON_SUFFIX.sub("", (name or "").strip())[:100].strip() or code
    return CompetitionInfo(title, "", Competition.Kind.LEAGUE, "", "", _RULES.UNKNOWN, "UTC")


OPENFOOTBALL_REPOSITORY = "https://github.com/openfootball/football.json"
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024
DOWNLOAD_TIMEOUT = 30  # seconds without an answer before a download is given up

_STAGES = {
    "group": Stage.GROUP,
    "playoffs": Stage.PLAY_OFF,
    "round_of_32": Stage.ROUND_OF_32,
    "round_of_16": Stage.ROUND_OF_16,
    "quarter_finals": Stage.QUARTER_FINAL,
    "semi_finals": Stage.SEMI_FINAL,
    "final": Stage.FINAL,
    "after_league": Stage.OTHER,  # a split's halves or play-offs: kept, not ranked with the league
}
# Affixes that club names carry officially but that readers do not say: "Real Madrid CF" is "Real Madrid".
_AFFIXES = re.compile(r"^(?:FC|AC|SSC|SS|US|AS|RC|CA|UD|CD|RCD|SD|SV|VfL|TSG|1\.\s?FC|Club)\s+|\s+(?:FC|CF|AFC|BC)$")


# As Competition.code and Season.label are written (their validators), checked before anything is stored.
_CODE = re.compile(r"(?=.{1,20}$)[a-z0-9]+(\.[a-z0-9]+)*")
# openfootball's `name` ends with the season ("Ligue 1 2019/20"), which a competition's name does not.
_SEASON_SUFFIX = re.compile(r"[\s,]+\d{4}(?:[/-]\d{2}(?:\d{2})?)?$")
_SEASON_LABEL = re.compile(r"\d{4}(-\d{2})?")


class ImportFailed(Exception):
    """A source could not be read or parsed; the message names the file and, where known, the record."""


class NotFound(ImportFailed):
    """The server has no such file (a 404): for a repository probed for its files, simply not there."""


class Unreachable(ImportFailed):
    """No answer at all (no network, an unknown host, a timeout): no use asking that server for more files."""


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
    set_aside: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """What the import did with the file, for a person: a summary line, then each record set aside."""
        summary = (
            f"{self.code} {self.season} ({self.source}): {self.matches} matches — {self.created} created, "
            f"{self.updated} updated, {self.unchanged} unchanged"
            + (f"; {self.clubs_created} new clubs" if self.clubs_created else "")
            + (f"; {len(self.set_aside)} set aside" if self.set_aside else "")
        )
        return [summary, *(f"  set aside: {message}" for message in self.set_aside)]


@dataclass
class Source:
    """One football.json document, read from a path or a URL, with the code and season it is for."""

    location: str
    text: bytes
    code: str
    season: str
    parsed: ParsedFile | None = field(default=None)


def is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def read_source(location: str, *, code: str | None = None, season: str | None = None) -> Source:
    """Read one file or URL; the code and season come from its path unless given."""
    if not (code and season):
        try:
            inferred_code, inferred_season = infer_code_and_season(location)
        except OpenFootballError as error:
            raise ImportFailed(f"{error} (or give --competition and --season)") from None
        code, season = code or inferred_code, season or inferred_season
    if not _CODE.fullmatch(code):
        raise ImportFailed(
            f"{location}: {code!r} is not a competition code (lower-case letters and digits "
            "with dots, at most 20 characters, such as es.1)"
        )
    if not _SEASON_LABEL.fullmatch(season):
        raise ImportFailed(f"{location}: {season!r} is not a season (write 2024-25, or 2026 for a tournament)")
    return Source(location, fetch(location) if is_url(location) else read_path(location), code, season)


def read_path(location: str) -> bytes:
    try:
        return Path(location).read_bytes()
    except OSError as error:
        raise ImportFailed(f"{location}: cannot read the file ({error.strerror or error})") from None


def fetch(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "Pressbox importer"})
    try:
        with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT) as response:  # only http(s): is_url() gate
            body = response.read(MAX_DOWNLOAD_BYTES + 1)
    except urllib.error.HTTPError as error:
        refusal = NotFound if error.code == 404 else ImportFailed
        raise refusal(f"{url}: the server answered {error.code} {error.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise Unreachable(f"{url}: cannot download ({reason})") from None
    if len(body) > MAX_DOWNLOAD_BYTES:
        raise ImportFailed(f"{url}: larger than {MAX_DOWNLOAD_BYTES // 1_000_000} MB; not a football.json file")
    return body


def parse_source(source: Source, *, strict: bool = False) -> Source:
    """Parse a source's text: records that contradict themselves are set aside (`parsed.set_aside`), or,
    `strict`, refuse the whole file. A file that is not football.json, or that gives one fixture twice, is
    refused (ImportFailed naming the file and the records)."""
    try:
        source.parsed = parse_file(source.text, source=source.location, strict=strict)
    except OpenFootballError as error:
        raise ImportFailed(str(error)) from None
    refuse_repeats([source])
    return source


FixtureKey = tuple[str, int | None, int | None, str, str]


def fixture_key(match: ParsedMatch) -> FixtureKey:
    """What makes a fixture one in a season: its stage, matchday or leg, and the clubs home and away."""
    return match.stage, match.matchday, match.leg, match.home, match.away


def refuse_repeats(sources: list[Source]) -> None:
    """One result per fixture: the same meeting given twice, in one file or in two files for the same
    competition and season, is refused naming both records, before anything is written (otherwise the last
    one read would silently win)."""
    seen: dict[tuple[str, str], dict[object, tuple[Source, ParsedMatch]]] = {}
    for source in sources:
        assert source.parsed is not None, "parse_source() first"
        fixtures = seen.setdefault((source.code, source.season), {})
        for match in source.parsed.matches:
            for key in (fixture_key(match), (match.round_name, match.home, match.away)):
                first_source, first = fixtures.setdefault(key, (source, match))
                if first is not match:
                    where = "" if first_source is source else f" of {first_source.location}"
                    raise ImportFailed(
                        f"{source.location}: match {match.index} ({match.round_name}, {match.date}): "
                        f"{match.home} v {match.away} is already match {first.index}{where}: "
                        "one fixture cannot have two results"
                    )


def import_sources(
    sources: list[Source], *, progress: Callable[[FileReport], None] = lambda r: None
) -> list[FileReport]:
    """Write already-parsed sources, all in one transaction; returns a report per file.

    Raises ImportFailed naming the file when the database refuses anything (validation is meant to have
    caught it first); then nothing of any of the sources is kept.
    """
    refuse_repeats(sources)
    reports: list[FileReport] = []
    current = sources[0] if sources else None
    try:
        with transaction.atomic():
            for current in sources:
                report = import_parsed(current)
                progress(report)
                reports.append(report)
    except DatabaseError as error:
        assert current is not None
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ImportFailed(f"{current.location}: the database refused it ({reason}); nothing was imported") from None
    return reports


@transaction.atomic
def import_parsed(source: Source) -> FileReport:
    assert source.parsed is not None, "parse_source() first"
    info = competition_info(source.code, source.parsed.name)
    competition = ensure_competition(source.code, info)
    season = ensure_season(competition, source.season, source.parsed)
    set_format(season, source.parsed)
    report = FileReport(source.location, source.code, source.season, matches=len(source.parsed.matches))
    report.set_aside = [aside.message(source.location) for aside in source.parsed.set_aside]
    clubs = ensure_clubs(source.parsed, info.country_code, report)
    season.clubs.add(*clubs.values())
    upsert_matches(season, source.parsed.matches, clubs, ZoneInfo(competition.timezone), report)
    if competition.kind == Competition.Kind.LEAGUE_PHASE_KNOCKOUT:
        rebuild_ties(season)
    return report


def ensure_competition(code: str, info: CompetitionInfo) -> Competition:
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
    """The name without its official affixes, or "" when that is the name itself or too long to store."""
    shorter = _AFFIXES.sub("", name).strip()
    longest = Club._meta.get_field("short_name").max_length or 0
    return shorter if shorter and shorter != name and len(shorter) <= longest else ""


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
    status = {
        "scheduled": Match.Status.SCHEDULED,
        "played": Match.Status.FINISHED,
        "awarded": Match.Status.AWARDED,
        "postponed": Match.Status.POSTPONED,
        "cancelled": Match.Status.CANCELLED,
        "abandoned": Match.Status.ABANDONED,
    }
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
