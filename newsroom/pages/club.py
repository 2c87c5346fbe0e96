"""A club's page: its head coach and the line of past ones with their records, its place in every league
season on record, its results and fixtures everywhere, its stories and its people's quotes."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page

from matches.display import ordinal
from matches.models import Club, Match, Season
from matches.standings import Row, Runs
from matches.tables import SeasonPlace, league_positions
from newsroom.models import Article, Quote
from newsroom.pages.person import TenureLine, career
from people.models import Role, Tenure

ARTICLES_SHOWN = 10
RESULTS_SHOWN = 8
FIXTURES_SHOWN = 8
QUOTES_SHOWN = 6
# League seasons on the club's page; every one of them, a page at a time, on its seasons page. Each place
# ranks that season's whole table, so the club page stays as quick with twenty seasons on record as with two.
PLACES_SHOWN = 5
PLACES_PER_PAGE = 10


@dataclass(frozen=True)
class LeagueStanding:
    season: Season
    row: Row
    runs: Runs

    @property
    def place(self) -> str:
        return ordinal(self.row.position)


def league_standing(places: list[SeasonPlace]) -> LeagueStanding | None:
    """Where the club stands in the latest league season it has played in (`places`, latest first)."""
    if not places:
        return None
    latest = places[0]
    return LeagueStanding(latest.season, latest.row, latest.runs())


def coaches(club: Club) -> list[TenureLine]:
    """Every head coach (interim ones too) on record, the latest first, each with a record in charge. Three
    queries."""
    tenures = Tenure.objects.coaching().filter(club=club).select_related("person", "club").order_by("-start_date")
    return career(list(tenures))


def current_coach(line: list[TenureLine]) -> Tenure | None:
    """A permanent head coach before an interim one, the latest appointment first."""
    current = [c.tenure for c in line if c.tenure.is_current]
    return min(current, key=lambda t: (t.role != Role.HEAD_COACH, -t.start_date.toordinal()), default=None)


def people_quotes(club: Club) -> list[Quote]:
    """The latest quotes of anyone who has held a post at `club`: who they are (one query), then a bounded read
    of each one's latest in the archive's order (one query), so a club whose people are rarely quoted costs
    no more than one whose people are quoted every day."""
    people = list(Tenure.objects.filter(club=club).values_list("person_id", flat=True).distinct())
    latest = Quote.objects.public().latest_of_each(people, QUOTES_SHOWN)
    return list(latest.citable().newest_first()[:QUOTES_SHOWN])


def club_context(club: Club) -> dict[str, object]:
    matches = Match.objects.for_club(club)
    line = coaches(club)
    # One season more than shown says whether there are more (the seasons page lists them all).
    seasons = list(Season.objects.league_seasons_of(club)[: PLACES_SHOWN + 1])
    places = league_positions(club, seasons[:PLACES_SHOWN])
    return {
        "club": club,
        "coach": current_coach(line),
        "coaches": line,
        "places": places,
        "more_seasons": len(seasons) > PLACES_SHOWN,
        "results": matches.results()[:RESULTS_SHOWN],
        "fixtures": matches.upcoming()[:FIXTURES_SHOWN],
        "articles": Article.objects.listed().about_club(club)[:ARTICLES_SHOWN],
        "quotes": people_quotes(club),
        "league": league_standing(places),
    }


def club_seasons_context(club: Club, page: Page) -> dict[str, object]:
    """`club`'s league seasons of `page` (a page of `Season.objects.league_seasons_of(club)`), each with its
    place: the seasons page."""
    return {"club": club, "page": page, "places": league_positions(club, page.object_list)}
