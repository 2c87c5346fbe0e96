"""The server-drawn charts: the SVG builder (pure), and the {% points_race %} and {% form_marks %} tags."""

import datetime as dt
import re
import xml.etree.ElementTree as ET
from itertools import pairwise

import pytest
from django.template import Context, Template

from matches.models import Match, Season
from matches.standings import LA_LIGA, compute_table
from matches.tables import Fixture, SeasonTable, season_table
from newsroom.charts import LABEL_LINE, LABEL_SPACE, _matchday_ticks, _spread, points_race_svg
from tests.factories import ClubFactory, CompetitionFactory, SeasonFactory

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script>'


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def chart(series, **options) -> ET.Element:
    options = {"title": "Points race", "description": "Lines of points.", **options}
    return parse(points_race_svg(series, **options))


def lines(root: ET.Element) -> list[ET.Element]:
    return root.findall(f".//{SVG}polyline[@class]")


def labels(root: ET.Element) -> dict[str, ET.Element]:
    """End labels by their text, the lines of a wrapped label joined by a space."""
    found = root.findall(f".//{SVG}g[@class='chart__labels']/{SVG}text")
    return {" ".join(t.text for t in text): text for text in found}


# ---- The SVG builder ----


def test_the_chart_is_well_formed_accessible_svg_with_a_title_and_a_description():
    root = chart({"Barcelona": [3, 6, 7]}, chart_id="race")

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox") and root.get("width") == "100%"
    assert root.get("aria-labelledby") == "race-title"
    assert root.get("aria-describedby") == "race-desc"
    assert root.find(f"{SVG}title").get("id") == "race-title"
    assert root.find(f"{SVG}title").text == "Points race"
    assert root.find(f"{SVG}desc").get("id") == "race-desc"
    assert root.find(f"{SVG}desc").text == "Lines of points."


def test_no_inline_styles_and_no_scripts_for_the_content_security_policy():
    svg = points_race_svg({"A": [3], "B": [1]}, highlight=["A"], title="t", description="d")

    assert "style=" not in svg
    assert "<script" not in svg


def test_highlighted_clubs_are_thick_coloured_lines_the_rest_thin_and_grey():
    root = chart({"A": [3, 6], "B": [1, 4], "C": [0, 3]}, highlight=["B", "A"])

    drawn = {line.get("class"): [] for line in lines(root)}
    for line in lines(root):
        drawn[line.get("class")].append((line.get("stroke"), line.get("stroke-width")))
    thick = drawn["chart__line chart__line--highlight"]
    assert thick == [("#0b2545", "3"), ("#b3001b", "3")]  # drawn last, on top; colours in highlight order
    assert drawn["chart__line"] == [("#b4b4b4", "1.5")]
    assert labels(root)["B 4"].get("font-weight") == "700"
    assert labels(root)["C 3"].get("font-weight") == "400"


def test_each_line_starts_at_zero_and_has_a_point_per_matchday():
    root = chart({"A": [3, 4, 4, 7]}, max_matchday=38)

    (line,) = lines(root)
    assert len(line.get("points").split()) == 5


def test_club_names_and_texts_are_escaped():
    svg = points_race_svg({HOSTILE: [3]}, highlight=[HOSTILE], title=HOSTILE, description=HOSTILE, chart_id='x"y')

    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == HOSTILE
    assert f"{HOSTILE} 3" in labels(root)
    assert root.get("aria-labelledby") == 'x"y-title'


@pytest.mark.parametrize("series", [{}, {"A": [], "B": []}], ids=["no clubs", "no matches"])
def test_with_nothing_to_draw_the_chart_says_so(series):
    root = chart(series, max_matchday=38)

    assert root.find(f"{SVG}title").text == "Points race"
    assert not root.findall(f".//{SVG}polyline")
    assert "No matches played yet" in "".join(root.itertext())


def test_close_finishes_get_labels_nudged_apart_and_in_bounds():
    root = chart({f"Club {n}": [3 * 30 - n] for n in range(6)}, highlight=["Club 0"])

    ys = sorted(float(text.get("y")) for text in labels(root).values())
    assert all(b - a >= LABEL_LINE for a, b in pairwise(ys))
    height = float(root.get("viewBox").split()[3])
    assert ys[0] > 0
    assert ys[-1] < height


