# ruff: noqa: RUF001 -- the site prints scores and ranges with en dashes, as these tests expect
"""The season page (table, tie-break notes, zones, rounds over htmx, knockout ties), its bad addresses, and the
club page's league panel: on the real 2024-25 seasons where the facts are known, on factories for query budgets.
"""

import datetime as dt
import re

import pytest

from matches.knockout import tie_state
from matches.models import Club, Competition, Match, Season, Stage
from matches.standings import Row
from matches.tables import Fixture, SeasonTable, rows_after_matchday, season_zones
from newsroom.pages.rounds import default_round
from newsroom.pages.season_query import BadQuery, SeasonQuery, parse_season_query
from newsroom.pages.standings import tie_sentence
from newsroom.pages.ties import KnockoutTie
from tests import factories

pytestmark = pytest.mark.django_db

LIGA = "/competitions/es.1/2024-25/"
UCL = "/competitions/uefa.cl/2024-25/"
UTC = dt.UTC
HOSTILE = '<script>alert("x")</script>'
ROW = re.compile(
    r'<tr class="league-table__row[^"]*">\s*<td class="league-table__pos">(\d+)(?:<span[^>]*>([^<]*)</span>)?</td>\s*'
    r'<th scope="row" class="league-table__club"><a href="[^"]+">([^<]+)</a></th>\s*<td>(\d+)</td>.*?'
    r'<td class="league-table__pts">(\d+)</td>',
    re.S,
)


def table_rows(html: str) -> list[tuple[int, str, int, int]]:
    """(position, club, played, points) for every row of the page's table."""
    return [(int(pos), club, int(played), int(pts)) for pos, _, club, played, pts in ROW.findall(html)]


def round_heading(*pieces: str) -> str:
    """The round pager's heading, in pieces a narrow column may break between."""
    return f'<h3 class="round__title">{" ".join(f'<span class="round__piece">{p}</span>' for p in pieces)}</h3>'


def page(client, url: str, **headers: str) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.fixture
def liga(demo_newsroom) -> Season:
    """La Liga 2024-25 among the demo's seasons, loaded once per worker."""
    return Season.objects.select_related("competition").get(competition__code="es.1", label="2024-25")


@pytest.fixture
def ucl(demo_newsroom) -> Season:
    """The Champions League 2024-25 among the demo's seasons, loaded once per worker."""
    return Season.objects.select_related("competition").get(competition__code="uefa.cl", label="2024-25")


# ---- La Liga 2024-25, the real table ----------------------------------------------------------------------------


def test_the_final_table_in_order_with_barcelona_on_88(client, liga):
    html = page(client, LIGA)
    rows = table_rows(html)
    assert len(rows) == 20
    assert rows[:3] == [(1, "Barcelona", 38, 88), (2, "Real Madrid", 38, 84), (3, "Atlético de Madrid", 38, 76)]
    assert rows[-1] == (20, "Real Valladolid", 38, 16)
    assert [pos for pos, *_ in rows] == list(range(1, 21))
    assert '<a href="/clubs/fc-barcelona/">Barcelona</a>' in html
    assert "<title>La Liga 2024-25: table, results and fixtures | Pressbox</title>" in html


def test_the_table_on_the_eve_of_the_clasico(client, liga):
    html = page(client, f"{LIGA}?as_of=2025-05-10")
    rows = table_rows(html)
    assert rows[:2] == [(1, "Barcelona", 34, 79), (2, "Real Madrid", 34, 75)]
    assert "Table on Saturday 10 May 2025" in html
    assert '<input class="table-when__input" type="date" id="table-date" name="as_of" value="2025-05-10">' in html
    # The round it opens on is the latest one under way by then: matchday 35 began on Friday 9 May.
    assert round_heading("Matchday 35") in html


def test_the_table_after_a_matchday_counts_that_matchday_and_those_before(client, liga):
    html = page(client, f"{LIGA}?matchday=34")
    rows = table_rows(html)
    assert rows[:2] == [(1, "Barcelona", 34, 79), (2, "Real Madrid", 34, 75)]
    assert {played for _, _, played, _ in rows} == {34}
    assert "Table after matchday 34" in html
    assert '<option value="34" selected>34</option>' in html
    assert round_heading("Matchday 34") in html
    # Matchday 12 includes Valencia v Real Madrid, put back to 3 January by the floods: it counts in its round.
    assert {played for _, _, played, _ in table_rows(page(client, f"{LIGA}?matchday=12"))} == {12}


