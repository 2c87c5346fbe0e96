"""Charts and form marks for any page: `{% load charts %}`. Both tags run no database query.

`{% points_race table [club ...] [top=6] [title="..."] [chart_id="..."] %}`
    The points race of a season: a line chart of cumulative points after each matchday (by round, see
    matches.standings.progress) for the clubs in the first `top` places, plus any club given, wherever it
    stands. Renders templates/includes/points_race.html: a `<figure class="points-race">` holding the SVG
    (role="img", `<title>` and `<desc>`), a visible one-line caption and a visually hidden table of each
    drawn club's matches played and points, for screen readers. Before any match is played it renders a
    short sentence instead (`<p class="points-race__empty">`).

    - `table`: a `matches.tables.SeasonTable` as `season_table()` returns it, its season's competition
      loaded (season_table needs that too). The chart counts exactly the matches the table counts: its
      as_of, live and kick-off cut-off (`before`) included, so a preview's chart stops where its table does.
    - `club ...`: clubs to highlight (thick, coloured lines and bold labels), as `Club` objects or slugs;
      colours follow the order given (the first the site's red, the second its navy), so pass the home side
      first. None and clubs not in the table are ignored. Without any, the leader is highlighted.
    - `top`: how many leading clubs to draw (default 6).
    - `title`: the SVG's accessible name; by default "Points race: La Liga 2024-25".
    - `chart_id`: prefix of the SVG's element ids; by default built from the season and the clubs.
      Give one when the same chart appears twice on a page.

    Examples: `{% points_race facts.table match.home match.away %}` on a preview,
    `{% points_race table %}` on a season page, `{% points_race table club top=4 %}` on a club page.

`{% form_marks form %}`
    A club's form as coloured pills with their letters, oldest first and newest last: a
    `<span class="form-guide" role="img" aria-label="Form, oldest to newest: won, won, drawn, lost, won">`
    holding one `<span class="form-guide__mark form-guide__mark--won|drawn|lost">` per result. `form` is a
    string of W, D and L (a standings `Row.form`); other characters are ignored. An empty form renders an
    en dash labelled "No matches played yet". Styled in static/css/charts.css.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import template
from django.utils.text import slugify

from matches.display import and_list, words
from matches.models import Club
from matches.standings import Result, leaders, points_by_matchday
from matches.tables import Fixture, SeasonTable
from newsroom.charts import points_race_svg

register = template.Library()

FORM_WORDS = {"W": "won", "D": "drawn", "L": "lost"}


@register.inclusion_tag("includes/points_race.html")
def points_race(
    table: SeasonTable, *clubs: Club | str | None, top: int = 6, title: str = "", chart_id: str = ""
) -> dict[str, Any]:
    """See the module docstring: the chart, its caption and its text alternative, for a season table."""
    highlight = _highlighted(table, clubs)
    drawn = leaders(table.rows, top, also=highlight)
    deductions = table.deductions if table.venue == "all" else {}  # as compute_table counts them
    series = points_by_matchday(_counted_results(table, drawn), clubs=drawn, rules=table.rules, deductions=deductions)
    names = {slug: _name(table, slug) for slug in drawn}
    title = title or f"Points race: {table.season.competition.display_name} {table.season.label}"
    svg = points_race_svg(
        {names[slug]: points for slug, points in series.items()},
        highlight=[names[slug] for slug in highlight],
        title=title,
        description=_description(drawn, highlight, names, top),
        max_matchday=max((f.matchday or 0 for f in table.fixtures), default=0) or None,
        chart_id=chart_id or slugify(f"points-race-{table.season.pk}-{'-'.join(highlight)}"),
    )
    rows = {row.club: row for row in table.rows}
    return {
        "empty": not any(series.values()),
        "chart": svg,
        "rows": [{"name": names[slug], "played": rows[slug].played, "points": rows[slug].points} for slug in drawn],
        "title": title,
    }


@register.inclusion_tag("includes/form_marks.html")
def form_marks(form: str | None) -> dict[str, Any]:
    """See the module docstring: W/D/L pills with their letters, and the sentence a screen reader says."""
    marks = [{"letter": letter, "word": FORM_WORDS[letter]} for letter in (form or "").upper() if letter in FORM_WORDS]
    words = ", ".join(mark["word"] for mark in marks)
    return {"marks": marks, "label": f"Form, oldest to newest: {words}" if marks else "No matches played yet"}


def _highlighted(table: SeasonTable, clubs: Iterable[Club | str | None]) -> list[str]:
    """The slugs of the clubs given that have a row, in the order given; else the leader's."""
    in_table = {row.club for row in table.rows}
    given = [slug for slug in dict.fromkeys(_slug(club) for club in clubs if club) if slug in in_table]
    return given or [row.club for row in table.rows[:1]]


def _slug(club: Club | str) -> str:
    return club if isinstance(club, str) else club.slug


def _name(table: SeasonTable, slug: str) -> str:
    club = table.clubs.get(slug)
    return club.display_name if club else slug


def _counted_results(table: SeasonTable, clubs: Iterable[str]) -> list[Result]:
    """The results `table` counted for `clubs`.

    A SeasonTable does not keep the kick-off cut-off (`before`) it was built with, a preview's table
    stopping at its match's kick-off. Its rows do say how many matches each club played, and a cut-off in
    time counts a prefix of each club's matches in kick-off order (fixtures come in that order), so the
    first `played` of a club's countable matches are the ones its row counted.
    """
    played = {row.club: row.played for row in table.rows}
    chosen: dict[int, Fixture] = {}
    for club in clubs:
        own = [
            f for f in table.fixtures if _plays(f, club, table.venue) and f.counts(as_of=table.as_of, live=table.live)
        ]
        chosen.update((f.match_id, f) for f in own[: played.get(club, 0)])
    return [fixture.result() for fixture in chosen.values()]


def _plays(fixture: Fixture, club: str, venue: str) -> bool:
    return (venue != "away" and fixture.home == club) or (venue != "home" and fixture.away == club)


def _description(drawn: Sequence[str], highlight: Sequence[str], names: dict[str, str], top: int) -> str:
    """What the chart shows, in a sentence; the points themselves are in the table that follows it."""
    leading = f"the top {words(top)}"
    others = [names[slug] for slug in drawn[top:]]
    clubs = f"{leading} and {and_list(others)}" if others else f"{leading} clubs"
    marked = f", {and_list([names[slug] for slug in highlight])} highlighted" if highlight else ""
    return (
        f"Lines of cumulative points after each matchday for {clubs}{marked}. "
        "Each club's points so far are in the table that follows."
    )
