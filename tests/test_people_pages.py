"""The person, club and moves pages: records in charge, the tracker as of any day, its filters and htmx, bad
input, escaping, and each page's query budget, flat as people, tenures, seasons, matches and moves grow.

Tests marked demo read the real results and the demo's people and moves (as the Clasico piece reports them
on 9 May 2025, and as each move stood on later days)."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.cache import cache

from matches.models import Club, Match, Season
from newsroom.pages.club import PLACES_SHOWN
from people.actions import create_move, record_move_update
from tests import factories

pytestmark = pytest.mark.django_db
D = dt.date
UTC = dt.UTC
TODAY = dt.datetime(2025, 6, 15, 12, 0, tzinfo=UTC)
HTMX = {"HX-Request": "true"}


def kickoff(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(18), tzinfo=UTC)


def play(season, home, away, day, score=(2, 1)):
    season.clubs.add(home, away)
    return factories.MatchFactory(
        season=season, home=home, away=away, kickoff=kickoff(day), status=Match.Status.FINISHED,
        home_score=score[0], away_score=score[1],
    )  # fmt: skip


def step(move, day, status, **extra):
    return record_move_update(
        move=move, date=day, status=status, summary=f"Step: {status}.", source_name="Desk", **extra
    )


def assert_flat(django_assert_num_queries, client, url, grow, expected, *, headers=None):
    """`url` answers 200 in exactly `expected` queries after each of two rounds of `grow()`."""
    for size in (1, 4):
        grow(size)
        cache.clear()
        with django_assert_num_queries(expected):
            response = client.get(url, headers=headers or {})
        assert response.status_code == 200, response.content[:300]
    return response


# ---- The person page ---------------------------------------------------------------------------------------------


@pytest.fixture
def coach():
    """A coach with two seasons at Alpha (one in a league and a cup), and earlier a player at Beta."""
    person = factories.PersonFactory(name="Ana Coach", slug="ana-coach")
    alpha = factories.ClubFactory(name="Alpha")
    league = factories.CompetitionFactory(code="xx.league", name="Test League")
    for label, first in (("2023-24", D(2023, 9, 1)), ("2024-25", D(2024, 9, 1))):
        season = factories.SeasonFactory(competition=league, label=label, start_date=first)
        for n in range(3):
            play(
                season, alpha, factories.ClubFactory(), first + dt.timedelta(days=7 * n), (1, 1) if n == 2 else (2, 0)
            )
    factories.TenureFactory(person=person, club=alpha, start_date=D(2021, 7, 1))  # before the data starts
    factories.TenureFactory(
        person=person, club=factories.ClubFactory(name="Beta"), role="player", start_date=D(2005, 7, 1),
        end_date=D(2015, 6, 30), how_ended="retired",
    )  # fmt: skip
    return person


@time_machine.travel(TODAY)
def test_the_person_page_shows_each_coaching_tenure_with_its_record(client, coach):
    html = client.get("/people/ana-coach/").content.decode()
    assert "Record in charge at Alpha" in html
    assert "Test League 2023-24" in html and "Test League 2024-25" in html
    assert "Test League, all seasons" in html
    # 2023-24: won 2, drew 1 = 7 points from 3: 2.33 a game.
    assert "<td>3</td><td>2</td><td>1</td><td>0</td>" in html and "<td>2.33</td>" in html
    assert "Points per game at Alpha, by season" in html  # two seasons: the chart
    assert "Player" in html and "Retired" in html  # a tenure that is not a coach's has no record
    assert html.count("Record in charge at") == 1


@time_machine.travel(TODAY)
def test_a_tenure_longer_than_the_data_says_which_seasons_it_covers(client, coach):
    html = client.get("/people/ana-coach/").content.decode()
    assert "Matches on record cover 2023-24 and 2024-25 only." in html


@time_machine.travel(TODAY)
def test_the_person_page_budget_is_flat(client, coach, django_assert_num_queries):
    league = factories.CompetitionFactory(code="xx.more", name="More League")

    def grow(size):
        for _ in range(size):
            club = factories.ClubFactory()
            season = factories.SeasonFactory(competition=league, label=f"20{10 + club.pk % 80}-xx"[:7])
            play(season, club, factories.ClubFactory(), D(2020, 1, 1) + dt.timedelta(days=club.pk))
            factories.TenureFactory(person=coach, club=club, start_date=D(2019, 1, 1), end_date=D(2019 + 2, 1, 1))
            move = factories.ManagerMoveFactory(person=coach)
            factories.ManagerMoveUpdateFactory(move=move)
            factories.HonourFactory(person=coach, title=f"Cup {club.pk}")
            factories.QuoteFactory(speaker=coach, source_article=factories.ArticleFactory(published=True))
            factories.ArticleFactory(published=True, authors=[factories.AuthorFactory()]).people.add(coach)

    # Person (1); tenures, honours, moves and their steps (4); the records in charge: the clubs' matches and
    # their competitions (2); quotes (1); stories and their authors (2).
    assert_flat(django_assert_num_queries, client, "/people/ana-coach/", grow, 10)


# ---- The club page -----------------------------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_the_club_page_lists_its_coaches_with_records_and_its_seasons(client, coach):
    alpha = Club.objects.get(name="Alpha")
    earlier = factories.PersonFactory(name="Old Boss")
    factories.TenureFactory(
        person=earlier, club=alpha, start_date=D(2020, 7, 1), end_date=D(2023, 6, 30), how_ended="sacked"
    )
    factories.QuoteFactory(speaker=coach, text="We go again.", source_article=factories.ArticleFactory(published=True))
    html = client.get("/clubs/alpha/").content.decode()
    assert html.index("Ana Coach") < html.index("Old Boss")  # the latest first
    assert "Sacked" in html and "No matches of this spell are in the data yet." in html
    assert "Test League 2024-25" in html and "Test League 2023-24" in html  # a place in each season
    assert "<strong>1st</strong>" in html
    assert "We go again." in html  # its people's quotes
    assert '<dt>Head coach</dt><dd><a href="/people/ana-coach/">Ana Coach</a>' in html


@time_machine.travel(TODAY)
def test_the_club_page_budget_is_flat(client, coach, django_assert_num_queries):
    alpha = Club.objects.get(name="Alpha")
    league = factories.CompetitionFactory(code="xx.league")

    def grow(size):
        for n in range(size):
            first = D(2000 + alpha.tenures.count(), 8, 1)
            season = factories.SeasonFactory(competition=league, label=f"{first.year}-{(first.year + 1) % 100:02d}")
            play(season, alpha, factories.ClubFactory(), first + dt.timedelta(days=10))
            factories.TenureFactory(
                club=alpha, start_date=first, end_date=first + dt.timedelta(days=200), how_ended="sacked"
            )
            factories.QuoteFactory(speaker=coach, source_article=factories.ArticleFactory(published=True))
            factories.ArticleFactory(published=True, authors=[factories.AuthorFactory()]).clubs.add(alpha)
            factories.MatchFactory(season=season, home=alpha, kickoff=TODAY + dt.timedelta(days=n + 1))

    # Club (1); results, fixtures, stories and their authors (4); its people and their latest quotes, a bounded
    # read each (2); head coaches (1) and their records (matches, competitions: 2); its league seasons (1)
    # with their clubs, matches and deductions (3).
    assert_flat(django_assert_num_queries, client, "/clubs/alpha/", grow, 14)


@time_machine.travel(TODAY)
def test_the_club_page_shows_its_latest_league_seasons_and_links_to_every_one(
    client, coach, django_assert_num_queries
):
    alpha = Club.objects.get(name="Alpha")
    league = factories.CompetitionFactory(code="xx.history", name="History League")
    for year in range(2001, 2013):  # twelve seasons more on record, besides the two of the fixture
        season = factories.SeasonFactory(competition=league, label=f"{year}-{(year + 1) % 100:02d}")
        play(season, alpha, factories.ClubFactory(), D(year, 9, 1))
    every = {f"{s.competition.display_name} {s.label}" for s in Season.objects.league_seasons_of(alpha)}
    assert len(every) == 14

    html = client.get("/clubs/alpha/").content.decode()
    places = html[html.index('id="places-title"') :]
    places = places[: places.index("</section>")]
    assert "Latest league seasons" in places
    assert places.count("<li>") == PLACES_SHOWN
    assert "Test League 2024-25" in places and "History League 2001-02" not in places  # the latest first
    assert 'href="/clubs/alpha/seasons/"' in places

    listed, url = [], "/clubs/alpha/seasons/"
    for _ in range(5):
        with django_assert_num_queries(6):  # club, count, the page's seasons and their clubs, matches, deductions
            response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        listed += re.findall(r'<li><a href="/competitions/[^"]+">([^<]+)</a>', page)
        if 'rel="next"' not in page:
            break
        url = "/clubs/alpha/seasons/" + re.search(r'rel="next" href="([^"]+)"', page)[1].replace("&amp;", "&")
    assert sorted(listed) == sorted(every) and listed[0] == "Test League 2024-25"
    assert "Page 2 of 2" in page

    assert client.get("/clubs/nobody/seasons/").status_code == 404
    assert client.get("/clubs/alpha/seasons/?page=abc").status_code == 200  # a bad page: the first
    assert "Page 2 of 2" in client.get("/clubs/alpha/seasons/?page=99").content.decode()  # past the end: the last


@time_machine.travel(TODAY)
def test_a_club_with_few_seasons_lists_them_all_on_its_page(client, coach):
    html = client.get("/clubs/alpha/").content.decode()
    assert "League seasons on record" in html and "/clubs/alpha/seasons/" not in html


# ---- The moves tracker -------------------------------------------------------------------------------------------


@pytest.fixture
def merry_go_round():
    """Bravo's coach heads for Alpha, whose coach heads for Country; Charlie's move collapsed."""
    alpha, bravo, country = (factories.ClubFactory(name=n) for n in ("Alpha", "Bravo", "Country"))
    charlie = factories.ClubFactory(name="Charlie")
    league = factories.SeasonFactory(competition=factories.CompetitionFactory(code="xx.top", name="Top League"))
    league.clubs.add(alpha, bravo)
    young = factories.TenureFactory(club=bravo, start_date=D(2022, 10, 5)).person
    old = factories.TenureFactory(club=alpha, start_date=D(2021, 6, 1)).person
    to_alpha = create_move(person=young, from_club=bravo, to_club=alpha, on=D(2025, 5, 9))
    to_country = create_move(person=old, from_club=alpha, to_club=country, on=D(2025, 5, 9))
    step(to_alpha, D(2025, 5, 9), "in_talks", departure_confirmed=True, source_url="/articles/the-preview/")
    step(to_country, D(2025, 5, 9), "rumoured", source_url="https://example.com/report")
    step(to_country, D(2025, 5, 12), "announced")
    step(to_alpha, D(2025, 5, 25), "announced")
    step(to_country, D(2025, 5, 26), "completed")
    step(to_alpha, D(2025, 6, 1), "completed")
    gone = create_move(
        person=factories.PersonFactory(name="Nobody Much"), from_club=None, to_club=charlie, on=D(2025, 3, 1)
    )
    step(gone, D(2025, 3, 1), "rumoured")
    step(gone, D(2025, 3, 20), "collapsed")
    return to_alpha, to_country


def statuses(html: str) -> list[str]:
    import re

    return re.findall(r'<span class="badge badge--(\w+)">', html)


@time_machine.travel(TODAY)
def test_the_tracker_shows_each_move_as_it_stood_on_any_day(client, merry_go_round):
    before = client.get("/moves/?as_of=2025-05-08").content.decode()
    assert statuses(before) == ["collapsed"]  # only the move heard of by then (and over by then)
    clasico = client.get("/moves/?as_of=2025-05-09").content.decode()
    assert sorted(statuses(clasico)) == ["collapsed", "in_talks", "rumoured"]
    assert "Step: announced." not in clasico  # later steps are not shown as known
    assert 'href="/articles/the-preview/"' in clasico and 'href="https://example.com/report"' in clasico
    later = client.get("/moves/?as_of=2025-05-12").content.decode()
    assert sorted(statuses(later)) == ["announced", "collapsed", "in_talks"]
    done = client.get("/moves/?as_of=2025-06-01").content.decode()
    assert sorted(statuses(done)) == ["collapsed", "completed", "completed"]


@time_machine.travel(TODAY)
def test_vacancies_are_clubs_losing_a_coach_without_a_successor(client, merry_go_round):
    def vacancies(day):
        html = client.get(f"/moves/?as_of={day}").content.decode()
        section = html[html.index('id="vacancies-title"') : html.index('id="moves-list-title"')]
        found = [(section.index(f">{name}</a>:"), name) for name in ("Alpha", "Bravo") if f">{name}</a>:" in section]
        return [name for _, name in sorted(found)]

    assert vacancies("2025-05-08") == []
    assert vacancies("2025-05-09") == ["Bravo"]  # its coach said he was leaving
    assert vacancies("2025-05-12") == ["Bravo", "Alpha"]  # Alpha's coach announced elsewhere
    assert vacancies("2025-05-25") == ["Bravo"]  # Alpha's successor announced
    assert vacancies("2025-06-02") == ["Bravo"]  # nobody announced for Bravo
    assert vacancies("2025-05-12&club=alpha") == ["Alpha"]  # a club filter keeps its own vacancy only
    assert vacancies("2025-05-12&competition=xx.top") == ["Bravo", "Alpha"]


@time_machine.travel(TODAY)
def test_the_tracker_filters(client, merry_go_round):
    def shown(query):
        return sorted(statuses(client.get(f"/moves/?{query}").content.decode()))

    assert shown("as_of=2025-05-12&status=announced") == ["announced"]
    assert shown("as_of=2025-05-12&club=country") == ["announced"]
    assert shown("as_of=2025-05-12&club=charlie") == ["collapsed"]
    assert shown("as_of=2025-05-12&competition=xx.top") == ["announced", "in_talks"]
    assert shown("date_from=2025-03-01&date_to=2025-03-31") == ["collapsed"]
    assert shown("status=completed") == ["completed", "completed"]


@time_machine.travel(TODAY)
def test_the_tracker_lists_open_moves_and_those_closed_in_the_last_year(client, merry_go_round):
    with time_machine.travel(dt.datetime(2026, 7, 1, tzinfo=UTC)):
        html = client.get("/moves/").content.decode()
    assert statuses(html) == [] and "choose a status or dates for older ones" in html
    assert sorted(statuses(client.get("/moves/").content.decode())) == ["collapsed", "completed", "completed"]


@time_machine.travel(TODAY)
def test_the_tracker_answers_htmx_with_its_results_alone(client, merry_go_round):
    response = client.get("/moves/?as_of=2025-05-09&status=in_talks", headers=HTMX)
    html = response.content.decode()
    assert "<html" not in html and 'id="move-results"' in html and statuses(html) == ["in_talks"]
    assert "HX-Request" in response["Vary"]
    page = client.get("/moves/").content.decode()
    assert 'hx-get="/moves/"' in page and 'hx-push-url="true"' in page and 'hx-target="#move-results"' in page


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("status=sacked", "Status"),
        ("club=nowhere", "Club"),
        ("competition=zz.9", "Competition"),
        ("as_of=2025-02-30", "As it stood on"),
        ("as_of=09/05/2025", "As it stood on"),
        ("date_from=2025-06-01&date_to=2025-05-01", "swap the dates"),
        ("club=%00", "Club"),
        ("status=%3Cscript%3Ealert(1)%3C/script%3E", "Status"),
    ],
)
def test_bad_filters_are_a_400_that_names_them(client, query, says):
    response = client.get(f"/moves/?{query}")
    html = response.content.decode()
    assert response.status_code == 400 and says in html
    assert "<script>alert" not in html


@time_machine.travel(TODAY)
def test_what_the_desk_typed_is_escaped(client):
    move = create_move(
        person=factories.PersonFactory(name="<b>Bold</b> Person"), from_club=None,
        to_club=factories.ClubFactory(name="Club <i>X</i>"), summary="<script>alert(1)</script>", on=D(2025, 6, 1),
    )  # fmt: skip
    step(move, D(2025, 6, 1), "rumoured", source_url="https://example.com/a?b=<c>")
    move.updates.update(source_name="<img src=x onerror=alert(1)>", summary="<script>alert(2)</script>")
    html = client.get("/moves/").content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Bold" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@time_machine.travel(TODAY)
def test_the_tracker_budget_is_flat(client, merry_go_round, django_assert_num_queries):
    def grow(size):
        for _ in range(size):
            club, other = factories.ClubFactory(), factories.ClubFactory()
            person = factories.TenureFactory(club=club, start_date=D(2020, 1, 1)).person
            move = create_move(person=person, from_club=club, to_club=other, on=D(2025, 5, 1))
            step(move, D(2025, 5, 1), "rumoured", departure_confirmed=True)
            step(move, D(2025, 5, 3), "agreed")
            incoming = create_move(person=factories.PersonFactory(), from_club=None, to_club=club, on=D(2025, 5, 1))
            step(incoming, D(2025, 5, 2), "in_talks")

    # The competitions for the filter (1); the moves (a count and a page: 2) and their steps (1); the
    # vacancies: departures and successors (2), with the steps of the departures (1); the clubs to filter by (1).
    assert_flat(django_assert_num_queries, client, "/moves/?as_of=2025-05-20", grow, 8)
    # The htmx fragment leaves out the filter's lists.
    assert_flat(django_assert_num_queries, client, "/moves/?as_of=2025-05-20", grow, 6, headers=HTMX)


# ---- The demo, on the real data ----------------------------------------------------------------------------------


@pytest.mark.demo
def test_the_demo_moves_match_the_clasico_piece_on_9_may_2025(demo_newsroom, client):
    html = client.get("/moves/?as_of=2025-05-09").content.decode()
    alonso = html[html.index('href="/people/xabi-alonso/">Xabi Alonso</a>: ') :]
    assert 'badge--in_talks">In talks' in alonso[:600]  # leaving Leverkusen, poised to take over at Madrid
    ancelotti = html[html.index('href="/people/carlo-ancelotti/">Carlo Ancelotti</a>: ') :]
    assert 'badge--rumoured">Rumoured' in ancelotti[:600]  # no announcement yet; linked with Brazil
    assert "Brazil" in ancelotti[:600]
    assert 'href="/articles/barcelona-real-madrid-clasico-preview/"' in html  # the piece is the source
    section = html[html.index('id="vacancies-title"') : html.index('id="moves-list-title"')]
    assert "Bayer 04 Leverkusen" in section and "Real Madrid CF" not in section


@pytest.mark.demo
@pytest.mark.parametrize(
    ("day", "alonso", "ancelotti", "vacant"),
    [
        ("2025-05-12", "in_talks", "announced", ["Bayer 04 Leverkusen", "Real Madrid CF"]),
        ("2025-05-25", "announced", "announced", ["Bayer 04 Leverkusen"]),
        ("2025-05-26", "announced", "completed", []),
        ("2025-06-01", "completed", "completed", []),
    ],
)
def test_the_demo_tracker_on_later_days(demo_newsroom, client, day, alonso, ancelotti, vacant):
    response = client.get(f"/api/v1/moves?as_of={day}")
    assert response.status_code == 200, response.content
    body = response.json()
    status = {move["person"]["slug"]: move["status"] for move in body["moves"]}
    assert status["xabi-alonso"] == alonso and status["carlo-ancelotti"] == ancelotti
    assert [vacancy["club"]["name"] for vacancy in body["vacancies"]] == vacant


@pytest.mark.demo
def test_the_demo_person_page_shows_alonsos_unbeaten_season(demo_newsroom, client):
    html = client.get("/people/xabi-alonso/").content.decode()
    row = html[html.index("Bundesliga 2023-24</th>") :][:200]
    assert (
        '<td>34</td><td>28</td><td>6</td><td>0</td><td class="record__goals">89\u201324</td><td>2.65</td><td>34</td>'
        in row
    )
    assert "Matches on record cover 2023-24 and 2024-25 only." in html
    assert "Points per game at Bayer 04 Leverkusen, by season" in html


@pytest.mark.demo
def test_the_demo_club_page_of_roma_shows_three_spells(demo_newsroom, client):
    html = client.get("/clubs/as-roma/").content.decode()
    assert html.index("Claudio Ranieri") < html.index("Ivan Jurić")
    assert "Sacked" in html and "Serie A 2024-25" in html