def test_home_and_away_tables_add_up_to_the_overall_one(client, liga):
    overall = {club: pts for _, club, _, pts in table_rows(page(client, LIGA))}
    home_html, away_html = page(client, f"{LIGA}?table=home"), page(client, f"{LIGA}?table=away")
    home, away = table_rows(home_html), table_rows(away_html)
    assert {played for _, _, played, _ in home + away} == {19}
    assert {club: pts for _, club, _, pts in home} != {club: pts for _, club, _, pts in away}
    away_points = {club: pts for _, club, _, pts in away}
    assert all(pts + away_points[club] == overall[club] for _, club, _, pts in home)
    # Real Madrid had the best home record, the champions the best away one.
    assert home[0] == (1, "Real Madrid", 19, 49) and away[0] == (1, "Barcelona", 19, 45)
    assert "Home table" in home_html and "Away table" in away_html
    assert '<a class="chip" href="?table=home" aria-current="page">Home</a>' in home_html
    # Zones belong to the overall table: the first of the home table has not won anything.
    assert "table-zone" not in home_html and "zone-legend" not in home_html


def test_tie_break_notes_name_the_clubs_and_the_criterion(client, liga):
    html = page(client, LIGA)
    notes = re.findall(r"<li>([^<]*points[^<]*)</li>", html)
    assert "Athletic Club above Villarreal on head-to-head, both on 70 points." in notes
    assert "Real Sociedad de Fútbol above Valencia on head-to-head goal difference, both on 46 points." in notes
    # Three clubs on 42: the mini-league puts Alavés last; Getafe and Espanyol split their meetings.
    assert (
        "On 42 points: Getafe 13th and Espanyol de Barcelona 14th on goal difference; "
        "Deportivo Alavés 15th on head-to-head." in notes
    )
    assert len(notes) == 5
    assert not any(slug in html for slug in (">villarreal-cf", " villarreal-cf", "getafe-cf "))  # never slugs


def test_zones_are_an_edge_a_legend_and_words(client, liga):
    html = page(client, LIGA)
    barca = html[html.index('<tr class="league-table__row') :]
    assert barca.startswith('<tr class="league-table__row table-zone table-zone--title">')
    assert '<td class="league-table__pos">1<span class="visually-hidden"> (Champions)</span></td>' in html
    assert '<td class="league-table__pos">18<span class="visually-hidden"> (Relegation)</span></td>' in html
    assert '<td class="league-table__pos">9</td>' in html  # Osasuna, in no zone
    legend = re.findall(r'<li class="zone-legend__item table-zone--(\w+)">([^<]+) <span[^>]*>([^<]+)</span>', html)
    assert legend == [
        ("title", "Champions", "1st"),
        ("ucl", "Champions League", "1st–5th"),
        ("uel", "Europa League", "6th–7th"),
        ("uecl", "Conference League", "8th"),
        ("relegation", "Relegation", "18th–20th"),
    ]


def test_form_is_the_last_five_newest_last_in_marks_and_words(client, liga):
    html = page(client, LIGA)
    barca_row = html[html.index('<a href="/clubs/fc-barcelona/">') : html.index("</tr>", html.index("fc-barcelona"))]
    marks = re.findall(
        r'<span class="form-guide__mark form-guide__mark--\w+" aria-hidden="true">(\w)</span>', barca_row
    )
    # Barcelona's last five: beat Real Madrid and Espanyol, lost to Villarreal, won at Athletic... newest last.
    assert "".join(marks) == "WWWLW"
    assert 'aria-label="Form, oldest to newest: won, won, won, lost, won"' in barca_row
    assert 'Form<span class="visually-hidden"> (last five results, newest last)</span>' in html


def test_a_date_before_the_season_shows_an_empty_table_and_says_why(client, liga):
    html = page(client, f"{LIGA}?as_of=2024-08-01")
    assert "No matches had been played by Thursday 1 August 2024: the season began on Thursday 15 August 2024." in html
    assert "<table" not in html
    assert round_heading("Matchday 1") in html


