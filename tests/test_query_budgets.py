"""Query budgets the page, feed, sitemap, search and API tests do not already pin.

The home page's htmx poll; the live score and table fragments from an empty cache (200) and as an unchanged
poll (304); the table as a page without htmx; the score link followed without htmx; and the JSON API's score
POST, OpenAPI document and docs page. Each budget is measured at two sizes of data (1 and 5: matches today,
matches and clubs in the season, stories about the match), so a query per row fails here. The tests go
through URLs only.
"""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from matches.models import Match, Season
from newsroom.models import Article, Quote
from people.models import Tenure
from tests import factories

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
HTMX = {"HX-Request": "true"}
KICKOFF = datetime.datetime(2025, 5, 11, 14, 15, tzinfo=UTC)
SIZES = (1, 5)
TOKEN = "desk-token-for-budgets"


@pytest.fixture
def match() -> Match:
    """A league match in play, its season's clubs listed (as the importer lists them), seen mid-match."""
    match = factories.MatchFactory(kickoff=KICKOFF, live=True, home_score=1, away_score=0, minute=30)
    match.season.clubs.add(match.home, match.away)
    with time_machine.travel(KICKOFF + datetime.timedelta(minutes=35)):
        yield match


def grow_to(match: Match, size: int) -> None:
    """`size` of each kind of row around `match`: played matches of its season between other listed clubs,
    earlier meetings of its two clubs (last season), matches of the day (the match itself counted) and
    published stories about it with a byline."""
    season = match.season
    last_season = factories.SeasonFactory(competition=season.competition, label="2023-24")
    week_ago, later_today = KICKOFF - datetime.timedelta(days=7), KICKOFF + datetime.timedelta(hours=2)
    a_year_ago = KICKOFF - datetime.timedelta(days=365)
    played = Match.objects.filter(season=season, status=Match.Status.FINISHED).count()
    for _ in range(size - played):
        other = factories.MatchFactory(season=season, played=True, kickoff=week_ago)
        season.clubs.add(other.home, other.away)
    for n in range(size - last_season.matches.count()):
        home, away = (match.home, match.away) if n % 2 else (match.away, match.home)
        factories.MatchFactory(season=last_season, home=home, away=away, played=True, kickoff=a_year_ago)
    for _ in range(size - Match.objects.filter(kickoff_date=match.kickoff_date).count()):
        other = factories.MatchFactory(season=season, kickoff=later_today)
        season.clubs.add(other.home, other.away)
    for _ in range(size - match.articles.count()):
        factories.ArticleFactory(published=True, match=match, authors=[factories.AuthorFactory()])


def assert_budget(django_assert_num_queries, match: Match, expected: int, request, *, status: int = 200) -> None:
    """`request()` answers with `status` in exactly `expected` queries at each size of data, from an empty
    cache each time (the worst case: the cache only ever saves queries)."""
    for size in SIZES:
        grow_to(match, size)
        cache.clear()
        with django_assert_num_queries(expected):
            response = request()
        assert response.status_code == status, (size, response.status_code)


# ---- The home page's poll --------------------------------------------------------------------------------------


def test_home_poll_budget(client, match, django_assert_num_queries):
    # Today's matches with their competition, clubs and venue (1); no stories, results or table.
    def poll():
        response = client.get("/", headers=HTMX)
        html = response.content.decode()
        assert "<html" not in html and 'id="today"' in html and "hx-trigger" in html  # still polling
        return response

    assert_budget(django_assert_num_queries, match, 1, poll)


# ---- Live fragments --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("score", 1),  # the match with its competition, clubs and venue
        # The match's season (1), the match (1), the table: the season's clubs and matches (2; the clubs' read
        # says there are no deductions), and the two clubs' earlier meetings (1).
        ("table", 5),
    ],
)
def test_live_fragment_from_an_empty_cache_budget(client, match, django_assert_num_queries, fragment, expected):
    url = f"/matches/{match.pk}/{fragment}/"

    def cold_poll():
        response = client.get(url, headers=HTMX)
        html = response.content.decode()
        assert "<html" not in html and f'id="live-{fragment}-{match.pk}"' in html
        return response

    assert_budget(django_assert_num_queries, match, expected, cold_poll)


