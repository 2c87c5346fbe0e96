# ruff: noqa: RUF001 -- the site prints scores with en dashes and text with curly quotes, as these tests expect
"""The public site, page by page: what a reader sees, what stays hidden, and what each page costs in queries.

Every query budget is pinned at two data sizes (`assert_flat_queries`), so a page that starts querying per row
fails here rather than in production.
"""

import datetime
import re
from collections.abc import Callable

import pytest
import time_machine
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse

from matches.models import Competition, Match, Stage
from newsroom.models import Article, Correction, Quote
from people.models import Honour, MoveStatus, Role
from tests import factories

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# Friday 9 May 2025, the day the Clasico preview was published, in the afternoon in London.
PREVIEW_DAY = datetime.datetime(2025, 5, 9, 15, 0, tzinfo=UTC)
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def assert_flat_queries(
    django_assert_num_queries, client, url: str, add_rows: Callable[[int], object], expected: int
) -> None:
    """The page at `url` takes exactly `expected` queries with 3 rows of what `add_rows` adds, and with 10,
    each time from a cold cache (the worst case: a page's cached fragments only ever save queries)."""
    for count in (3, 7):
        add_rows(count)
        cache.clear()
        with django_assert_num_queries(expected):
            response = client.get(url)
        assert response.status_code == 200


def assert_site_404(response) -> None:
    assert response.status_code == 404
    assert "We can’t find that page" in response.content.decode()


def assert_no_live_markup(html: str) -> None:
    """Nothing an editor typed became a tag or a script: it is all escaped text."""
    assert "<script>alert" not in html
    assert "<img" not in html
    assert 'href="javascript:' not in html.lower()
    assert "<b onmouseover" not in html


# ---- The Clasico, as the reference piece surrounds it --------------------------------------------------------


@pytest.fixture
def clasico() -> Match:
    la_liga = factories.CompetitionFactory(code="es.1", name="LaLiga EA Sports", short_name="La Liga")
    season = factories.SeasonFactory(competition=la_liga, label="2024-25")
    return factories.MatchFactory(
        season=season,
        round_name="Matchday 35",
        matchday=35,
        home=factories.ClubFactory(name="FC Barcelona", slug="fc-barcelona"),
        away=factories.ClubFactory(name="Real Madrid CF", slug="real-madrid-cf"),
        kickoff=datetime.datetime(2025, 5, 11, 14, 15, tzinfo=UTC),
        venue=factories.VenueFactory(name="Estadi Olímpic Lluís Companys", city="Barcelona"),
    )


@pytest.fixture
def preview(clasico: Match) -> Article:
    article = factories.ArticleFactory(
        kind=Article.Kind.PREVIEW,
        headline="Barcelona aim to take a giant step towards the title",
        slug="clasico-preview",
        standfirst="Four points clear with four matches left.",
        body="Barcelona lead the table.\n\n\n\n\n\nReal Madrid must win.",
        status=Article.Status.PUBLISHED,
        # 23:30 on Thursday in UTC is already Friday in London: the date printed is the site's.
        published_at=datetime.datetime(2025, 5, 8, 23, 30, tzinfo=UTC),
        match=clasico,
        authors=[factories.AuthorFactory(name="Sam Writer", role="Chief football writer")],
    )
    article.tags.add(factories.TagFactory(name="El Clásico", slug="el-clasico"))
    return article


def add_quotes(article: Article, count: int, **fields: object) -> list[Quote]:
    return [
        factories.QuoteFactory(source_article=article, match=article.match, paragraph=n, **fields)
        for n in range(count)
    ]


# ---- Every page: head, landmarks, CSP ------------------------------------------------------------------------


@time_machine.travel(PREVIEW_DAY)
def test_every_page_has_a_title_description_canonical_landmarks_and_no_inline_styles(client, preview):
    quote = add_quotes(preview, 1, speaker=factories.PersonFactory(slug="carlo-ancelotti"))[0]
    urls = [
        "/",
        preview.get_absolute_url(),
        "/competitions/",
        preview.match.season.get_absolute_url(),
        preview.match.get_absolute_url(),
        "/clubs/fc-barcelona/",
        "/people/carlo-ancelotti/",
        "/moves/",
        "/moves/?as_of=2025-05-09",
        "/quotes/",
        quote.get_absolute_url(),
        "/tags/el-clasico/",
    ]
    for url in urls:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert re.search(r"<title>[^<]+ \| Pressbox</title>|<title>Pressbox: ", html), url
        assert re.search(r'<meta name="description" content="[^"]{20,}">', html), url
        assert f'<link rel="canonical" href="http://testserver{url}">' in html, url
        assert 'href="#main"' in html and '<main id="main"' in html, url
        for landmark in ("<header", "<nav", "</main>", "<footer"):
            assert landmark in html, (url, landmark)
        assert " style=" not in html and "<style" not in html, url
        assert "csrf" not in html.lower() and "nonce" not in html, url


def test_every_script_comes_from_the_site_under_a_policy_without_a_nonce(client):
    """A page holds no per-request value, so one rendering serves every reader; the policy allows only 'self'."""
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "nonce" not in policy and "unsafe" not in policy
    scripts = re.findall(r"<script[^>]*>", response.content.decode())
    assert any("htmx-2.min.js" in script for script in scripts)
    assert all('src="/static/' in script or 'type="application/ld+json"' in script for script in scripts)