def test_before_a_ball_is_kicked_the_page_is_the_fixture_list(client):
    season = small_season(clubs=4)
    first, second, third, fourth = season.clubs.all()
    kickoff = dt.datetime(2024, 8, 16, 19, tzinfo=UTC)
    factories.MatchFactory(season=season, home=first, away=second, round_name="Matchday 1", kickoff=kickoff)
    factories.MatchFactory(season=season, home=third, away=fourth, round_name="Matchday 2", kickoff=kickoff)
    html = page(client, season.get_absolute_url())
    assert "No matches have been played yet." in html and "<table" not in html
    assert re.findall(r'<h3 class="round__title" id="round-\d+-title">([^<]+)</h3>', html) == [
        "Matchday 1",
        "Matchday 2",
    ]
    one = page(client, f"{season.get_absolute_url()}?round=2")
    assert round_heading("Matchday 2") in one and first.display_name not in one.split('id="season-round"')[1]


# ---- Results by matchday, one URL and two renders --------------------------------------------------------------


def test_the_page_opens_on_the_latest_played_matchday(client, liga):
    html = page(client, LIGA)
    assert round_heading("Matchday 38") in html
    assert html.count('<li class="fixture') == 10
    assert 'href="?round=37" hx-get="?round=37"' in html and 'rel="next"' not in html