STEP = LABEL_LINE + LABEL_SPACE  # first line to first line, for one-line labels
TWO_LINES = 2 * LABEL_LINE + LABEL_SPACE


@pytest.mark.parametrize(
    ("wanted", "lines_", "expected"),
    [
        pytest.param([10, 100], [1, 1], [10, 100], id="apart: unmoved"),
        pytest.param([50, 50], [1, 1], [50 - STEP / 2, 50 + STEP / 2], id="level: centred on where they want"),
        pytest.param([0, 0], [1, 1], [-6, -6 + STEP], id="at the top: kept in bounds"),
        pytest.param([200, 200], [1, 1], [200 - STEP, 200], id="at the bottom: kept in bounds"),
        pytest.param(
            [50, 52],
            [2, 1],
            [(102 - TWO_LINES) / 2, (102 + TWO_LINES) / 2],
            id="a two-line label takes two lines",
        ),
        pytest.param([50, 50 + STEP, 100], [1, 1, 1], [50, 50 + STEP, 100], id="just touching: unmoved"),
    ],
)
def test_spread(wanted, lines_, expected):
    assert _spread(wanted, lines_, low=-6, high=200) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("rounds", "ticks"),
    [(8, [1, 2, 3, 4, 5, 6, 7, 8]), (34, [1, 5, 10, 15, 20, 25, 30, 34]), (38, [1, 5, 10, 15, 20, 25, 30, 38])],
)
def test_matchday_ticks_end_on_the_seasons_length(rounds, ticks):
    assert _matchday_ticks(rounds) == ticks


# ---- The form marks tag ----


def render(source: str, **context) -> str:
    return Template("{% load charts %}" + source).render(Context(context))


def test_form_marks_are_letters_in_coloured_pills_with_a_spoken_label():
    html = render("{% form_marks form %}", form="WWDLW")

    assert 'role="img"' in html
    assert 'aria-label="Form, oldest to newest: won, won, drawn, lost, won"' in html
    marks = re.findall(r'form-guide__mark--(\w+)" aria-hidden="true">(\w)<', html)
    assert marks == [("won", "W"), ("won", "W"), ("drawn", "D"), ("lost", "L"), ("won", "W")]


@pytest.mark.parametrize("form", ["", None, "?"])
def test_form_marks_without_results(form):
    html = render("{% form_marks form %}", form=form)

    assert 'aria-label="No matches played yet"' in html
    assert "form-guide__mark" not in html


# ---- The points race tag over a SeasonTable ----


def built_table(fixtures: list[Fixture], *, before: dt.datetime | None = None) -> SeasonTable:
    """A SeasonTable made in memory, as season_table() would make it, without the database."""
    competition = CompetitionFactory.build(code="es.1", name="La Liga", short_name="")
    season = SeasonFactory.build(competition=competition, label="2024-25", pk=7)
    clubs = {slug: ClubFactory.build(name=name, slug=slug) for slug, name in CLUBS.items()}
    counted = [f.result() for f in fixtures if f.counts(as_of=None, live=False, before=before)]
    rows = compute_table(counted, rules=LA_LIGA, clubs=list(clubs))
    return SeasonTable(season, None, False, "all", rows, clubs, fixtures, {}, ())


CLUBS = {"north": "North FC", "south": HOSTILE, "east": "East United", "west": "West Rovers"}


def fixture(n: int, home: str, away: str, score: tuple[int, int] | None, matchday: int) -> Fixture:
    kickoff = dt.datetime(2024, 8, 17, 18, tzinfo=dt.UTC) + dt.timedelta(weeks=n)
    status = Match.Status.FINISHED if score else Match.Status.SCHEDULED
    return Fixture(
        match_id=n,
        kickoff=kickoff,
        home=home,
        away=away,
        status=status,
        date=kickoff.date(),
        matchday=matchday,
        score=score,
    )


FIXTURES = [
    fixture(1, "north", "south", (2, 0), 1),
    fixture(2, "east", "west", (1, 1), 1),
    fixture(3, "south", "east", (3, 0), 2),
    fixture(4, "west", "north", (0, 1), 2),
    fixture(5, "north", "east", (0, 0), 3),
    fixture(6, "south", "west", None, 3),
]


