"""Public pages served from caches, correctly: no per-reader state, caching headers a CDN can use, whole pages
for anonymous readers from the shared cache, and invalidation as fine as what each page shows
(newsroom/page_cache.py, page_versions.py, page_invalidation.py)."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.cache import cache

from matches.actions import record_score
from matches.models import Match
from newsroom.models import Article, Quote
from newsroom.page_versions import version_key
from tests import factories
from tests.test_health import DEAD_REDIS

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
HTMX = {"HX-Request": "true"}
KICKOFF = datetime.datetime(2025, 5, 11, 14, 15, tzinfo=UTC)
# Two days before the Clasico: nothing is polled, and the preview's table is the one as of its kick-off.
BEFORE = datetime.datetime(2025, 5, 9, 15, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def clock():
    with time_machine.travel(BEFORE, tick=False) as traveller:
        yield traveller


@pytest.fixture
def clasico(clock) -> Match:
    match = factories.MatchFactory(kickoff=KICKOFF, matchday=35)
    match.season.clubs.add(match.home, match.away)
    return match


@pytest.fixture
def preview(clasico: Match) -> Article:
    article = factories.ArticleFactory(
        published=True, kind=Article.Kind.PREVIEW, match=clasico, slug="clasico-preview", headline="The Clasico"
    )
    article.tags.add(factories.TagFactory())
    return article


@pytest.fixture
def other_story(clock) -> Article:
    """A story about nothing the preview shows."""
    return factories.ArticleFactory(published=True, slug="elsewhere", headline="Elsewhere")


def committed(django_capture_on_commit_callbacks):
    """Writes in a test's transaction run their on-commit hooks as a real commit would."""
    return django_capture_on_commit_callbacks(execute=True)


def cached(client, django_assert_num_queries, url: str, **headers: str):
    """The page at `url` as a hit: no query at all."""
    with django_assert_num_queries(0):
        return client.get(url, headers=headers)