def test_a_round_is_a_full_page_and_for_htmx_just_the_fragment(client, liga):
    full = client.get(f"{LIGA}?round=3")
    fragment = client.get(f"{LIGA}?round=3", headers={"HX-Request": "true"})
    for response in (full, fragment):
        assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    full_html, fragment_html = full.content.decode(), fragment.content.decode()
    assert "<html" in full_html and "<html" not in fragment_html and "<table" not in fragment_html
    assert '<div class="round-pager" id="season-round" hx-target="this" hx-swap="outerHTML" hx-push-url="true"' in (
        fragment_html
    )
    assert round_heading("Matchday 3") in fragment_html
    # A match of matchday 3 put back to Wednesday 18 September stays in its round.
    assert fragment_html.count('<li class="fixture') == 10 and "Wed 18 Sep" in fragment_html
    assert 'rel="prev" href="?round=2" hx-get="?round=2"' in fragment_html
    assert 'rel="next" href="?round=4" hx-get="?round=4"' in fragment_html
    restore = client.get(f"{LIGA}?round=3", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in restore.content.decode()


def test_round_links_keep_the_table_the_reader_chose(client, liga):
    html = page(client, f"{LIGA}?table=away&matchday=20")
    assert round_heading("Matchday 20") in html
    assert 'href="?table=away&amp;matchday=20&amp;round=21" hx-get="?table=away&amp;matchday=20&amp;round=21"' in html
    assert '<input type="hidden" name="table" value="away">' in html
    canonical = '<link rel="canonical" href="http://testserver/competitions/es.1/2024-25/?table=away&amp;matchday=20">'
    assert canonical in html


# ---- Champions League 2024-25 ------------------------------------------------------------------------------------


def test_the_league_phase_table_and_its_three_zones(client, ucl):
    html = page(client, UCL)
    rows = table_rows(html)
    assert len(rows) == 36 and rows[0] == (1, "Liverpool", 8, 21) and rows[-1][1] == "BSC Young Boys"
    assert rows[8:13] == [
        (9, "Atalanta", 8, 15),
        (10, "Borussia Dortmund", 8, 15),
        (11, "Real Madrid", 8, 15),
        (12, "Bayern München", 8, 15),
        (13, "Milan", 8, 15),
    ]
    legend = re.findall(r'<li class="zone-legend__item table-zone--\w+">([^<]+) <span[^>]*>([^<]+)</span>', html)
    assert legend == [
        ("Round of 16", "1st–8th"),
        ("Knockout phase play-offs", "9th–24th"),
        ("Eliminated", "25th–36th"),
    ]
    assert "Real Madrid 11th and Bayern München 12th on away wins" in html
    assert round_heading("League phase ·", "Matchday 8") in html


def test_knockout_ties_say_who_went_through_and_how(client, ucl):
    html = page(client, UCL)
    stages = re.findall(r'<h3 class="round__title" id="stage-\d+-title">([^<]+)</h3>', html)
    assert stages == ["Knockout play-off", "Round of 16", "Quarter-final", "Semi-final", "Final"]
    semi = html[html.index(">Semi-final</h3>") : html.index(">Final</h3>")]
    # Barcelona 3-3 Inter, Inter 4-3 Barcelona after extra time: out 6-7 on aggregate.
    barca_inter = semi[semi.index(">Barcelona</a>") :]
    assert re.match(
        r'>Barcelona</a>\s*<span class="tie__aggregate"><span class="visually-hidden">aggregate </span>6–7</span>\s*'
        r'<a class="tie__club tie__club--second tie__club--through" href="/clubs/fc-internazionale-milano/">'
        r"Internazionale Milano</a>",
        barca_inter,
    )
    assert "Internazionale Milano win 7–6 on aggregate after extra time" in semi
    assert '<span class="badge">AET 4–3</span>' in semi
    assert "Paris Saint-Germain win 4–1 on penalties" in html  # at Anfield, 1-1 on aggregate
    assert "Real Madrid win 4–2 on penalties" in html  # against Atlético
    assert "Paris Saint-Germain win 10–0 on aggregate" in html  # Brest, in the play-offs
    final = html[html.index(">Final</h3>") :]
    assert "Paris Saint-Germain win 5–0</p>" in final and "on aggregate" not in final.split("</section>")[0]


@pytest.mark.parametrize(
    ("legs", "expected_legs", "verdict", "aggregate"),
    [
        ([(2, 0, None, None)], 2, "Alpha lead 2–0 after the first leg", "2–0"),
        ([(1, 1, None, None)], 2, "Level at 1–1 after the first leg", "1–1"),
        ([(0, 1, None, None), (1, 1, None, None)], 2, "Beta win 2–1 on aggregate", "1–2"),
        ([(1, 1, (2, 1), None)], 1, "Alpha win 2–1 after extra time", ""),
        ([(1, 1, (1, 1), (3, 5))], 1, "Beta win 5–3 on penalties", ""),
        ([(None, None, None, None)], 1, "", ""),
    ],
)
def test_a_tie_in_words(legs, expected_legs, verdict, aggregate):
    alpha, beta = factories.ClubFactory.build(pk=1, name="Alpha"), factories.ClubFactory.build(pk=2, name="Beta")
    matches = []
    for n, (home_goals, away_goals, et, pens) in enumerate(legs):
        home, away = (alpha, beta) if n == 0 else (beta, alpha)
        status = Match.Status.SCHEDULED if home_goals is None else Match.Status.FINISHED
        match = factories.MatchFactory.build(
            home=home, away=away, status=status, leg=n + 1 if expected_legs > 1 else None
        )
        match.home_score, match.away_score = home_goals, away_goals
        match.home_et, match.away_et = et or (None, None)
        match.home_pens, match.away_pens = pens or (None, None)
        matches.append(match)
    tie = KnockoutTie(tie_state(matches))
    assert (tie.verdict, tie.aggregate, tie.expected_legs) == (verdict, aggregate, expected_legs)


# ---- Bad addresses -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("as_of=2025-13-01", "“2025-13-01” is not a date: write it as YYYY-MM-DD, for example 2025-05-10."),
        ("as_of=yesterday", "“yesterday” is not a date"),
        ("as_of=20250510", "“20250510” is not a date"),
        ("as_of=2025-5-1", "“2025-5-1” is not a date"),
        ("matchday=abc", "“abc” is not a number: ?matchday= takes a matchday number, such as 12."),
        ("matchday=-1", "“-1” is not a number"),
        ("matchday=1.5", "“1.5” is not a number"),
        ("matchday=99999999999999999999", "is not a number"),
        ("matchday=0", "There is no matchday 0 in La Liga 2024-25: choose one from 1 to 38."),
        ("matchday=39", "There is no matchday 39 in La Liga 2024-25: choose one from 1 to 38."),
        ("round=x", "“x” is not a number: ?round= takes a matchday number, such as 12."),
        ("round=39", "There is no matchday 39 in La Liga 2024-25"),
        ("table=league", "There is no “league” table: choose overall, home or away."),
        ("table=HOME", "There is no “HOME” table"),
        ("matchday=3&as_of=2025-01-01", "Choose a matchday or a date for the table, not both."),
    ],
)
@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}], ids=["page", "htmx"])
def test_an_address_the_page_cannot_show_is_a_400_that_says_why(client, query, message, headers):
    season = small_season(clubs=2, short_name="La Liga")
    home, away = season.clubs.all()
    for matchday in range(1, 39):
        factories.MatchFactory(season=season, home=home, away=away, round_name=f"Matchday {matchday}", played=True)
    response = client.get(f"{season.get_absolute_url()}?{query}", headers=headers)
    html = response.content.decode()
    assert response.status_code == 400, query
    assert "We can’t show that" in html and message in html
    assert f'<a href="{season.get_absolute_url()}">' in html
    assert '<meta name="robots" content="noindex">' in html