def test_an_unknown_address_is_the_sites_404(client):
    assert_site_404(client.get("/no-such-page/"))


def test_the_500_page_renders_without_a_request_or_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert "<main" in html and "csrf" not in html.lower()


# ---- Home ------------------------------------------------------------------------------------------------------


@time_machine.travel(PREVIEW_DAY)
def test_home_leads_with_the_lead_story_then_the_latest(client, preview):
    newer = factories.ArticleFactory(headline="A newer story", published=True)
    preview.is_lead = True
    preview.save()
    html = client.get("/").content.decode()
    assert html.index(preview.headline) < html.index("Latest") < html.index(newer.headline)
    assert "Friday 9 May 2025" in html


@time_machine.travel(PREVIEW_DAY)
def test_home_leads_with_the_newest_story_when_none_is_marked_lead(client, preview):
    newer = factories.ArticleFactory(headline="A newer story", published=True)
    html = client.get("/").content.decode()
    assert html.index(newer.headline) < html.index("Latest") < html.index(preview.headline)


@time_machine.travel(PREVIEW_DAY)
def test_home_shows_recent_results_and_upcoming_fixtures(client, clasico):
    played = factories.MatchFactory(
        season=clasico.season, played=True, kickoff=datetime.datetime(2025, 5, 4, 19, 0, tzinfo=UTC)
    )
    html = client.get("/").content.decode()
    assert "Latest results" in html and f"{played.home.display_name}</span>" in html and "2–1" in html
    assert "Coming up" in html and "FC Barcelona</span>" in html and "16:15" in html


@time_machine.travel(PREVIEW_DAY)
def test_home_never_shows_drafts_or_scheduled_stories(client):
    factories.ArticleFactory(headline="Draft headline", is_lead=True)
    factories.ArticleFactory(
        headline="Scheduled headline",
        status=Article.Status.PUBLISHED,
        published_at=PREVIEW_DAY + datetime.timedelta(hours=1),
        is_lead=True,
    )
    factories.ArticleFactory(headline="In review headline", status=Article.Status.IN_REVIEW)
    html = client.get("/").content.decode()
    assert "Draft headline" not in html and "Scheduled headline" not in html and "In review" not in html


@time_machine.travel(PREVIEW_DAY)
def test_home_query_budget(client, clasico, django_assert_num_queries):
    author = factories.AuthorFactory()
    clasico.season.clubs.add(clasico.home, clasico.away)  # as the importer lists them

    def add_rows(count: int) -> None:
        for _ in range(count):
            factories.ArticleFactory(published=True, match=clasico, authors=[author])
            for match in (
                factories.MatchFactory(season=clasico.season, played=True),
                factories.MatchFactory(season=clasico.season),
            ):
                clasico.season.clubs.add(match.home, match.away)

    # Today's matches (1), stories with their authors (2), results (1), fixtures (1); the lead story is about
    # a league match, so the top of that table (clubs and matches: 2; no deductions, as the clubs' read says).
    assert_flat_queries(django_assert_num_queries, client, "/", add_rows, 7)


# ---- Article ---------------------------------------------------------------------------------------------------


@time_machine.travel(PREVIEW_DAY)
def test_article_page_shows_the_story_and_its_match_card(client, preview):
    html = client.get(preview.get_absolute_url()).content.decode()
    assert '<h1 class="story__headline">Barcelona aim to take a giant step towards the title</h1>' in html
    assert "Four points clear with four matches left." in html
    assert "By Sam Writer" in html
    assert "Friday 9 May 2025" in html
    assert "Updated" not in html
    assert '<a href="/tags/el-clasico/">El Clásico</a>' in html
    # The match card.
    assert 'FC Barcelona <span class="match-card__versus">v</span> Real Madrid CF' in html
    assert "La Liga</a> · Matchday 35" in html
    assert "Sunday 11 May 2025, 16:15" in html
    assert "Estadi Olímpic Lluís Companys" in html
    assert f'href="{preview.match.get_absolute_url()}"' in html


@time_machine.travel(PREVIEW_DAY)
def test_article_body_has_no_empty_paragraphs(client, preview):
    html = client.get(preview.get_absolute_url()).content.decode()
    body = html[html.index('class="story__body') : html.index("</div>", html.index('class="story__body'))]
    assert body.count("<p>") == 2
    assert not re.search(r"<p>\s*</p>", html)


@time_machine.travel(PREVIEW_DAY)
def test_article_shows_the_score_once_played_and_when_it_was_updated(client, preview):
    Match.objects.filter(pk=preview.match.pk).update(status=Match.Status.FINISHED, home_score=4, away_score=3)
    preview.content_updated_at = datetime.datetime(2025, 5, 9, 9, 5, tzinfo=UTC)
    preview.save()
    html = client.get(preview.get_absolute_url()).content.decode()
    assert '<span class="live-score__score" data-testid="score">4–3</span>' in html
    assert '<span class="badge" data-testid="status">Full-time</span>' in html
    assert "Updated <time" in html and "Friday 9 May 2025, 10:05" in html