def svg_of(html: str) -> ET.Element:
    return parse(re.search(r"<svg.*</svg>", html, re.DOTALL).group())


@pytest.mark.django_db  # only to count queries: the table is built in memory
def test_the_points_race_tag_draws_the_leaders_and_highlights_the_readers_clubs(django_assert_num_queries):
    table = built_table(FIXTURES)

    with django_assert_num_queries(0):
        html = render("{% points_race table 'south' club top=2 %}", table=table, club=table.clubs["west"])

    root = svg_of(html)
    assert root.find(f"{SVG}title").text == "Points race: La Liga 2024-25"
    assert set(labels(root)) == {"North FC 7", f"{HOSTILE} 3", "West Rovers 1"}
    highlighted = [t for t, label in labels(root).items() if label.get("font-weight") == "700"]
    assert sorted(highlighted) == sorted([f"{HOSTILE} 3", "West Rovers 1"])
    assert "<script>" not in html
    assert '<th scope="row">North FC</th><td>3</td><td>7</td>' in html
    assert "A rescheduled match counts in its original round." in html


def test_without_clubs_to_highlight_the_leader_is():
    html = render("{% points_race table %}", table=built_table(FIXTURES))

    highlighted = [t for t, label in labels(svg_of(html)).items() if label.get("font-weight") == "700"]
    assert highlighted == ["North FC 7"]


def test_the_chart_stops_where_a_kick_off_cut_off_table_stops():
    """A preview's table counts matches kicked off before its own; its SeasonTable does not keep that time."""
    table = built_table(FIXTURES, before=FIXTURES[4].kickoff)
    assert {row.club: row.played for row in table.rows}["north"] == 2

    root = svg_of(render("{% points_race table 'north' %}", table=table))

    assert "North FC 6" in labels(root)


def test_before_any_match_the_tag_renders_a_sentence():
    html = render("{% points_race table 'north' %}", table=built_table(FIXTURES[5:]))

    assert "<svg" not in html
    assert "No matches played yet" in html


# ---- Real data ----


@pytest.fixture
def la_liga(demo_newsroom) -> None:
    """La Liga 2024-25 among the demo's seasons, loaded once per worker."""


@pytest.mark.django_db
def test_the_clasico_preview_race_as_of_kick_off(la_liga, django_assert_num_queries):
    match = Match.objects.with_related().get(home__slug="fc-barcelona", away__slug="real-madrid-cf", matchday=35)
    table = season_table(Season.objects.for_url("es.1", "2024-25").get(), before=match.kickoff)

    with django_assert_num_queries(0):
        html = render("{% points_race table match.home match.away %}", table=table, match=match)

    root = svg_of(html)
    found = labels(root)
    assert found["Barcelona 79"].get("fill") == "#b3001b"
    assert found["Real Madrid 75"].get("fill") == "#0b2545"
    assert len(found) == 6
    points = {line.get("stroke"): line.get("points").split() for line in lines(root)}
    assert len(points["#b3001b"]) == len(points["#0b2545"]) == 35  # 0, then matchdays 1 to 34
    ticks = [t.text for t in root.findall(f".//{SVG}g[@class='chart__ticks']/{SVG}text")]
    assert ticks[-1] == "38"
    assert '<th scope="row">Barcelona</th><td>34</td><td>79</td>' in html
    assert '<th scope="row">Real Madrid</th><td>34</td><td>75</td>' in html


@pytest.mark.django_db
def test_the_final_la_liga_race_ends_on_the_final_table(la_liga):
    table = season_table(Season.objects.for_url("es.1", "2024-25").get())

    found = labels(svg_of(render("{% points_race table %}", table=table)))

    top_six = {f"{table.clubs[row.club].display_name} {row.points}" for row in table.rows[:6]}
    assert set(found) == top_six  # a wrapped label's lines are joined by a space: the same text
    assert {"Barcelona 88", "Real Madrid 84", "Atlético de Madrid 76", "Real Betis Balompié 60"} <= top_six