def test_a_hostile_value_in_the_address_is_escaped_on_the_400(client):
    season = small_season(clubs=2)
    response = client.get(season.get_absolute_url(), {"table": HOSTILE})
    assert response.status_code == 400
    assert HOSTILE not in response.content.decode() and "&lt;script&gt;" in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/competitions/xx.99/2024-25/", "/competitions/es.1/1999-00/", "/competitions/es.1/2024-25/?round=x"]
)
def test_an_unknown_competition_or_season_is_the_sites_404_whatever_the_query(client, url):
    response = client.get(url)
    assert response.status_code == 404 and "We can’t find that page" in response.content.decode()


# ---- Club page ---------------------------------------------------------------------------------------------------


def test_the_club_page_gives_its_league_place_and_longest_runs(client, liga):
    html = page(client, "/clubs/fc-barcelona/")
    assert '<h2 class="section-title" id="league-title">La Liga 2024-25</h2>' in html
    assert '<span class="league-standing__position">1st</span> 88 points from 38 matches' in html
    assert re.search(r"<dt>Longest unbeaten run</dt><dd>\d+ matches<span", html)
    assert re.search(r"<dt>Longest winning run</dt><dd>\d+ matches<span", html)
    assert f'href="{LIGA}">The full table' in html


def test_a_club_in_no_league_has_no_league_panel(client):
    club = factories.ClubFactory(name="Wanderers")
    assert "league-standing" not in page(client, club.get_absolute_url())


# ---- Hostile data ------------------------------------------------------------------------------------------------


def test_club_names_are_escaped_in_the_table_notes_and_rounds(client):
    season = small_season(clubs=2, names=[f"Bad {HOSTILE}", "Good FC"])
    bad, good = season.clubs.order_by("name")
    factories.MatchFactory(season=season, home=bad, away=good, played=True, home_score=1, away_score=1)
    factories.MatchFactory(
        season=season, home=good, away=bad, played=True, home_score=1, away_score=1, round_name="Matchday 2"
    )
    html = page(client, season.get_absolute_url())
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "level on 2 points and every tie-break; listed alphabetically." in html


def test_a_points_deduction_counts_and_is_noted_under_the_table(client):
    season = small_season(clubs=2, names=["Alpha FC", "Beta FC"])
    alpha, beta = season.clubs.order_by("name")
    factories.MatchFactory(season=season, home=alpha, away=beta, played=True)  # 2-1
    factories.PointDeductionFactory(
        season=season, club=alpha, points=3, reason="Fielding an ineligible player", decided_on=dt.date(2024, 9, 2)
    )
    html = page(client, season.get_absolute_url())
    assert table_rows(html) == [(1, "Alpha FC", 1, 0), (2, "Beta FC", 1, 0)]
    assert "Alpha FC above Beta FC on goal difference, both on 0 points." in html
    assert "<li>Alpha FC: 3 points deducted on Monday 2 September 2024 (Fielding an ineligible player).</li>" in html


# ---- Query budgets -----------------------------------------------------------------------------------------------


def small_season(
    *, clubs: int, kind: str = Competition.Kind.LEAGUE, names: list[str] | None = None, short_name: str = ""
) -> Season:
    competition = factories.CompetitionFactory(kind=kind, short_name=short_name)
    season = factories.SeasonFactory(competition=competition, label="2024-25")
    season.clubs.add(*[factories.ClubFactory(name=name) for name in names or []])
    season.clubs.add(*factories.ClubFactory.create_batch(clubs - len(names or [])))
    return season


