"""Tables, race facts and runs for a season, read from the database and ranked by the pure rules.

Each function costs a fixed number of queries, whatever the number of matches: the season's matches are
read once as plain values and every rule runs in Python over them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.db.models import Exists

from matches.models import TABLE_STAGES, Club, Match, PointDeduction, Season
from matches.standings import (
    RaceFacts,
    Result,
    Row,
    RuleSet,
    Runs,
    Venue,
    Zone,
    compute_table,
    counted_score,
    longest_runs,
    race_facts,
    zones_for,
)
from matches.standings.results import score_of

_FIELDS = (
    "pk",
    "kickoff",
    "home_id",
    "away_id",
    "status",
    "kickoff_date",
    "matchday",
    "home_score",
    "away_score",
    "home_awarded",
    "away_awarded",
    "kickoff_time_known",
    "group",
)


@dataclass(frozen=True)
class Fixture:
    """A league match as plain values: enough to rank, and to count what is left to play."""

    match_id: int
    kickoff: dt.datetime
    home: str
    away: str
    status: str
    date: dt.date
    matchday: int | None
    score: tuple[int, int] | None
    # False while the competition has not fixed the kick-off time: `kickoff` then holds a placeholder hour.
    time_known: bool = True
    # False for a match after a league's split (RuleSet.regular_season_rounds): listed, never ranked.
    ranked: bool = True
    # The letter of a group-stage match's group, "" for a league or league-phase match.
    group: str = ""

    @property
    def to_play(self) -> bool:
        """Whether the match is one of its clubs' matches in the ranked season (played or still to be): not
        one cancelled or abandoned, nor one after a split."""
        return self.ranked and self.status not in Match.VOID_STATUSES

    def counts(self, *, as_of: dt.date | None, live: bool, before: dt.datetime | None = None) -> bool:
        if not self.ranked:
            return False
        if as_of is not None and self.date > as_of:
            return False
        if before is not None and self.kickoff >= before:
            return False
        if self.status in Match.IN_PLAY_STATUSES:
            return live and self.score is not None
        return self.status in Match.PLAYED_STATUSES and self.score is not None

    def result(self) -> Result:
        assert self.score is not None
        return Result(
            match_id=self.match_id,
            home=self.home,
            away=self.away,
            home_goals=self.score[0],
            away_goals=self.score[1],
            date=self.date,
            matchday=self.matchday,
            live=self.status in Match.IN_PLAY_STATUSES,
        )


# Every UEFA group stage since 2011-12 sends its top two on to the knockout rounds.
GROUP_ZONES = (Zone("knockout_stage", 1, 2),)


@dataclass(frozen=True)
class Deduction:
    """Points an editor recorded as taken off a club, with the reason and the day it was decided."""

    club: str
    points: int
    reason: str
    decided_on: dt.date | None


@dataclass(frozen=True)
class SeasonTable:
    """A season's table. In a group-stage season the season's own table has no rows (there is no one table
    of all the groups): `group_tables()` gives one table per group, `group` naming the group of each."""

    season: Season
    as_of: dt.date | None
    live: bool
    venue: Venue
    rows: list[Row]
    clubs: dict[str, Club]
    fixtures: list[Fixture]
    deductions: dict[str, int]
    zones: tuple[Zone, ...]
    deduction_entries: tuple[Deduction, ...] = ()
    group: str = ""
    before: dt.datetime | None = None

    @property
    def rules(self) -> RuleSet:
        """The season's edition of its competition's rules: for a UEFA season before 2024-25, its group stage's."""
        return self.season.rules

    @property
    def notes(self) -> list[str]:
        """What a reader must know about how this table is ranked: a note of the rules (a split not modelled,
        tie-breaks not known, a season cut short), empty for a season played out under known rules."""
        return [self.rules.note] if self.rules.note else []

    @property
    def groups(self) -> list[str]:
        """The letters of the season's groups, in order; [] for a season without groups."""
        return sorted({fixture.group for fixture in self.fixtures if fixture.group})

    def group_tables(self) -> list[SeasonTable]:
        """One table per group, A first, counting what this table counts. No queries."""
        return [self.for_group(letter) for letter in self.groups]

    def for_group(self, letter: str) -> SeasonTable:
        """Group `letter`'s table (ValueError for a letter the season has no group of). No queries."""
        if letter not in self.groups:
            raise ValueError(f"{self.season} has no group {letter!r}")
        fixtures = [fixture for fixture in self.fixtures if fixture.group == letter]
        members = {club for fixture in fixtures for club in (fixture.home, fixture.away)}
        clubs = {slug: club for slug, club in self.clubs.items() if slug in members}
        grouped = replace(self, group=letter, fixtures=fixtures, clubs=clubs, deductions={}, zones=GROUP_ZONES)
        counted = [f.result() for f in fixtures if f.counts(as_of=self.as_of, live=self.live, before=self.before)]
        return replace(grouped, rows=compute_table(counted, rules=grouped.rules, clubs=list(clubs), venue=self.venue))

    def runs(self, club: str) -> Runs:
        """`club`'s longest runs over the matches this table counts."""
        counted = [f.result() for f in self.fixtures if f.counts(as_of=self.as_of, live=self.live)]
        return longest_runs(counted, club)

    def race(self) -> list[RaceFacts]:
        """Title-race facts for the overall table (as of the same date). A season cut short has no matches
        left; a cancelled or abandoned match is not one left to play."""
        per_club: dict[str, int] = {}
        curtailed = self.season.curtailment is not None
        for fixture in self.fixtures:
            if curtailed or not fixture.to_play:
                continue
            for club in (fixture.home, fixture.away):
                per_club[club] = per_club.get(club, 0) + 1
        totals = {row.club: max(per_club.get(row.club, 0), row.played) for row in self.rows}
        return race_facts(self.rows, matches_per_club=totals, zones=self.zones, win_points=self.rules.win_points)


