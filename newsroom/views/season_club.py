"""A club's place in its latest league season, and its longest runs there, for the club page."""

from __future__ import annotations

from dataclasses import dataclass

from matches.facts import ordinal
from matches.models import Club, Competition, Season
from matches.standings import Row, Runs
from matches.tables import season_table


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