def grow(season: Season, count: int) -> None:
    """`count` more clubs in the season, each with a played match, a fixture and a point deduction."""
    for n in range(count):
        home, away = factories.ClubFactory.create_batch(2)
        season.clubs.add(home, away)
        matchday = n % 6 + 1
        kickoff = dt.datetime(2024, 9, 1, 18, tzinfo=UTC) + dt.timedelta(days=7 * matchday)
        stage = Stage.LEAGUE_PHASE if season.competition.kind != Competition.Kind.LEAGUE else Stage.LEAGUE
        common = {"season": season, "stage": stage, "matchday": matchday, "round_name": f"Matchday {matchday}"}
        factories.MatchFactory(**common, home=home, away=away, played=True, kickoff=kickoff)
        factories.MatchFactory(**common, home=away, away=home, kickoff=kickoff + dt.timedelta(days=60))
        factories.PointDeductionFactory(season=season, club=home, points=1)


def add_knockout_tie(season: Season) -> None:
    first, second = factories.ClubFactory.create_batch(2)
    tie = {"season": season, "stage": Stage.QUARTER_FINAL, "round_name": "Quarter-finals", "matchday": None}
    factories.MatchFactory(**tie, home=first, away=second, leg=1, played=True)
    factories.MatchFactory(**tie, home=second, away=first, leg=2, kickoff=dt.datetime(2025, 4, 16, 19, tzinfo=UTC))


@pytest.mark.parametrize(
    ("kind", "query", "headers", "expected"),
    [
        # The season (1), its clubs, matches and deductions for the table (3), the seasons list (1).
        (Competition.Kind.LEAGUE, "", {}, 5),
        (Competition.Kind.LEAGUE, "?table=home&matchday=3&round=2", {}, 5),
        (Competition.Kind.LEAGUE, "?as_of=2024-10-01", {}, 5),
        # And the knockout matches (1).
        (Competition.Kind.LEAGUE_PHASE_KNOCKOUT, "", {}, 6),
        # The round alone: the season, its clubs and its matches; no table, no deductions, no seasons list.
        (Competition.Kind.LEAGUE, "?round=2", {"HX-Request": "true"}, 3),
        (Competition.Kind.LEAGUE_PHASE_KNOCKOUT, "?round=2", {"HX-Request": "true"}, 3),
        # A bad table name is refused before anything but the season is read.
        (Competition.Kind.LEAGUE, "?table=nope", {}, 1),
    ],
)
def test_season_page_query_budget(client, django_assert_num_queries, kind, query, headers, expected):
    season = small_season(clubs=2, kind=kind)
    for count in (3, 8):
        grow(season, count)
        add_knockout_tie(season)
        with django_assert_num_queries(expected):
            response = client.get(f"{season.get_absolute_url()}{query}", headers=headers)
        assert response.status_code == (400 if "nope" in query else 200)


def test_the_real_seasons_cost_the_same(client, django_assert_num_queries, liga, ucl):
    # No deductions in either season, which the clubs' read says: none is read.
    for url, expected in [(LIGA, 4), (f"{LIGA}?as_of=2025-05-10&table=away", 4), (UCL, 5), (f"{UCL}?matchday=4", 5)]:
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200
    with django_assert_num_queries(3):
        assert client.get(f"{UCL}?round=5", headers={"HX-Request": "true"}).status_code == 200


def test_club_page_query_budget(client, django_assert_num_queries):
    season = small_season(clubs=2)
    club = season.clubs.first()
    season.clubs.add(factories.MatchFactory(season=season, home=club, played=True).away)
    factories.TenureFactory(club=club)
    for count in (3, 8):
        grow(season, count)
        for match in factories.MatchFactory.create_batch(count, season=season, away=club, played=True):
            season.clubs.add(match.home)
        factories.ArticleFactory(published=True, authors=[factories.AuthorFactory()]).clubs.add(club)
        # Club, results, fixtures, stories and their authors (5), its people and their latest quotes (2); its
        # head coaches and their records (the club's matches, their competitions: 3); its league seasons (1)
        # and those seasons' clubs, matches and deductions for the tables, places and runs (3).
        with django_assert_num_queries(14):
            assert client.get(club.get_absolute_url()).status_code == 200


# ---- The pieces, without the database ----------------------------------------------------------------------------