def league_fixtures(season: Season, clubs: dict[int, Club] | None = None) -> list[Fixture]:
    """All league (or league-phase) matches of a season, played or not, clubs keyed by slug.

    One query, plus one more only when a match names a club missing from `clubs` (by id; the season's
    clubs when not given), which is then added to `clubs`. Reading ids rather than joining for slugs
    halves the cost of the read.
    """
    clubs = clubs if clubs is not None else {club.pk: club for club in season.clubs.all()}
    rows = list(
        Match.objects.filter(season=season, stage__in=TABLE_STAGES).order_by("kickoff", "pk").values_list(*_FIELDS)
    )
    missing = {club_id for row in rows for club_id in row[2:4]} - clubs.keys()
    if missing:
        clubs.update((club.pk, club) for club in Club.objects.filter(pk__in=missing))
    fixtures = [
        fixture_of(pk, kickoff, clubs[home].slug, clubs[away].slug, *rest) for pk, kickoff, home, away, *rest in rows
    ]
    return ranked_fixtures(fixtures, season.rules)


def ranked_fixtures(fixtures: list[Fixture], rules: RuleSet) -> list[Fixture]:
    """`fixtures`, those after a split (`rules.regular_season_rounds`) marked as not ranked."""
    if rules.regular_season_rounds is None:
        return fixtures
    clubs = len({club for f in fixtures for club in (f.home, f.away)})
    return [f if rules.ranks_matchday(f.matchday, clubs) else replace(f, ranked=False) for f in fixtures]


def fixture_of(
    pk: int,
    kickoff: dt.datetime,
    home: str,
    away: str,
    status: str,
    date: dt.date,
    matchday: int | None,
    home_score: int | None,
    away_score: int | None,
    home_awarded: int | None,
    away_awarded: int | None,
    kickoff_time_known: bool = True,
    group: str = "",
) -> Fixture:
    awarded = status == Match.Status.AWARDED
    if status in (Match.Status.POSTPONED, *Match.VOID_STATUSES):
        home_score = away_score = None  # the score an abandoned match stopped at is no result
    score = counted_score(
        ft=score_of(home_score, away_score),
        awarded=score_of(home_awarded, away_awarded) if awarded else None,
    )
    return Fixture(pk, kickoff, home, away, status, date, matchday, score, kickoff_time_known, group=group)


def season_zones(season: Season) -> tuple[Zone, ...]:
    """The season's own zones when an editor set them, else the competition's usual ones."""
    if season.zones:
        return tuple(Zone(name, int(first), int(last)) for name, (first, last) in season.zones.items())
    return zones_for(season.competition.code, season.label)


def season_table(
    season: Season,
    *,
    as_of: dt.date | None = None,
    live: bool = False,
    venue: Venue = "all",
    before: dt.datetime | None = None,
) -> SeasonTable:
    """The table of `season` (competition loaded) counting matches on or before `as_of`, or kicked off
    before `before` (a kick-off time: the table as it stood when a match began).

    `live` counts matches in play at their current score ("as it stands"). Two queries, clubs and
    matches, and a third for the deductions only in a season that has some (the clubs' read says whether it
    does) or whose clubs are not listed.
    """
    listed = season.clubs.annotate(season_has_deductions=Exists(PointDeduction.objects.filter(season=season.pk)))
    by_id: dict[int, Club] = {}
    has_deductions = True
    for club in listed:
        by_id[club.pk] = club
        has_deductions = club.season_has_deductions
    fixtures = league_fixtures(season, by_id)
    clubs = {club.slug: club for club in by_id.values()}
    entries = season_deductions(season, as_of or (before.date() if before else None)) if has_deductions else ()
    deductions: dict[str, int] = {}
    for entry in entries:
        deductions[entry.club] = deductions.get(entry.club, 0) + entry.points
    counted = [f.result() for f in fixtures if f.counts(as_of=as_of, live=live, before=before)]
    has_groups = any(fixture.group for fixture in fixtures)
    rows = (
        []
        if has_groups
        else compute_table(counted, rules=season.rules, clubs=list(clubs), deductions=deductions, venue=venue)
    )
    if as_of is not None and as_of < (season.start_date or as_of):
        rows = []
    zones = season_zones(season)
    return SeasonTable(
        season, as_of, live, venue, rows, clubs, fixtures, deductions, zones, tuple(entries), before=before
    )