@time_machine.travel(PREVIEW_DAY)
def test_article_lists_its_quotes_linked_to_their_speakers(client, preview):
    ancelotti = factories.PersonFactory(name="Carlo Ancelotti", slug="carlo-ancelotti")
    add_quotes(preview, 1, speaker=ancelotti, text="The honeymoon with this club never ends.")
    add_quotes(preview, 1, speaker=ancelotti, text="A rejected line.", verification=Quote.Verification.REJECTED)
    html = client.get(preview.get_absolute_url()).content.decode()
    assert "The honeymoon with this club never ends." in html
    assert '<a class="quote__speaker" href="/people/carlo-ancelotti/">Carlo Ancelotti</a>' in html
    assert "A rejected line." not in html


@time_machine.travel(PREVIEW_DAY)
def test_article_without_a_match_has_no_aside(client):
    article = factories.ArticleFactory(published=True)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<aside" not in html and "match-card" not in html


@time_machine.travel(PREVIEW_DAY)
@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.IN_REVIEW},
        {"status": Article.Status.PUBLISHED, "published_at": PREVIEW_DAY + datetime.timedelta(minutes=1)},
    ],
    ids=["draft", "in-review", "scheduled"],
)
def test_an_unpublished_article_is_a_404(client, fields):
    article = factories.ArticleFactory(**fields)
    assert_site_404(client.get(article.get_absolute_url()))


def test_a_scheduled_article_appears_when_its_time_comes(client):
    article = factories.ArticleFactory(
        status=Article.Status.PUBLISHED, published_at=datetime.datetime(2025, 5, 9, 10, 0, tzinfo=UTC)
    )
    with time_machine.travel(datetime.datetime(2025, 5, 9, 9, 59, tzinfo=UTC)):
        assert client.get(article.get_absolute_url()).status_code == 404
    with time_machine.travel(datetime.datetime(2025, 5, 9, 10, 0, tzinfo=UTC)):
        assert client.get(article.get_absolute_url()).status_code == 200


@time_machine.travel(PREVIEW_DAY)
def test_article_query_budget(client, preview, django_assert_num_queries):
    def add_rows(count: int) -> None:
        add_quotes(preview, count)
        preview.tags.add(*factories.TagFactory.create_batch(count))
        preview.authors.add(*factories.AuthorFactory.create_batch(count))
        Correction.objects.bulk_create(Correction(article=preview, text=f"Correction {n}.") for n in range(count))

    # The article with its match (1), authors, tags, clubs and quotes (4), its corrections (1: it has some),
    # related stories (1); as a preview, the table at kick-off (clubs, matches, deductions: 3), meetings (1), the
    # coaches (1), their quotes (1) and the manager moves touching either club (1; their updates only when there
    # are some).
    assert_flat_queries(django_assert_num_queries, client, preview.get_absolute_url(), add_rows, 14)


# ---- A preview that quotes both coaches: a reader meets each quote once ------------------------------------------

FLICK_IN_TEXT = "We respect Madrid but we play at home and we want the three points"
ANCELOTTI_IN_TEXT = (
    "I read that Xabi is leaving Bayer Leverkusen, where he did a fantastic job",
    "He has all the doors open",
)


@pytest.fixture
def coaches_quoted(preview: Article) -> Article:
    """The preview quotes both head coaches in its text (Ancelotti split around his attribution, as the
    extractor joins it); each coach also has older words in the archive from a press conference of their own."""
    flick = factories.PersonFactory(name="Hansi Flick", slug="hansi-flick")
    ancelotti = factories.PersonFactory(name="Carlo Ancelotti", slug="carlo-ancelotti")
    factories.TenureFactory(person=flick, club=preview.match.home, start_date=datetime.date(2024, 5, 29))
    factories.TenureFactory(person=ancelotti, club=preview.match.away, start_date=datetime.date(2021, 6, 1))
    first, second = ANCELOTTI_IN_TEXT
    preview.body = (
        f"Barcelona lead the table.\n\n“{FLICK_IN_TEXT},” Flick said.\n\n"
        f"“{first},” Ancelotti said on Friday. “{second}.”"
    )
    preview.save()
    factories.QuoteFactory(source_article=preview, match=preview.match, paragraph=1, speaker=flick, text=FLICK_IN_TEXT)
    factories.QuoteFactory(
        source_article=preview, match=preview.match, paragraph=2, speaker=ancelotti, text=f"{first}, {second}"
    )
    elsewhere = {"said_on": datetime.date(2025, 4, 25), "source_url": "https://example.com/press"}
    factories.QuoteFactory(speaker=flick, text="The derby is the derby, whatever the table says.", **elsewhere)
    factories.QuoteFactory(speaker=ancelotti, text="My future is not the issue this week.", **elsewhere)
    return preview


@time_machine.travel(PREVIEW_DAY)
def test_a_preview_gives_each_coachs_quote_once(client, coaches_quoted, django_assert_num_queries):
    # test_article_query_budget's 14, less its corrections (this story has none), and the coaches' quotes (1).
    with django_assert_num_queries(14):
        html = client.get(coaches_quoted.get_absolute_url()).content.decode()

    for words in (FLICK_IN_TEXT, *ANCELOTTI_IN_TEXT):
        assert html.count(words) == 1, words  # in the text, and not again beside it or under it
    coaches = html[html.index('id="coaches-title"') :]
    coaches = coaches[: coaches.index("</section>")]
    assert "The derby is the derby" in coaches and "My future is not the issue this week." in coaches
    archive = html[html.index('id="quotes-title"') :]
    archive = archive[: archive.index("</aside>")]
    assert 'href="/quotes/?speaker=hansi-flick">Hansi Flick</a>' in archive
    assert 'href="/quotes/?speaker=carlo-ancelotti">Carlo Ancelotti</a>' in archive