def plain_fixture(n: int, home: str, away: str, score: tuple[int, int] | None, matchday: int, day: str) -> Fixture:
    date = dt.date.fromisoformat(day)
    kickoff = dt.datetime.combine(date, dt.time(18), tzinfo=UTC)
    status = Match.Status.FINISHED if score else Match.Status.SCHEDULED
    return Fixture(n, kickoff, home, away, status, date, matchday, score)


@pytest.mark.django_db(False)
def test_rows_after_a_matchday_count_its_rearranged_matches_and_nothing_later():
    fixtures = [
        plain_fixture(1, "a", "b", (1, 0), 1, "2024-08-17"),
        plain_fixture(2, "c", "d", (0, 2), 1, "2024-10-30"),  # matchday 1, played late
        plain_fixture(3, "a", "c", (3, 0), 2, "2024-08-24"),
        plain_fixture(4, "b", "d", None, 2, "2024-08-24"),  # not played yet
    ]
    competition = factories.CompetitionFactory.build(code="xx.1")
    season = factories.SeasonFactory.build(competition=competition)
    clubs = {slug: factories.ClubFactory.build(slug=slug, name=slug) for slug in "abcd"}
    table = SeasonTable(season, None, False, "all", [], clubs, fixtures, {}, season_zones(season))
    after_1 = {row.club: (row.played, row.points) for row in rows_after_matchday(table, 1)}
    assert after_1 == {"a": (1, 3), "d": (1, 3), "b": (1, 0), "c": (1, 0)}
    after_2 = {row.club: (row.played, row.points) for row in rows_after_matchday(table, 2)}
    assert after_2["a"] == (2, 6) and after_2["b"] == (1, 0)
    as_of = SeasonTable(season, dt.date(2024, 9, 1), False, "all", [], clubs, fixtures, {}, ())
    assert {row.club: row.played for row in rows_after_matchday(as_of, 1)} == {"a": 1, "b": 1, "c": 0, "d": 0}
    assert default_round(fixtures, matchday=None, as_of=None) == 2
    assert default_round(fixtures, matchday=None, as_of=dt.date(2024, 8, 1)) == 1
    assert default_round(fixtures, matchday=7, as_of=None) == 7
    assert default_round(fixtures[3:], matchday=None, as_of=None) is None  # nothing played: every round


@pytest.mark.django_db(False)
def test_parse_season_query():
    assert parse_season_query({}) == SeasonQuery()
    assert parse_season_query({"table": "", "matchday": "", "as_of": "", "round": ""}) == SeasonQuery()
    query = parse_season_query({"table": "away", "as_of": "2025-05-10", "round": "35"})
    assert query == SeasonQuery(table="away", as_of=dt.date(2025, 5, 10), round=35)
    assert (query.table_name, query.table_param, SeasonQuery().table_param) == ("away", "away", "")
    with pytest.raises(BadQuery, match="not a date"):
        parse_season_query({"as_of": "2025-W19-6"})
    with pytest.raises(BadQuery, match="not a number"):
        parse_season_query({"round": "٣"})  # an Arabic-Indic three: a digit to str.isdigit, not to the address


def row(position: int, club: str, points: int, decided_by: str, tied_with: tuple[str, ...] = ()) -> Row:
    return Row(position, club, 10, 0, 0, 0, 0, 0, 0, points, "", 0, decided_by, tied_with, False)


@pytest.mark.django_db(False)
def test_tie_sentences_never_claim_more_than_decided_by_says():
    clubs = {slug: Club(slug=slug, name=f"{slug.upper()} FC", short_name=slug.upper()) for slug in "abcd"}
    pair = [row(3, "a", 20, "goal_difference"), row(4, "b", 20, "goal_difference")]
    assert tie_sentence(pair, clubs) == "A above B on goal difference, both on 20 points."
    level = [row(3, "a", 20, "name"), row(4, "b", 20, "name")]
    assert tie_sentence(level, clubs) == "A and B are level on 20 points and every tie-break; listed alphabetically."
    # Four clubs split 2 and 2 on head-to-head, then each pair on goal difference: B above C was head-to-head,
    # which neither row records, so the sentence says what placed each club rather than who beat whom.
    four = [row(n, slug, 20, "goal_difference") for n, slug in enumerate("abcd", 1)]
    assert tie_sentence(four, clubs) == "On 20 points: A 1st, B 2nd, C 3rd and D 4th on goal difference."