def rows_after_matchday(table: SeasonTable, matchday: int) -> list[Row]:
    """`table` counting matchdays 1 to `matchday` only: the table after that matchday as a competition's
    by-round tables list it, a rearranged match counted in its own round whenever it was played (within
    `table`'s own as_of/live limits). Deductions are `table`'s. No queries: it re-ranks `table.fixtures`.
    A group-stage season's own table has no rows after any matchday either: each group's table has.
    """
    if table.groups and not table.group:
        return []
    counted = [
        fixture.result()
        for fixture in table.fixtures
        if fixture.matchday is not None
        and fixture.matchday <= matchday
        and fixture.counts(as_of=table.as_of, live=table.live)
    ]
    return compute_table(
        counted, rules=table.rules, clubs=list(table.clubs), deductions=table.deductions, venue=table.venue
    )


def season_deductions(season: Season, as_of: dt.date | None) -> tuple[Deduction, ...]:
    """Points deducted so far, in the order they were decided; a deduction without a date counts from the
    start of the season."""
    deductions = PointDeduction.objects.filter(season=season).order_by("decided_on", "pk")
    if as_of is not None:
        deductions = deductions.exclude(decided_on__gt=as_of)
    fields = ("club__slug", "points", "reason", "decided_on")
    return tuple(Deduction(*values) for values in deductions.values_list(*fields))


@dataclass(frozen=True)
class SeasonPlace:
    """A club's line in one league season's table, with the results that table counted."""

    season: Season
    row: Row
    results: list[Result]

    def runs(self) -> Runs:
        """The club's longest runs that season."""
        return longest_runs(self.results, self.row.club)


def league_positions(club: Club, seasons: Iterable[Season] | None = None) -> list[SeasonPlace]:
    """`club`'s line in the table of each of `seasons` (from `Season.objects.league_seasons_of(club)`; all of
    them when not given) that it has played in, in their order (as the table stands now: the final one for a
    finished season). Four queries however many seasons: the seasons, their clubs, their league matches,
    their deductions. Each season's whole table is ranked to find the club's line, so a page bounds how many
    seasons it asks for."""
    seasons = list(Season.objects.league_seasons_of(club) if seasons is None else seasons)
    rows = Match.objects.filter(season__in=seasons, stage__in=TABLE_STAGES).order_by("kickoff", "pk")
    by_season: dict[int, list[tuple]] = {season.pk: [] for season in seasons}
    for season_id, *fields in rows.values_list("season_id", *_FIELDS):
        by_season[season_id].append(tuple(fields))
    deductions: dict[int, dict[str, int]] = {season.pk: {} for season in seasons}
    for season_id, slug, points in PointDeduction.objects.filter(season__in=seasons).values_list(
        "season_id", "club__slug", "points"
    ):
        deductions[season_id][slug] = deductions[season_id].get(slug, 0) + points
    places = (_place_of(season, club, by_season[season.pk], deductions[season.pk]) for season in seasons)
    return [place for place in places if place is not None]


def _place_of(season: Season, club: Club, matches: list[tuple], deductions: dict[str, int]) -> SeasonPlace | None:
    slugs = {member.pk: member.slug for member in season.clubs.all()}
    if any(home not in slugs or away not in slugs for _pk, _kickoff, home, away, *_ in matches):
        return None  # a match names a club missing from the season's list: the season page itself says so
    fixtures = [fixture_of(pk, kickoff, slugs[home], slugs[away], *rest) for pk, kickoff, home, away, *rest in matches]
    counted = [f.result() for f in ranked_fixtures(fixtures, season.rules) if f.counts(as_of=None, live=False)]
    table = compute_table(counted, rules=season.rules, clubs=list(slugs.values()), deductions=deductions)
    row = next((row for row in table if row.club == club.slug), None)
    return SeasonPlace(season, row, counted) if row is not None and row.played else None
