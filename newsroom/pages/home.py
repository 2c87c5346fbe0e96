"""The front page: the lead story and the latest ones, today's matches, results, fixtures, and the top of
the lead story's league table."""

from __future__ import annotations

from matches.models import Match, Stage
from matches.tables import SeasonTable, season_table
from newsroom.models import Article

# The lead story and a dozen more: enough to fill the grid in threes and twos.
FRONT_PAGE_STORIES = 13
RESULTS_SHOWN = 8
FIXTURES_SHOWN = 8
SNIPPET_ROWS = 6


def todays_matches() -> list[Match]:
    return list(Match.objects.today())


def front_page() -> dict[str, object]:
    """Everything on the front page below today's matches."""
    stories: list[Article | None] = list(Article.objects.listed().lead_first()[:FRONT_PAGE_STORIES]) or [None]
    lead, *latest = stories
    snippet = table_snippet(lead)
    return {
        "lead": lead,
        "latest": latest,
        "results": Match.objects.results()[:RESULTS_SHOWN],
        "fixtures": Match.objects.upcoming()[:FIXTURES_SHOWN],
        "snippet": snippet,
        "snippet_rows": snippet.rows[:SNIPPET_ROWS] if snippet else [],
    }


def table_snippet(lead: Article | None) -> SeasonTable | None:
    """The table of the lead story's competition, as it stands (three queries), if it is a league's."""
    if lead is None or lead.match is None or lead.match.stage != Stage.LEAGUE:
        return None
    return season_table(lead.match.season)