# ---- Hostile input ---------------------------------------------------------------------------------------------


@time_machine.travel(PREVIEW_DAY)
def test_nothing_an_editor_types_runs_in_the_page(client, preview):
    preview.headline = f"Headline {HOSTILE}"
    preview.standfirst = f"Standfirst {HOSTILE}"
    preview.body = f'Body {HOSTILE}\n\n[click](javascript:alert(1))\n\n<a href="javascript:alert(1)">raw</a>'
    preview.is_lead = True
    preview.save()
    preview.tags.add(factories.TagFactory(name='<b onmouseover="alert(1)">tag</b>', slug="hostile"))
    speaker = factories.PersonFactory(name=f"Speaker {HOSTILE}", slug="hostile-speaker", bio=HOSTILE)
    quote = add_quotes(preview, 1, speaker=speaker, text=f"Quote {HOSTILE}", source_url="javascript:alert(1)")[0]
    section = factories.SectionFactory(slug="hostile-section", description=HOSTILE)
    Article.objects.filter(pk=preview.pk).update(section=section)
    urls = [
        "/",
        preview.get_absolute_url(),
        "/tags/hostile/",
        "/sections/hostile-section/",
        "/quotes/",
        quote.get_absolute_url(),
        "/people/hostile-speaker/",
        preview.match.get_absolute_url(),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_live_markup(response.content.decode())
    article_html = client.get(preview.get_absolute_url()).content.decode()
    assert "&lt;script&gt;" in article_html


# ---- Tags and sections -----------------------------------------------------------------------------------------


@time_machine.travel(PREVIEW_DAY)
def test_tag_page_lists_only_published_articles(client, preview):
    tag = preview.tags.get()
    draft = factories.ArticleFactory(headline="A draft about the Clasico")
    draft.tags.add(tag)
    html = client.get("/tags/el-clasico/").content.decode()
    assert '<h1 class="page-header__title">El Clásico</h1>' in html
    assert preview.headline in html and draft.headline not in html


@time_machine.travel(PREVIEW_DAY)
def test_section_page_lists_its_published_articles(client):
    section = factories.SectionFactory(name="Transfers", slug="transfers", description="Who is going where.")
    factories.ArticleFactory(headline="Alonso to Madrid", published=True, section=section)
    factories.ArticleFactory(headline="Not in the section", published=True)
    html = client.get("/sections/transfers/").content.decode()
    assert "Who is going where." in html and "Alonso to Madrid" in html and "Not in the section" not in html


@pytest.mark.parametrize("url", ["/tags/nope/", "/sections/nope/"])
def test_unknown_tag_or_section_is_a_404(client, url):
    assert_site_404(client.get(url))


@time_machine.travel(PREVIEW_DAY)
def test_tag_pages_are_paged_and_a_bad_page_number_lands_on_a_real_page(client):
    tag = factories.TagFactory(slug="paged")
    for n in range(25):
        factories.ArticleFactory(
            headline=f"Story {n:02}", published=True, published_at=PREVIEW_DAY - datetime.timedelta(hours=n + 1)
        ).tags.add(tag)
    first = client.get("/tags/paged/").content.decode()
    assert "Story 00" in first and "Story 19" in first and "Story 20" not in first
    assert 'href="?page=2"' in first
    second = client.get("/tags/paged/?page=2").content.decode()
    assert "Story 20" in second and "Story 24" in second and "Story 19" not in second
    assert '<link rel="canonical" href="http://testserver/tags/paged/?page=2">' in second
    for page, expected in [("99", "Story 24"), ("-1", "Story 24"), ("0", "Story 24"), ("abc", "Story 00")]:
        response = client.get(f"/tags/paged/?page={page}")
        assert response.status_code == 200 and expected in response.content.decode(), page


@time_machine.travel(PREVIEW_DAY)
@pytest.mark.parametrize("kind", ["tag", "section"])
def test_tag_and_section_query_budget(client, kind, django_assert_num_queries):
    tag = factories.TagFactory(slug="budget")
    section = factories.SectionFactory(slug="budget")
    author = factories.AuthorFactory()

    def add_rows(count: int) -> None:
        for _ in range(count):
            factories.ArticleFactory(published=True, section=section, authors=[author]).tags.add(tag)

    # The tag or section (1), the count (1), the page (1) and its authors (1).
    assert_flat_queries(django_assert_num_queries, client, f"/{kind}s/budget/", add_rows, 4)


# ---- Competitions and seasons ----------------------------------------------------------------------------------


def test_competition_list_links_every_season(client, clasico):
    older = factories.SeasonFactory(competition=clasico.season.competition, label="2023-24")
    html = client.get("/competitions/").content.decode()
    assert "LaLiga EA Sports" in html
    assert f'href="{clasico.season.get_absolute_url()}"' in html and f'href="{older.get_absolute_url()}"' in html


def test_competitions_query_budget(client, django_assert_num_queries):
    def add_rows(count: int) -> None:
        for _ in range(count):
            factories.SeasonFactory(label="2024-25")
            factories.SeasonFactory(label="2023-24", competition=Competition.objects.last())

    assert_flat_queries(django_assert_num_queries, client, "/competitions/", add_rows, 2)


def test_a_competition_leads_to_its_latest_season(client, clasico, django_assert_num_queries):
    factories.SeasonFactory(competition=clasico.season.competition, label="2023-24")
    with django_assert_num_queries(1):
        response = client.get("/competitions/es.1/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/competitions/es.1/2024-25/"


@pytest.mark.parametrize("url", ["/competitions/xx.99/", "/competitions/es.1/1999-00/", "/competitions/zz/2024-25/"])
def test_unknown_competition_or_season_is_a_404(client, clasico, url):
    factories.CompetitionFactory(code="empty.1")
    assert_site_404(client.get(url))
    assert_site_404(client.get("/competitions/empty.1/"))


def test_season_page_groups_matches_by_matchday_in_order(client, clasico):
    season = clasico.season
    late = factories.MatchFactory(
        season=season, round_name="Matchday 2", matchday=2, kickoff=datetime.datetime(2025, 3, 1, tzinfo=UTC)
    )
    early = factories.MatchFactory(
        season=season, round_name="Matchday 1", matchday=1, kickoff=datetime.datetime(2024, 8, 15, tzinfo=UTC)
    )
    # Played months late, it still belongs to matchday 1.
    postponed = factories.MatchFactory(
        season=season, round_name="Matchday 1", matchday=1, kickoff=datetime.datetime(2025, 4, 2, tzinfo=UTC)
    )
    html = client.get(season.get_absolute_url()).content.decode()
    headings = re.findall(r'<h3 class="round__title"[^>]*>([^<]+)</h3>', html)
    assert headings == ["Matchday 1", "Matchday 2", "Matchday 35"]
    assert html.index(early.home.name) < html.index(postponed.home.name) < html.index(late.home.name)
    assert f'href="{clasico.get_absolute_url()}"' in html


def test_champions_league_season_groups_the_league_phase_then_the_knockout_stages(client):
    ucl = factories.CompetitionFactory(
        code="uefa.cl", name="UEFA Champions League", kind=Competition.Kind.LEAGUE_PHASE_KNOCKOUT
    )
    season = factories.SeasonFactory(competition=ucl)
    factories.MatchFactory(season=season, round_name="Finals, Semifinals", stage=Stage.SEMI_FINAL, leg=1)
    factories.MatchFactory(season=season, round_name="League, Matchday 1", matchday=1)
    factories.MatchFactory(season=season, round_name="Finals, Final", stage=Stage.FINAL, matchday=None)
    html = client.get(season.get_absolute_url()).content.decode()
    headings = re.findall(r'<h3 class="round__title"[^>]*>([^<]+)</h3>', html)
    assert headings == ["League phase · Matchday 1", "Semi-final", "Final"]


def test_season_query_budget(client, clasico, django_assert_num_queries):
    def add_rows(count: int) -> None:
        factories.MatchFactory.create_batch(count, season=clasico.season, played=True)

    # The season (1), its sibling seasons (1); for the table, its clubs, matches and deductions (3), and the
    # clubs its matches name that it does not list (1: factories leave Season.clubs empty, the importer fills it).
    assert_flat_queries(django_assert_num_queries, client, clasico.season.get_absolute_url(), add_rows, 6)


# ---- Match -----------------------------------------------------------------------------------------------------


@time_machine.travel(PREVIEW_DAY)
def test_match_page_before_kick_off(client, preview):
    html = client.get(preview.match.get_absolute_url()).content.decode()
    assert '<span class="scoreboard__versus">v</span>' in html
    assert "Scheduled" in html
    assert "Sunday 11 May 2025, 16:15" in html and "Estadi Olímpic Lluís Companys" in html
    assert "Matchday 35" in html
    assert preview.headline in html


def test_match_page_shows_every_part_of_the_score(client, clasico):
    Match.objects.filter(pk=clasico.pk).update(
        status=Match.Status.FINISHED,
        home_score=3,
        away_score=3,
        home_ht=2,
        away_ht=0,
        home_et=4,
        away_et=3,
        home_pens=None,
        away_pens=None,
    )
    html = client.get(clasico.get_absolute_url()).content.decode()
    assert '<span class="live-score__score" data-testid="score">3–3</span>' in html
    assert "Half-time 2–0" in html and "3–3 after 90 minutes, 4–3 after extra time" in html
    assert "Full-time" in html


def test_match_page_shows_penalties_and_awarded_results(client, clasico):
    Match.objects.filter(pk=clasico.pk).update(
        status=Match.Status.FINISHED, home_score=1, away_score=1, home_et=1, away_et=1, home_pens=1, away_pens=4
    )
    assert "1–4 on penalties" in client.get(clasico.get_absolute_url()).content.decode()
    Match.objects.filter(pk=clasico.pk).update(
        status=Match.Status.AWARDED, home_et=None, away_et=None, home_pens=None, away_pens=None,
        home_awarded=0, away_awarded=2,
    )  # fmt: skip
    html = client.get(clasico.get_absolute_url()).content.decode()
    assert '<span class="live-score__score" data-testid="score">0–2</span>' in html
    assert "Result awarded 0–2; the match finished 1–1 on the pitch." in html


def test_match_page_links_the_other_leg_of_a_tie(client):
    ucl = factories.CompetitionFactory(code="uefa.cl", kind=Competition.Kind.LEAGUE_PHASE_KNOCKOUT)
    season = factories.SeasonFactory(competition=ucl)
    barca, inter = factories.ClubFactory(name="FC Barcelona"), factories.ClubFactory(name="Inter")
    tie = factories.TieFactory(season=season, club_a=barca, club_b=inter, winner=inter, decided_by="extra_time")
    first = factories.MatchFactory(
        season=season, stage=Stage.SEMI_FINAL, round_name="Semi-finals", leg=1, home=barca, away=inter, tie=tie,
        status=Match.Status.FINISHED, home_score=3, away_score=3,
    )  # fmt: skip
    second = factories.MatchFactory(
        season=season, stage=Stage.SEMI_FINAL, round_name="Semi-finals, 2nd leg", leg=2, home=inter, away=barca,
        tie=tie, kickoff=datetime.datetime(2025, 5, 6, 19, 0, tzinfo=UTC),
    )  # fmt: skip
    html = client.get(second.get_absolute_url()).content.decode()
    assert "Semi-final, second leg" in html
    assert "<dt>First leg</dt>" in html and f'href="{first.get_absolute_url()}"' in html
    assert "Inter go through (extra time)" in html


@time_machine.travel(PREVIEW_DAY)
def test_match_page_lists_only_public_articles_and_quotes(client, preview):
    factories.ArticleFactory(headline="A draft about the match", match=preview.match)
    add_quotes(preview, 1, text="Citable words.")
    add_quotes(preview, 1, text="Rejected words.", verification=Quote.Verification.REJECTED)
    draft = factories.ArticleFactory(match=preview.match)
    add_quotes(draft, 1, text="Words from a draft.")
    html = client.get(preview.match.get_absolute_url()).content.decode()
    assert preview.headline in html and "A draft about the match" not in html
    assert "Citable words." in html and "Rejected words." not in html and "Words from a draft." not in html


def test_unknown_match_is_a_404(client):
    assert_site_404(client.get("/matches/999999/"))


@time_machine.travel(PREVIEW_DAY)
@pytest.mark.parametrize("leg", [None, 1])
def test_match_query_budget(client, preview, leg, django_assert_num_queries):
    Match.objects.filter(pk=preview.match.pk).update(leg=leg)
    preview.match.season.clubs.add(preview.match.home, preview.match.away)  # as the importer lists them
    author = factories.AuthorFactory()

    def add_rows(count: int) -> None:
        for _ in range(count):
            factories.ArticleFactory(published=True, match=preview.match, authors=[author])
        add_quotes(preview, count)

    # The match (1), articles with authors (2), quotes (1), the league table at kick-off (clubs and matches: 2;
    # no deductions, as the clubs' read says) and the two clubs' meetings (1); and the other leg (1) when there
    # is one.
    expected = 7 if leg is None else 8
    assert_flat_queries(django_assert_num_queries, client, preview.match.get_absolute_url(), add_rows, expected)


# ---- Club ------------------------------------------------------------------------------------------------------


@time_machine.travel(PREVIEW_DAY)
def test_club_page_shows_coach_results_fixtures_and_stories(client, preview):
    barca = preview.match.home
    flick = factories.PersonFactory(name="Hansi Flick", slug="hansi-flick")
    factories.TenureFactory(person=flick, club=barca, start_date=datetime.date(2024, 5, 29))
    factories.TenureFactory(club=barca, role=Role.PLAYER)
    factories.TenureFactory(
        club=barca, start_date=datetime.date(2021, 11, 6), end_date=datetime.date(2024, 5, 28), how_ended="sacked"
    )
    result = factories.MatchFactory(
        season=preview.match.season, home=barca, played=True, kickoff=datetime.datetime(2025, 5, 3, tzinfo=UTC)
    )
    html = client.get("/clubs/fc-barcelona/").content.decode()
    assert '<h1 class="page-header__title">FC Barcelona</h1>' in html
    assert "<dt>Head coach</dt>" in html and '<a href="/people/hansi-flick/">Hansi Flick</a>' in html
    assert html.index("Fixtures") < html.index("Real Madrid CF") < html.index("Results")
    assert f'href="{result.get_absolute_url()}"' in html
    assert preview.headline in html


def test_unknown_club_is_a_404(client):
    assert_site_404(client.get("/clubs/nope/"))


@time_machine.travel(PREVIEW_DAY)
def test_club_query_budget(client, preview, django_assert_num_queries):
    barca = preview.match.home
    factories.TenureFactory(club=barca)

    def add_rows(count: int) -> None:
        for _ in range(count):
            factories.MatchFactory(season=preview.match.season, home=barca, played=True)
            factories.MatchFactory(season=preview.match.season, away=barca)
            factories.ArticleFactory(published=True, authors=[factories.AuthorFactory()]).clubs.add(barca)

    # Club, results, fixtures, stories and their authors: one each; its people and their latest quotes (2);
    # its head coaches (1)
    # and their records (the club's matches, their competitions: 2); the league seasons it played (1, none
    # here: factories leave Season.clubs empty, so no positions and no table). tests/test_season_pages.py pins
    # the club page with a league season; tests/test_people_pages.py with coaches and seasons on record.
    assert_flat_queries(django_assert_num_queries, client, "/clubs/fc-barcelona/", add_rows, 11)


# ---- Person ----------------------------------------------------------------------------------------------------


@pytest.fixture
def alonso(preview):
    alonso = factories.PersonFactory(
        name="Xabier Alonso Olano", known_as="Xabi Alonso", slug="xabi-alonso",
        nationality="Spain", birth_date=datetime.date(1981, 11, 25), bio="Born in Tolosa.\n\nWon the double.",
    )  # fmt: skip
    leverkusen = factories.ClubFactory(name="Bayer 04 Leverkusen")
    factories.TenureFactory(person=alonso, club=leverkusen, start_date=datetime.date(2022, 10, 5))
    move = factories.ManagerMoveFactory(
        person=alonso, from_club=leverkusen, to_club=preview.match.away, status=MoveStatus.AGREED
    )
    factories.ManagerMoveUpdateFactory(
        move=move, summary="Alonso says these two games are his last.", source_name="Bayer 04 press conference",
        source_url="https://example.com/alonso",
    )  # fmt: skip
    factories.HonourFactory(person=alonso, title="Bundesliga", club=leverkusen, season_label="2023-24")
    add_quotes(preview, 1, speaker=alonso, text="We have to enjoy this moment.")
    preview.people.add(alonso)
    return alonso


@time_machine.travel(PREVIEW_DAY)
def test_person_page_shows_career_moves_honours_quotes_and_stories(client, alonso, preview):
    html = client.get("/people/xabi-alonso/").content.decode()
    assert '<h1 class="page-header__title">Xabier Alonso Olano</h1>' in html
    assert "<dt>Known as</dt><dd>Xabi Alonso</dd>" in html and "Spain" in html
    assert "25 November 1981" in html and "(age 43)" in html
    assert "<p>Born in Tolosa.</p>" in html
    assert "Bayer 04 Leverkusen → Real Madrid CF" in html and "Agreed" in html
    assert "Alonso says these two games are his last." in html
    assert (
        '<a href="https://example.com/alonso" rel="noopener noreferrer nofollow">Bayer 04 press conference</a>' in html
    )
    assert "Bundesliga" in html and "2023-24" in html
    assert "We have to enjoy this moment." in html
    assert preview.headline in html
    assert 'href="/quotes/?speaker=xabi-alonso"' in html


def test_unknown_person_is_a_404(client):
    assert_site_404(client.get("/people/nobody/"))


@time_machine.travel(PREVIEW_DAY)
def test_person_query_budget(client, alonso, preview, django_assert_num_queries):
    def add_rows(count: int) -> None:
        for _ in range(count):
            factories.TenureFactory(person=alonso)
            factories.ManagerMoveUpdateFactory(move=factories.ManagerMoveFactory(person=alonso))
            factories.HonourFactory(person=alonso, title=f"Cup {Honour.objects.count()}")
            article = factories.ArticleFactory(published=True, authors=[factories.AuthorFactory()])
            article.people.add(alonso)
        add_quotes(preview, count, speaker=alonso)

    # Person (1); tenures, honours, moves and their updates (4); the records in charge (the clubs' matches: 1,
    # none of them played here, so no competitions to read); quotes (1); stories and authors (2).
    # tests/test_people_pages.py pins the page with matches in the record.
    assert_flat_queries(django_assert_num_queries, client, "/people/xabi-alonso/", add_rows, 9)


# ---- Quotes ----------------------------------------------------------------------------------------------------


@time_machine.travel(PREVIEW_DAY)
def test_quote_list_shows_public_quotes_newest_first(client, preview):
    older = factories.QuoteFactory(text="Older words.", said_on=datetime.date(2025, 4, 1))
    newer = factories.QuoteFactory(text="Newer words.", said_on=datetime.date(2025, 5, 8))
    add_quotes(preview, 1, text="Rejected words.", verification=Quote.Verification.REJECTED)
    add_quotes(factories.ArticleFactory(), 1, text="Words from a draft.")
    html = client.get("/quotes/").content.decode()
    assert html.index(newer.text) < html.index(older.text)
    assert "Rejected words." not in html and "Words from a draft." not in html
    assert "1–2 of 2 quotes" in html


@time_machine.travel(PREVIEW_DAY)
def test_quote_list_filters_by_speaker(client):
    ancelotti = factories.PersonFactory(name="Carlo Ancelotti", slug="carlo-ancelotti")
    factories.QuoteFactory(speaker=ancelotti, text="Honeymoon.")
    factories.QuoteFactory(text="Someone else.")
    html = client.get("/quotes/?speaker=carlo-ancelotti").content.decode()
    assert "Honeymoon." in html and "Someone else." not in html
    assert "<title>Quotes by Carlo Ancelotti | Pressbox</title>" in html
    assert '<option value="carlo-ancelotti" selected>' in html
    assert '<link rel="canonical" href="http://testserver/quotes/?speaker=carlo-ancelotti">' in html


def test_quote_list_for_an_unknown_speaker_is_a_400_naming_it(client):
    response = client.get("/quotes/?speaker=nobody")
    assert response.status_code == 400
    assert "<code>speaker</code>: There is no speaker &#x27;nobody&#x27;." in response.content.decode()


def test_quote_list_pages_by_25_and_never_fails_on_a_bad_page(client, journalist):
    client.force_login(journalist)
    for n in range(30):
        factories.QuoteFactory(text=f"Quote {n:02}.", said_on=datetime.date(2025, 1, 1) + datetime.timedelta(n))
    first = client.get("/quotes/").content.decode()
    assert first.count('<figure class="quote">') == 25 and "Quote 29." in first and "Quote 04." not in first
    second = client.get("/quotes/?page=2").content.decode()
    assert second.count('<figure class="quote">') == 5 and "Quote 04." in second
    assert "26–30 of 30 quotes" in second
    for page in ["99", "0", "-3", "abc", "1.5", "9" * 30]:
        response = client.get(f"/quotes/?page={page}")
        assert response.status_code == 200, page
        assert response.content.decode().count('<figure class="quote">') in (5, 25), page


def test_quote_list_paging_keeps_the_speaker(client, journalist):
    client.force_login(journalist)
    speaker = factories.PersonFactory(slug="talker")
    factories.QuoteFactory.create_batch(26, speaker=speaker)
    html = client.get("/quotes/?speaker=talker").content.decode()
    assert 'href="?speaker=talker&amp;page=2"' in html


def test_quote_list_answers_htmx_with_the_results_fragment(client):
    factories.QuoteFactory(text="Fragment words.")
    response = client.get("/quotes/", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and 'id="quote-results"' in html and "Fragment words." in html
    assert "HX-Request" in response.headers["Vary"]
    history = client.get("/quotes/", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in history.content.decode()


@pytest.mark.parametrize(
    ("query", "headers", "expected"),
    [
        # The count with the five facets (one query: no speaker list of its own any more), the page's ids, and
        # their rows. The fragment needs the same: its facet drop-downs' counts follow the search.
        ("", {}, 3),
        # And the speaker, and the speaker facet counted without the speaker filter.
        ("?speaker=talker", {}, 5),
        ("", {"HX-Request": "true"}, 3),
    ],
)
def test_quote_list_query_budget(client, query, headers, expected, django_assert_num_queries):
    speaker = factories.PersonFactory(slug="talker")

    def add_rows(count: int) -> None:
        factories.QuoteFactory.create_batch(count, speaker=speaker)
        factories.QuoteFactory.create_batch(count)

    for count in (3, 7):
        add_rows(count)
        with django_assert_num_queries(expected):
            assert client.get(f"/quotes/{query}", headers=headers).status_code == 200


@time_machine.travel(PREVIEW_DAY)
def test_quote_page_gives_a_full_citation(client, preview):
    ancelotti = factories.PersonFactory(name="Carlo Ancelotti", slug="carlo-ancelotti")
    quote = add_quotes(preview, 1, speaker=ancelotti, text="The honeymoon never ends.", context="On his future.")[0]
    html = client.get(quote.get_absolute_url()).content.decode()
    assert "Friday 9 May 2025" in html and "Pre-match press conference" in html
    assert f'<a href="{preview.get_absolute_url()}">{preview.headline}</a>' in html
    assert f'href="{preview.match.get_absolute_url()}"' in html
    assert "On his future." in html
    citation = (
        "“The honeymoon never ends.” — Carlo Ancelotti, pre-match press conference, 9 May 2025. "
        f"Quoted in “{preview.headline}”, Pressbox, 9 May 2025. http://testserver/quotes/{quote.pk}/"
    )
    assert f'<p class="citation__line" id="citation-line">{citation}</p>' in html
    assert 'data-copy="citation-line" hidden' in html


def test_quote_page_cites_a_source_url_when_there_is_no_article(client):
    quote = factories.QuoteFactory(source_url="https://example.com/presser", occasion=Quote.Occasion.OTHER)
    html = client.get(quote.get_absolute_url()).content.decode()
    assert '<a href="https://example.com/presser" rel="noopener noreferrer nofollow">' in html
    assert f"9 May 2025. https://example.com/presser. http://testserver/quotes/{quote.pk}/" in html


@time_machine.travel(PREVIEW_DAY)
def test_a_quote_that_is_not_public_is_a_404(client):
    rejected = factories.QuoteFactory(verification=Quote.Verification.REJECTED)
    from_draft = factories.QuoteFactory(source_article=factories.ArticleFactory())
    assert_site_404(client.get(rejected.get_absolute_url()))
    assert_site_404(client.get(from_draft.get_absolute_url()))
    assert_site_404(client.get("/quotes/999999/"))


@time_machine.travel(PREVIEW_DAY)
def test_quote_page_query_budget(client, preview, django_assert_num_queries):
    quote = add_quotes(preview, 1)[0]
    # The quote with its speaker, match and source (1), and the speaker's other words on the occasion (1).
    with django_assert_num_queries(2):
        assert client.get(quote.get_absolute_url()).status_code == 200
    assert reverse("quote", kwargs={"pk": quote.pk}) == quote.get_absolute_url()
