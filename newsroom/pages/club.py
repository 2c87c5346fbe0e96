"""A club's page: its head coach, its place and longest runs in its latest league season, its results and
fixtures everywhere, and its stories."""

from __future__ import annotations

from dataclasses import dataclass

from matches.display import ordinal
from matches.models import Club, Competition, Match, Season
from matches.standings import Row, Runs
from matches.tables import season_table
from newsroom.models import Article
from people.models import Tenure

ARTICLES_SHOWN = 10
RESULTS_SHOWN = 8
FIXTURES_SHOWN = 8


@dataclass(frozen=True)
class LeagueStanding:
    season: Season
    row: Row
    runs: Runs

    @property
    def place(self) -> str:
        return ordinal(self.row.position)


def league_standing(club: Club) -> LeagueStanding | None:
    """Where `club` stands in the latest league season it plays in, or None when it plays in none or has not
    played there yet. One query for the season, three more for its table when there is one."""
    leagues = Season.objects.filter(clubs=club, competition__kind=Competition.Kind.LEAGUE)
    season = leagues.select_related("competition").order_by("-label").first()
    if season is None:
        return None
    table = season_table(season)
    row = next((row for row in table.rows if row.club == club.slug), None)
    if row is None or not row.played:
        return None
    return LeagueStanding(season, row, table.runs(club.slug))


def club_context(club: Club) -> dict[str, object]:
    matches = Match.objects.for_club(club)
    return {
        "club": club,
        "coach": Tenure.objects.current().filter(club=club).head_coaches_first().first(),
        "results": matches.results()[:RESULTS_SHOWN],
        "fixtures": matches.upcoming()[:FIXTURES_SHOWN],
        "articles": Article.objects.listed().about_club(club)[:ARTICLES_SHOWN],
        "league": league_standing(club),
    }