@pytest.mark.parametrize(("fragment", "expected"), [("score", 1), ("table", 5)])
def test_a_poll_whose_etag_the_cache_has_forgotten_costs_a_cold_render(
    client, match, django_assert_num_queries, fragment, expected
):
    """A cache restart between two polls: the reader's ETag no longer matches, so a full answer, at cold cost."""
    url = f"/matches/{match.pk}/{fragment}/"
    for size in SIZES:
        grow_to(match, size)
        etag = client.get(url, headers=HTMX)["ETag"]
        cache.clear()
        with django_assert_num_queries(expected):
            response = client.get(url, headers={**HTMX, "If-None-Match": etag})
        assert response.status_code == 200 and response["ETag"] != etag


@pytest.mark.parametrize("fragment", ["score", "table"])
def test_an_unchanged_poll_is_a_304_without_the_database(client, match, django_assert_num_queries, fragment):
    url = f"/matches/{match.pk}/{fragment}/"
    for size in SIZES:
        grow_to(match, size)
        cache.clear()
        etag = client.get(url, headers=HTMX)["ETag"]  # the first poll, which fills the cache
        with django_assert_num_queries(0):
            response = client.get(url, headers={**HTMX, "If-None-Match": etag})
        assert response.status_code == 304 and response["ETag"] == etag


def test_table_page_without_htmx_budget(client, match, django_assert_num_queries):
    # With an empty cache, the match's season for the page's ETag (1; the cache keeps it after); the match (1),
    # the table around it: the season's clubs and matches (2; no deductions, as the clubs' read says), and the
    # two clubs' earlier meetings (1).
    def page():
        response = client.get(f"/matches/{match.pk}/table/")
        assert "<html" in response.content.decode()
        return response

    assert_budget(django_assert_num_queries, match, 5, page)


def test_score_link_without_htmx_budget(client, match, django_assert_num_queries):
    # A redirect to the match page, decided from the URL alone.
    def follow_link():
        response = client.get(f"/matches/{match.pk}/score/")
        assert response["Location"] == f"/matches/{match.pk}/"
        return response

    assert_budget(django_assert_num_queries, match, 0, follow_link, status=302)


# ---- The JSON API ----------------------------------------------------------------------------------------------


def test_score_post_budget(client, match, settings, django_assert_num_queries):
    settings.SCORE_API_TOKEN = TOKEN
    goals = iter(range(2, 10))

    # The match (1); the action's transaction (a savepoint and its release under the test's transaction: 2;
    # none in production), in it the match locked for update (1) and the update (1); the match as it now
    # stands, for the answer (1). Validation asks nothing: the write touches no relation or constraint that
    # the score rule (Match.clean) has not checked.
    def post():
        return client.post(
            f"/api/v1/matches/{match.pk}/score",
            {"home": next(goals), "away": 0, "minute": 40},
            content_type="application/json",
            headers={"Authorization": f"Bearer {TOKEN}"},
        )

    assert_budget(django_assert_num_queries, match, 6, post)


@pytest.mark.parametrize("url", ["/api/v1/openapi.json", "/api/v1/docs"])
def test_api_description_budget(client, match, django_assert_num_queries, url):
    # Built from the code alone: no query, however much data there is.
    assert_budget(django_assert_num_queries, match, 0, lambda: client.get(url))


# ---- Pages pinned elsewhere at one size only -------------------------------------------------------------------


def test_competition_redirect_budget(client, match, django_assert_num_queries):
    # The competition's latest season with its competition (1), however many seasons and matches it has.
    code = match.season.competition.code

    def follow():
        return client.get(f"/competitions/{code}/")

    assert_budget(django_assert_num_queries, match, 1, follow, status=302)


def test_quote_page_budget(client, match, django_assert_num_queries):
    # The quote with its speaker, match and source (1), and up to five of the speaker's other quotes from the
    # same match (1), however many quotes the archive holds.
    quote = factories.QuoteFactory(match=match, speaker=factories.PersonFactory())
    for size in SIZES:
        factories.QuoteFactory.create_batch(size, match=match)
        factories.QuoteFactory.create_batch(size, match=match, speaker=quote.speaker)
        cache.clear()
        with django_assert_num_queries(2):
            response = client.get(f"/quotes/{quote.pk}/")
        assert response.status_code == 200


