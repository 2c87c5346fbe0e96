"""Everything a season's page shows, read in a fixed number of queries: the table (clubs, matches and
deductions: three), the round of results listed from the same matches, and, for a competition with a knockout
phase, its ties (one more)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from matches.models import Club, Competition, Season
from matches.tables import Fixture, league_fixtures, season_table
from newsroom.pages.rounds import RoundPager, default_round, matchdays_of, round_pager
from newsroom.pages.season_query import SeasonQuery, check_rounds
from newsroom.pages.standings import Standings, standings
from newsroom.pages.ties import StageTies, knockout_stages


@dataclass(frozen=True)
class SeasonPage:
    """`groups` holds a group-stage season's tables, one per group (then `standings` is empty)."""

    standings: Standings
    rounds: RoundPager
    knockout: list[StageTies]
    groups: list[Standings]


def season_page(season: Season, query: SeasonQuery) -> SeasonPage:
    """The page for `query` (season with its competition loaded); raises BadQuery for a matchday or round
    the season does not have."""
    table = season_table(season, as_of=query.as_of, venue=query.table)
    check_rounds(query, matchdays_of(table.fixtures), season_name(season))
    has_knockout = season.competition.kind != Competition.Kind.LEAGUE
    return SeasonPage(
        standings=standings(table, query),
        rounds=rounds_for(table.fixtures, table.clubs, season, query),
        knockout=knockout_stages(season) if has_knockout else [],
        groups=[standings(group, query) for group in table.group_tables()],
    )


def season_round(season: Season, query: SeasonQuery) -> RoundPager:
    """Just the round of results, for htmx: the clubs and the matches, two queries; no table is ranked."""
    by_id = {club.pk: club for club in season.clubs.all()}
    fixtures = league_fixtures(season, by_id)
    check_rounds(query, matchdays_of(fixtures), season_name(season))
    return rounds_for(fixtures, {club.slug: club for club in by_id.values()}, season, query)


def rounds_for(
    fixtures: Sequence[Fixture], clubs: Mapping[str, Club], season: Season, query: SeasonQuery
) -> RoundPager:
    current = query.round
    if current is None:
        current = default_round(fixtures, matchday=query.matchday, as_of=query.as_of)
    return round_pager(fixtures, clubs, season.competition, current)


def season_name(season: Season) -> str:
    return f"{season.competition.display_name} {season.label}"
