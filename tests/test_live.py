import datetime

import pytest
import time_machine
from django.core.cache import cache

from matches.actions import record_score
from matches.models import Match
from newsroom.models import Article
from people.models import Person
from tests import factories

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def kickoff_soon():
    """A league match about to start, with its season's clubs listed."""
    match = factories.MatchFactory(kickoff=datetime.datetime(2025, 5, 11, 14, 15, tzinfo=datetime.UTC))
    match.season.clubs.add(match.home, match.away)
    with time_machine.travel(datetime.datetime(2025, 5, 11, 14, 0, tzinfo=datetime.UTC), tick=False):
        yield match


def test_score_fragment_is_a_fragment_that_polls(client, kickoff_soon):
    response = client.get(f"/matches/{kickoff_soon.pk}/score/", headers=HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert f'id="live-score-{kickoff_soon.pk}"' in html
    assert 'hx-trigger="every 15s' in html
    assert "HX-Request" in response["Vary"]
    assert response["ETag"].startswith('W/"score-')


def test_an_unchanged_poll_is_a_304_without_the_database(client, kickoff_soon, django_assert_num_queries):
    url = f"/matches/{kickoff_soon.pk}/score/"
    etag = client.get(url, headers=HTMX)["ETag"]

    with django_assert_num_queries(0):
        response = client.get(url, headers={**HTMX, "If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""


@pytest.mark.parametrize(
    "if_none_match",
    [
        "{etag}",
        '"something-else", {etag}',  # a list, as a browser holding two cached copies sends it
        "{strong}",  # the same tag without W/: a GET compares weakly
        "*",
    ],
)
def test_if_none_match_is_parsed_as_http_says(client, kickoff_soon, if_none_match):
    url = f"/matches/{kickoff_soon.pk}/score/"
    etag = client.get(url, headers=HTMX)["ETag"]
    header = if_none_match.format(etag=etag, strong=etag.removeprefix("W/"))

    response = client.get(url, headers={**HTMX, "If-None-Match": header})

    assert response.status_code == 304
    assert response["ETag"] == etag
    assert "no-cache" in response["Cache-Control"]
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("if_none_match", ["{etag}garbage", 'W/"old-{etag}"', "{etag}{etag}"])
def test_a_malformed_if_none_match_is_no_match(client, kickoff_soon, if_none_match):
    """A header that merely contains the ETag somewhere is not a list of tags that matches it."""
    url = f"/matches/{kickoff_soon.pk}/score/"
    etag = client.get(url, headers=HTMX)["ETag"]

    response = client.get(url, headers={**HTMX, "If-None-Match": if_none_match.format(etag=etag)})

    assert response.status_code == 200


def test_a_new_score_changes_the_fragment_on_the_next_poll(client, kickoff_soon, django_capture_on_commit_callbacks):
    url = f"/matches/{kickoff_soon.pk}/score/"
    etag = client.get(url, headers=HTMX)["ETag"]

    with django_capture_on_commit_callbacks(execute=True):
        record_score(match=kickoff_soon, home=1, away=0, minute=12)
    response = client.get(url, headers={**HTMX, "If-None-Match": etag})

    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "1\u20130" in response.content.decode()  # en dash
    assert "12\u2032" in response.content.decode()  # the minute mark


def test_many_readers_cost_one_render_per_version(client, kickoff_soon, django_assert_num_queries):
    url = f"/matches/{kickoff_soon.pk}/table/"
    client.get(url, headers=HTMX)

    with django_assert_num_queries(0):  # another reader, no ETag yet: served from the fragment cache
        response = client.get(url, headers=HTMX)

    assert response.status_code == 200
    assert "table at kick-off" in response.content.decode()


def test_polling_stops_at_full_time(client, kickoff_soon, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record_score(match=kickoff_soon, home=2, away=1, status=Match.Status.FINISHED)

    html = client.get(f"/matches/{kickoff_soon.pk}/score/", headers=HTMX).content.decode()

    assert "Full-time" in html
    assert "hx-trigger" not in html


def test_a_match_far_off_is_not_polled(client):
    match = factories.MatchFactory(kickoff=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC))

    assert "hx-trigger" not in client.get(f"/matches/{match.pk}/score/", headers=HTMX).content.decode()


def test_live_table_counts_the_match_as_it_stands(client, kickoff_soon, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record_score(match=kickoff_soon, home=3, away=0, minute=60)

    html = client.get(f"/matches/{kickoff_soon.pk}/table/", headers=HTMX).content.decode()

    assert "as it stands" in html
    assert f'data-testid="row-{kickoff_soon.home.slug}"' in html
    assert "is-live" in html


def test_without_htmx_the_score_link_leads_to_the_match_and_the_table_is_a_page(client, kickoff_soon):
    assert client.get(f"/matches/{kickoff_soon.pk}/score/").url == f"/matches/{kickoff_soon.pk}/"
    page = client.get(f"/matches/{kickoff_soon.pk}/table/")
    assert page.status_code == 200
    assert "<html" in page.content.decode()


@pytest.mark.parametrize("path", ["/matches/999999/score/", "/matches/999999/table/"])
def test_unknown_match_fragments_are_404(client, path):
    assert client.get(path, headers=HTMX).status_code == 404


def test_fragments_refuse_writes(client, kickoff_soon):
    assert client.post(f"/matches/{kickoff_soon.pk}/score/", headers=HTMX).status_code == 405


@pytest.fixture
def demo(demo_newsroom) -> Article:
    return Article.objects.get(is_lead=True)


def test_the_clasico_preview_is_surrounded_by_its_match(client, demo):
    html = client.get(demo.get_absolute_url()).content.decode()

    assert "FC Barcelona <span" in html and "Real Madrid CF" in html
    assert "Sunday 11 May 2025, 16:15" in html
    assert "Estadi Olímpic Lluís Companys" in html
    assert "Barcelona are four points clear of Real Madrid with four matches left." in html
    assert "table at kick-off" in html
    assert 'data-testid="row-fc-barcelona"' in html and 'data-testid="row-real-madrid-cf"' in html
    assert "What the coaches said" in html
    assert "Hansi Flick" in html and "Carlo Ancelotti" in html
    assert "Manager moves" in html
    assert "Brazil" in html
    assert "Leverkusen" in html
    assert "Meetings" in html


def test_preview_query_budget_does_not_grow(client, demo, django_assert_num_queries):
    def more_coverage(n: int) -> None:
        for i in range(n):
            factories.ArticleFactory(published=True, match=demo.match, headline=f"More on the Clasico {n}-{i}")
            factories.QuoteFactory(speaker=demo.quotes.first().speaker, said_on=datetime.date(2025, 5, 1))

    more_coverage(1)
    # Cold: the article (which says it has no corrections) with authors, tags, clubs and quotes (5), related
    # stories (2), the table at kick-off (clubs and matches: 2; La Liga 2024-25 has no deductions, which the
    # clubs' read says), meetings (1), coaches (1), their quotes (1), moves and their updates (2).
    with django_assert_num_queries(14):
        client.get(demo.get_absolute_url())
    more_coverage(5)
    cache.clear()
    with django_assert_num_queries(14):
        client.get(demo.get_absolute_url())
    # Warm: the page comes from the cache (the article, its bylines, tags and clubs are read for the head and
    # what the page depends on) until something it shows changes.
    with django_assert_num_queries(4):
        html = client.get(demo.get_absolute_url()).content.decode()
    assert "Barcelona are four points clear" in html


def test_a_new_quote_by_a_coach_shows_at_once_on_a_cached_preview(client, demo, django_capture_on_commit_callbacks):
    client.get(demo.get_absolute_url())
    flick = Person.objects.get(name="Hansi Flick")
    with django_capture_on_commit_callbacks(execute=True):  # the edit commits, as it does in the admin
        factories.QuoteFactory(
            speaker=flick, text="We respect Madrid but we play at home.", said_on=demo.match.kickoff_date
        )

    assert "We respect Madrid but we play at home." in client.get(demo.get_absolute_url()).content.decode()


def test_home_shows_today_and_polls_only_while_a_match_is_on(client, kickoff_soon, django_capture_on_commit_callbacks):
    html = client.get("/").content.decode()
    assert 'id="today"' in html
    assert kickoff_soon.home.display_name in html
    assert "hx-trigger" not in html.split('id="today"')[1].split("</section>")[0]

    with django_capture_on_commit_callbacks(execute=True):
        record_score(match=kickoff_soon, home=1, away=1, minute=30)
    fragment = client.get("/", headers=HTMX)

    assert "<html" not in fragment.content.decode()
    assert 'hx-trigger="every 15s' in fragment.content.decode()
    assert "1\u20131" in fragment.content.decode()
    assert "HX-Request" in fragment["Vary"]


def test_a_cached_preview_follows_a_score_change(client, demo, django_capture_on_commit_callbacks):
    client.get(demo.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        Match.objects.filter(pk=demo.match_id).update(status=Match.Status.SCHEDULED)
        record_score(match=demo.match, home=0, away=1, minute=3)

    html = client.get(demo.get_absolute_url()).content.decode()

    assert "as it stands" in html
    assert "0\u20131" in html