def rebuilt(client, django_assert_num_queries, url: str) -> bool:
    """Whether the next GET of `url` builds the page (asks the database) rather than serving it from the cache."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries) > 0


# ---- No per-reader state ---------------------------------------------------------------------------------------


def public_urls(preview: Article, quote: Quote) -> list[tuple[str, dict[str, str]]]:
    match, season = preview.match, preview.match.season
    tag = preview.tags.first()
    return [
        (url, {})
        for url in [
            "/",
            preview.get_absolute_url(),
            match.get_absolute_url(),
            season.get_absolute_url(),
            f"{season.get_absolute_url()}?table=home",
            "/competitions/",
            match.home.get_absolute_url(),
            quote.speaker.get_absolute_url(),
            "/moves/",
            "/quotes/",
            "/quotes/?q=win",
            quote.get_absolute_url(),
            "/search/?q=Clasico",
            f"/tags/{tag.slug}/",
            "/feeds/latest.rss",
            "/feeds/latest.atom",
            f"/competitions/{season.competition.code}/feed.rss",
            f"/clubs/{match.home.slug}/feed.atom",
            "/sitemap.xml",
            "/news-sitemap.xml",
            "/robots.txt",
        ]
    ] + [
        ("/", HTMX),
        ("/moves/", HTMX),
        ("/quotes/?q=win", HTMX),
        ("/search/?q=Clasico", HTMX),
        (f"/matches/{match.pk}/score/", HTMX),
        (f"/matches/{match.pk}/table/", HTMX),
    ]


def test_public_pages_set_no_cookie_read_no_session_and_vary_on_no_cookie(client, preview, monkeypatch):
    quote = factories.QuoteFactory(source_article=preview, match=preview.match, text="We will win.")
    from django.contrib.sessions.backends.base import SessionBase

    def no_session_read(*args, **kwargs):
        raise AssertionError("a public page read the session")

    monkeypatch.setattr(SessionBase, "_get_session", no_session_read)
    for url, headers in public_urls(preview, quote):
        for _ in range(2):  # built, then (where cached) from the cache
            response = client.get(url, headers=headers)
            assert response.status_code == 200, url
            assert not response.cookies, url
            assert "cookie" not in response.get("Vary", "").lower(), url
            assert "csrf" not in response.content.decode().lower(), url
            assert "nonce" not in response.get("Content-Security-Policy", ""), url


def test_a_page_carries_nothing_per_request(client, preview):
    first, second = client.get("/").content, client.get("/?").content
    assert first == second


def test_the_admin_login_keeps_its_csrf_token(client):
    response = client.get("/admin/login/")
    assert "csrftoken" in response.cookies
    assert "csrfmiddlewaretoken" in response.content.decode()


# ---- Cache-Control and validators ------------------------------------------------------------------------------


def test_a_public_page_may_be_held_by_a_cdn_and_revalidated(client, preview):
    response = client.get(preview.get_absolute_url())
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert control == {"public", "max-age=0", "s-maxage=60"}  # a browser asks again at every visit
    assert response["CDN-Cache-Control"] == "max-age=60, stale-while-revalidate=60"
    assert response["ETag"] and response["Last-Modified"]
    again = client.get(preview.get_absolute_url(), headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304 and again.content == b""


def test_a_page_showing_a_match_that_is_on_is_held_for_seconds(client, clasico, clock):
    clock.move_to(KICKOFF + datetime.timedelta(minutes=10))
    response = client.get(clasico.get_absolute_url())
    assert "s-maxage=5" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert response["CDN-Cache-Control"] == "max-age=5, stale-while-revalidate=5"


def test_a_signed_in_readers_pages_are_private(client, preview):
    client.force_login(User.objects.create_user("reader"))
    control = client.get(preview.get_absolute_url())["Cache-Control"]
    assert "private" in control and "public" not in control


def test_errors_get_sane_caching(client):
    missing = client.get("/articles/no-such-story/")
    assert missing.status_code == 404 and "public" in missing["Cache-Control"]
    assert "s-maxage=60" in missing["Cache-Control"] and "max-age=0" in missing["Cache-Control"]
    bad = client.get("/moves/?as_of=yesterday")
    assert bad.status_code == 400 and "s-maxage=60" in bad["Cache-Control"]


# ---- Whole pages from the cache --------------------------------------------------------------------------------


def test_cached_pages_are_served_without_a_query(client, preview, django_assert_num_queries):
    quote = factories.QuoteFactory(source_article=preview, match=preview.match)
    match = preview.match
    urls = [
        "/",
        preview.get_absolute_url(),
        match.get_absolute_url(),
        match.season.get_absolute_url(),
        match.home.get_absolute_url(),
        quote.speaker.get_absolute_url(),
        quote.get_absolute_url(),
        f"/tags/{preview.tags.first().slug}/",
    ]
    for url in urls:
        built = client.get(url)
        hit = cached(client, django_assert_num_queries, url)
        assert hit.status_code == 200 and hit.content == built.content, url
        assert hit["ETag"] == built["ETag"] and hit["Content-Security-Policy"] == built["Content-Security-Policy"]


def test_an_unchanged_page_is_a_304_from_the_cache(client, preview, django_assert_num_queries):
    etag = client.get(preview.get_absolute_url())["ETag"]
    response = cached(client, django_assert_num_queries, preview.get_absolute_url(), **{"If-None-Match": etag})
    assert response.status_code == 304 and response["ETag"] == etag
    other = cached(client, django_assert_num_queries, preview.get_absolute_url(), **{"If-None-Match": '"nope"'})
    assert other.status_code == 200


def test_htmx_and_full_renders_are_kept_apart(client, preview, django_assert_num_queries):
    full = client.get("/").content
    fragment = client.get("/", headers=HTMX).content
    assert b"<html" in full and b"<html" not in fragment
    assert cached(client, django_assert_num_queries, "/", **HTMX).content == fragment
    assert cached(client, django_assert_num_queries, "/").content == full


def test_only_the_query_parameters_a_page_reads_are_cached(client, preview, django_assert_num_queries):
    tag = f"/tags/{preview.tags.first().slug}/"
    client.get(f"{tag}?page=1")
    cached(client, django_assert_num_queries, f"{tag}?page=1")
    client.get(f"{tag}?utm_source=x")
    assert rebuilt(client, django_assert_num_queries, f"{tag}?utm_source=x")


def test_staff_neither_get_nor_fill_the_anonymous_cache(client, preview, django_assert_num_queries):
    editor = User.objects.create_user("editor", is_staff=True, is_superuser=True)
    client.force_login(editor)
    client.get(preview.get_absolute_url())
    client.logout()
    assert rebuilt(client, django_assert_num_queries, preview.get_absolute_url())  # staff filled nothing
    cached(client, django_assert_num_queries, preview.get_absolute_url())
    client.force_login(editor)
    assert rebuilt(client, django_assert_num_queries, preview.get_absolute_url())  # and get nothing from it


def test_drafts_are_never_cached_or_served(client, clock, django_assert_num_queries):
    draft = factories.ArticleFactory(slug="secret", headline="Secret plans", status=Article.Status.DRAFT)
    editor = User.objects.create_user("editor", is_staff=True, is_superuser=True)
    client.force_login(editor)
    staff = client.get(draft.get_absolute_url())
    assert staff.status_code == 200 and "no-store" in staff["Cache-Control"]
    client.logout()
    for _ in range(2):
        assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_scheduled_story_goes_live_on_cached_pages_at_its_time(client, clock, preview):
    later = factories.ArticleFactory(
        status=Article.Status.PUBLISHED, published_at=BEFORE + datetime.timedelta(hours=1), headline="At four"
    )
    cache.clear()
    assert "At four" not in client.get("/").content.decode()
    assert "At four" not in client.get("/").content.decode()
    clock.move_to(later.published_at + datetime.timedelta(seconds=1))
    assert "At four" in client.get("/").content.decode()


def test_with_the_cache_down_every_page_still_serves(client, preview, settings):
    settings.CACHES = DEAD_REDIS
    for url in ["/", preview.get_absolute_url(), preview.match.get_absolute_url()]:
        for _ in range(2):
            assert client.get(url).status_code == 200, url


def test_versions_lost_rebuild_the_page(client, preview, django_assert_num_queries):
    client.get(preview.get_absolute_url())
    cache.delete(version_key(f"article:{preview.pk}"))  # as after a flush or a Redis restart
    assert rebuilt(client, django_assert_num_queries, preview.get_absolute_url())


# ---- Invalidation as fine as the page --------------------------------------------------------------------------


def test_a_story_moves_its_own_page_and_not_anothers(
    client, preview, other_story, django_assert_num_queries, django_capture_on_commit_callbacks
):
    for article in (preview, other_story):
        client.get(article.get_absolute_url())
    with committed(django_capture_on_commit_callbacks):
        preview.headline = "The Clasico, revised"
        preview.save()
    assert "The Clasico, revised" in client.get(preview.get_absolute_url()).content.decode()
    cached(client, django_assert_num_queries, other_story.get_absolute_url())


def test_a_story_moved_to_another_match_leaves_the_old_matchs_pages(
    client, preview, django_assert_num_queries, django_capture_on_commit_callbacks
):
    old_match = preview.match
    pages = (old_match.get_absolute_url(), old_match.home.get_absolute_url())
    for url in pages:
        assert "The Clasico" in client.get(url).content.decode()
    with committed(django_capture_on_commit_callbacks):
        preview.match = factories.MatchFactory(kickoff=KICKOFF)
        preview.save()
    for url in pages:
        assert "The Clasico" not in client.get(url).content.decode(), url
    assert "The Clasico" in client.get(preview.match.get_absolute_url()).content.decode()


def test_a_quote_edit_moves_its_storys_page(
    client, preview, django_assert_num_queries, django_capture_on_commit_callbacks
):
    quote = factories.QuoteFactory(source_article=preview, match=preview.match, text="We will win.")
    client.get(preview.get_absolute_url())
    cached(client, django_assert_num_queries, preview.get_absolute_url())
    with committed(django_capture_on_commit_callbacks):
        quote.text = "We will surely win."
        quote.save()
    assert "We will surely win." in client.get(preview.get_absolute_url()).content.decode()


def test_a_club_rename_moves_its_pages(
    client, preview, other_story, django_assert_num_queries, django_capture_on_commit_callbacks
):
    club = preview.match.home
    for url in (club.get_absolute_url(), preview.get_absolute_url(), other_story.get_absolute_url()):
        client.get(url)
    with committed(django_capture_on_commit_callbacks):
        club.name = "Futbol Club Barcelona"
        club.save()
    assert "Futbol Club Barcelona" in client.get(club.get_absolute_url()).content.decode()
    assert "Futbol Club Barcelona" in client.get(preview.get_absolute_url()).content.decode()
    cached(client, django_assert_num_queries, other_story.get_absolute_url())


def test_a_score_before_kickoff_moves_a_preview_and_one_after_it_does_not(
    client, preview, clock, django_assert_num_queries, django_capture_on_commit_callbacks
):
    season = preview.match.season
    earlier = factories.MatchFactory(season=season, kickoff=KICKOFF - datetime.timedelta(days=1))
    later = factories.MatchFactory(season=season, kickoff=KICKOFF + datetime.timedelta(days=6))
    season.clubs.add(earlier.home, earlier.away, later.home, later.away)
    url = preview.get_absolute_url()
    clock.move_to(KICKOFF + datetime.timedelta(days=7))  # both played; the preview's match long over
    Match.objects.filter(pk=preview.match_id).update(status=Match.Status.FINISHED, home_score=1, away_score=1)
    client.get(url)
    cached(client, django_assert_num_queries, url)

    with committed(django_capture_on_commit_callbacks):
        record_score(match=later, home=3, away=0, status=Match.Status.FINISHED)
    cached(client, django_assert_num_queries, url)  # caught up from the season's log: still the same page
    cached(client, django_assert_num_queries, url)

    with committed(django_capture_on_commit_callbacks):
        record_score(match=earlier, home=2, away=2, status=Match.Status.FINISHED)
    assert rebuilt(client, django_assert_num_queries, url)


def test_a_preview_of_a_match_that_is_on_follows_every_score_in_its_season(
    client, preview, clock, django_assert_num_queries, django_capture_on_commit_callbacks
):
    later = factories.MatchFactory(season=preview.match.season, kickoff=KICKOFF + datetime.timedelta(hours=2))
    clock.move_to(KICKOFF + datetime.timedelta(minutes=5))
    with committed(django_capture_on_commit_callbacks):
        record_score(match=preview.match, home=0, away=0, minute=5)
    client.get(preview.get_absolute_url())
    with committed(django_capture_on_commit_callbacks):
        record_score(match=later, home=1, away=0, minute=1)
    assert rebuilt(client, django_assert_num_queries, preview.get_absolute_url())


def test_a_new_story_about_a_club_moves_the_pages_that_list_it(
    client, preview, django_assert_num_queries, django_capture_on_commit_callbacks
):
    club = preview.match.home
    for url in (club.get_absolute_url(), preview.get_absolute_url()):
        client.get(url)
    with committed(django_capture_on_commit_callbacks):
        news = factories.ArticleFactory(published=True, headline="Transfer news at the club")
        news.clubs.add(club)
    assert "Transfer news at the club" in client.get(club.get_absolute_url()).content.decode()
    assert "Transfer news at the club" in client.get(preview.get_absolute_url()).content.decode()


def test_a_person_and_quote_page_follow_their_speaker(
    client, preview, django_assert_num_queries, django_capture_on_commit_callbacks
):
    quote = factories.QuoteFactory(source_article=preview, match=preview.match)
    speaker = quote.speaker
    for url in (quote.get_absolute_url(), speaker.get_absolute_url()):
        client.get(url)
        cached(client, django_assert_num_queries, url)
    with committed(django_capture_on_commit_callbacks):
        speaker.name = "Renamed Speaker"
        speaker.save()
    for url in (quote.get_absolute_url(), speaker.get_absolute_url()):
        assert "Renamed Speaker" in client.get(url).content.decode(), url


def test_a_page_built_while_something_was_written_is_not_kept(client, preview, django_assert_num_queries):
    from newsroom import page_versions

    original = page_versions.versions_of

    def written_meanwhile(tags):
        page_versions.bump(page_versions.ANY_WRITE)
        return original(tags)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(page_versions, "versions_of", written_meanwhile)
        client.get(preview.get_absolute_url())
    assert rebuilt(client, django_assert_num_queries, preview.get_absolute_url())


# ---- Unchanged live polls ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["score", "table"])
def test_an_unchanged_poll_is_a_304_before_sessions_or_views_run(
    client, clasico, clock, name, monkeypatch, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from django.contrib.sessions.middleware import SessionMiddleware

    clock.move_to(KICKOFF + datetime.timedelta(minutes=5))
    url = f"/matches/{clasico.pk}/{name}/"
    etag = client.get(url, headers=HTMX)["ETag"]

    def never(*args, **kwargs):
        raise AssertionError("the poll went past the live-poll middleware")

    with monkeypatch.context() as patch:
        patch.setattr(SessionMiddleware, "process_request", never)
        with django_assert_num_queries(0):
            unchanged = client.get(url, headers={**HTMX, "If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged["ETag"] == etag
    assert "HX-Request" in unchanged["Vary"] and "no-cache" in unchanged["Cache-Control"]

    with committed(django_capture_on_commit_callbacks):
        record_score(match=clasico, home=1, away=0, minute=6)
    changed = client.get(url, headers={**HTMX, "If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_a_process_reads_a_polled_fragments_versions_at_most_once_a_second(client, clasico, clock, monkeypatch):
    """Many open pages polling one match cost each process one cache read a second; a change made by another
    process (here: its version moved in the cache, with no signal in this one) is seen within that second."""
    from types import SimpleNamespace

    from django.core.cache import cache

    from matches import live
    from newsroom import live_polls

    clock.move_to(KICKOFF + datetime.timedelta(minutes=5))
    url = f"/matches/{clasico.pk}/score/"
    etag = client.get(url, headers=HTMX)["ETag"]
    now = [1000.0]
    monkeypatch.setattr(live_polls, "time", SimpleNamespace(monotonic=lambda: now[0]))
    reads = []
    from_cache = live_polls.etag_from_cache
    monkeypatch.setattr(live_polls, "etag_from_cache", lambda *args: reads.append(args) or from_cache(*args))

    polls = [client.get(url, headers={**HTMX, "If-None-Match": etag}).status_code for _ in range(3)]
    assert polls == [304, 304, 304] and len(reads) == 1

    cache.incr(live.match_key(clasico.pk))  # a goal recorded by another app server
    assert client.get(url, headers={**HTMX, "If-None-Match": etag}).status_code == 304
    now[0] += live_polls.POLL_MEMO_SECONDS + 0.01
    changed = client.get(url, headers={**HTMX, "If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag and len(reads) == 2


def test_polls_fall_back_to_the_database_with_the_cache_down(client, clasico, clock, settings):
    from newsroom.live_polls import forget_seasons

    clock.move_to(KICKOFF + datetime.timedelta(minutes=5))
    etag = client.get(f"/matches/{clasico.pk}/table/", headers=HTMX)["ETag"]
    settings.CACHES = DEAD_REDIS
    forget_seasons()
    clock.shift(datetime.timedelta(seconds=1))  # versions started afresh take the clock, frozen here
    for name in ("score", "table"):
        response = client.get(f"/matches/{clasico.pk}/{name}/", headers={**HTMX, "If-None-Match": etag})
        assert response.status_code == 200 and response.content


def test_a_tag_taken_off_a_story_moves_that_tags_list(
    client, preview, django_assert_num_queries, django_capture_on_commit_callbacks
):
    tag = preview.tags.first()
    client.get(f"/tags/{tag.slug}/")
    cached(client, django_assert_num_queries, f"/tags/{tag.slug}/")
    with committed(django_capture_on_commit_callbacks):
        preview.tags.remove(tag)
    assert preview.headline not in client.get(f"/tags/{tag.slug}/").content.decode()


@pytest.mark.parametrize(
    ("build", "tag"),
    [
        (lambda: factories.ArticleFactory(published=True), lambda row: f"article:{row.pk}"),
        (lambda: factories.QuoteFactory(), lambda row: f"person:{row.speaker_id}"),
        (lambda: factories.TagFactory(), lambda row: f"tag:{row.pk}"),
        (lambda: factories.SectionFactory(), lambda row: f"section:{row.pk}"),
        (lambda: factories.AuthorFactory(), lambda row: f"author:{row.pk}"),
        (lambda: factories.PersonFactory(), lambda row: f"person:{row.pk}"),
        (lambda: factories.TenureFactory(), lambda row: f"club:{row.club_id}"),
        (lambda: factories.HonourFactory(), lambda row: f"person:{row.person_id}"),
        (lambda: factories.ManagerMoveFactory(), lambda row: f"move:{row.pk}"),
        (lambda: factories.ManagerMoveUpdateFactory(), lambda row: f"move:{row.move_id}"),
        (lambda: factories.ClubFactory(), lambda row: f"club:{row.pk}"),
        (lambda: factories.CompetitionFactory(), lambda row: f"competition:{row.pk}"),
        (lambda: factories.SeasonFactory(), lambda row: f"season:{row.pk}"),
        (lambda: factories.ArticleImageFactory(), lambda row: f"article:{row.article_id}"),
    ],
)
def test_every_write_that_a_page_shows_moves_its_version_on_save_and_delete(
    build, tag, django_capture_on_commit_callbacks
):
    from newsroom.page_versions import versions_of

    row = build()
    for write in (row.save, row.delete):
        name = tag(row)
        before = versions_of([name, "all"])
        with committed(django_capture_on_commit_callbacks):
            write()
        after = versions_of([name, "all"])
        assert before is not None and after is not None
        assert all(after[key] != before[key] for key in before), (name, write.__name__)