# ---- The editors' desk ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "budget"), [("editor", 17), ("writer", 16)])
def test_the_editing_desk_budget_does_not_grow_with_the_story_quotes(client, request, role, budget):
    """The article form with its quote inline and the quote panel beside the text: the same number of queries
    for a story with two quotes as with eight, as a writer and as an editor."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client.force_login(request.getfixturevalue(role))
    counts = []
    for quotes in (2, 8):
        article = factories.ArticleFactory(match=None)
        for _ in range(quotes):
            factories.QuoteFactory(source_article=article)
        url = reverse("admin:newsroom_article_change", args=[article.pk])
        client.get(url)  # the session and the user's permissions, which every admin page reads, are warm
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts == [budget, budget]


# ---- The busiest pages as the archive, the newsroom and the seasons grow -------------------------------------
#
# Each budget is counted with one of everything around the Clasico, then again with five: five earlier seasons
# of the league (each with a meeting of the two clubs, and its own table), and, for each club and coach, five
# times more stories naming it and quotes in the archive. The same count both times: nothing reads per row.

PREVIEW_DAY = datetime.datetime(2025, 5, 9, 15, 0, tzinfo=UTC)
CLASICO_KICKOFF = datetime.datetime(2025, 5, 11, 14, 15, tzinfo=UTC)


@pytest.fixture
def preview():
    """The Clasico preview, published, with a byline and a tag; both clubs listed in the season, each with a
    head coach and a move touching it; seen two days before kick-off."""
    la_liga = factories.CompetitionFactory(code="es.1", name="LaLiga", short_name="La Liga")
    season = factories.SeasonFactory(competition=la_liga, label="2024-25")
    barcelona = factories.ClubFactory(name="FC Barcelona", slug="fc-barcelona")
    madrid = factories.ClubFactory(name="Real Madrid CF", slug="real-madrid-cf")
    season.clubs.add(barcelona, madrid)
    clasico = factories.MatchFactory(season=season, matchday=35, home=barcelona, away=madrid, kickoff=CLASICO_KICKOFF)
    earlier = CLASICO_KICKOFF - datetime.timedelta(days=120)
    factories.MatchFactory(season=season, matchday=17, home=madrid, away=barcelona, played=True, kickoff=earlier)
    for club, slug in ((barcelona, "hansi-flick"), (madrid, "carlo-ancelotti")):
        factories.TenureFactory(person=factories.PersonFactory(slug=slug), club=club)
    factories.ManagerMoveFactory(from_club=madrid)
    article = factories.ArticleFactory(
        kind="preview",
        slug="clasico-preview",
        status="published",
        published_at=PREVIEW_DAY - datetime.timedelta(hours=6),
        match=clasico,
        authors=[factories.AuthorFactory()],
    )
    article.tags.add(factories.TagFactory())
    article.clubs.add(barcelona, madrid)
    with time_machine.travel(PREVIEW_DAY):
        yield article


def grow_around(article, size: int) -> None:
    """`size` of everything that grows around the preview (see above), counted from what is there."""
    match, season = article.match, article.match.season
    coaches = [tenure.person for tenure in Tenure.objects.filter(club__in=[match.home, match.away])]
    have = Season.objects.filter(competition=season.competition).count() - 1
    for years in range(have + 1, size + 1):
        earlier = factories.SeasonFactory(competition=season.competition, label=f"{2024 - years}-{25 - years:02}")
        earlier.clubs.add(match.home, match.away)
        kickoff = match.kickoff - datetime.timedelta(days=365 * years)
        factories.MatchFactory(season=earlier, home=match.home, away=match.away, played=True, kickoff=kickoff)
    author = factories.AuthorFactory()
    for club in (match.home, match.away):
        for _ in range(3 * size - Article.objects.filter(clubs=club).exclude(pk=article.pk).count()):
            story = factories.ArticleFactory(published=True, authors=[author])
            story.clubs.add(club)
    for coach in coaches:
        factories.QuoteFactory.create_batch(3 * size - coach.quotes.count(), speaker=coach, said_on=match.kickoff_date)
    for n in range(Quote.objects.filter(source_article=article).count(), size):
        factories.QuoteFactory(source_article=article, match=match, paragraph=n, speaker=coaches[0])
        Quote.objects.filter(source_article=article).update(source_published_at=article.published_at)


def assert_flat_as_it_grows(django_assert_num_queries, article, expected: int, url: str) -> None:
    for size in SIZES:
        grow_around(article, size)
        cache.clear()
        with django_assert_num_queries(expected):
            response = Client().get(url)
        assert response.status_code == 200, (size, response.status_code)


def test_preview_budget_as_the_data_grows(preview, django_assert_num_queries):
    # The article with its match (1), authors, tags and corrections (3); the table at kick-off: clubs and
    # matches (2; the clubs' read says the season has no deductions); the latest meetings with their counts
    # (1); the coaches (1) and their latest quotes, a bounded read per coach in one query (1); the moves
    # touching either club and their updates (2); the story's quotes (1); related stories and their authors
    # (2).
    assert_flat_as_it_grows(django_assert_num_queries, preview, 14, preview.get_absolute_url())
    html = Client().get(preview.get_absolute_url()).content.decode()
    # The meetings are counted, not all read: this season's, and one in each of the five before.
    assert "1 meeting this season before this one; 6 in all in our results." in html


def test_preview_shows_each_coachs_two_latest_quotes_however_many_there_are(preview):
    grow_around(preview, 5)
    html = Client().get(preview.get_absolute_url()).content.decode()
    coaches = html[html.index('id="coaches-title"') :]
    coaches = coaches[: coaches.index("</section>")]
    for coach in Tenure.objects.filter(club__in=[preview.match.home, preview.match.away]).select_related("person"):
        latest = coach.person.quotes.filter(source_article=None).order_by("-said_on", "-pk")
        shown = [quote for quote in latest if quote.text in coaches]
        assert shown == list(latest[:2])


def test_season_page_budget_as_the_seasons_grow(preview, django_assert_num_queries):
    # The season (1) and the links to its competition's other seasons, with the competition (1); the table:
    # clubs and matches (2). One query for the links however many seasons there are.
    season = preview.match.season
    assert_flat_as_it_grows(django_assert_num_queries, preview, 4, season.get_absolute_url())
    html = Client().get(season.get_absolute_url()).content.decode()
    assert html.count('<a class="chip" href="/competitions/es.1/') == 6  # this season and the five before it


def test_home_budget_as_the_data_grows(preview, django_assert_num_queries):
    # Today's matches (1), the stories with their authors (2), results (1), fixtures (1); the lead story is not
    # about a match here, so no table.
    assert_flat_as_it_grows(django_assert_num_queries, preview, 5, "/")


def test_standings_budget_as_the_seasons_grow(preview, django_assert_num_queries):
    # The season (1), its clubs and matches (2).
    url = "/api/v1/competitions/es.1/seasons/2024-25/standings"
    assert_flat_as_it_grows(django_assert_num_queries, preview, 3, url)


def test_a_season_with_deductions_reads_them(preview, client, django_assert_num_queries):
    # The clubs' read says the season has deductions, so they are read (1 more than without) and counted.
    match = preview.match
    factories.PointDeductionFactory(season=match.season, club=match.away, points=3)
    url = "/api/v1/competitions/es.1/seasons/2024-25/standings"
    with django_assert_num_queries(4):
        rows = {row["club"]["slug"]: row for row in client.get(url).json()["rows"]}
    assert rows["real-madrid-cf"]["points"] == 3 - 3 and rows["fc-barcelona"]["points"] == 0


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # The club (1), its coaches with their records (3), results and fixtures (2), its league places:
        # seasons, their clubs, matches, deductions (4), stories naming it and their authors (2), its people
        # and their latest quotes, a bounded read each (2).
        ("/clubs/fc-barcelona/", 14),
        # Every league season, a page at a time: the club (1), how many seasons (1), the page's seasons and
        # their clubs (2), their matches and deductions (2).
        ("/clubs/fc-barcelona/seasons/", 6),
        # The person (1) with tenures, records and moves, and their quotes, however many they said.
        ("/people/carlo-ancelotti/", 8),
    ],
)
def test_club_and_person_budgets_as_the_data_grows(preview, django_assert_num_queries, url, expected):
    assert_flat_as_it_grows(django_assert_num_queries, preview, expected, url)


def test_a_preview_with_one_coach_on_record_shows_their_latest_quotes(preview):
    """One speaker is a read of its own, not a union of one (which PostgreSQL's path must not build)."""
    Tenure.objects.filter(club=preview.match.away).delete()
    grow_around(preview, 1)
    html = Client().get(preview.get_absolute_url()).content.decode()
    coaches = html[html.index('id="coaches-title"') :]
    coaches = coaches[: coaches.index("</section>")]
    flick = Tenure.objects.get(club=preview.match.home).person
    latest = flick.quotes.filter(source_article=None).order_by("-said_on", "-pk")[:2]
    assert [quote.text in coaches for quote in latest] == [True, True]
