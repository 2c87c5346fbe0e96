"""Sitemaps, the Google News sitemap and robots.txt: well-formed XML in the right namespaces, public pages only."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from newsroom.models import Article
from newsroom.sitemaps import MatchSitemap
from tests import factories

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SECTIONS = ["articles", "matches", "clubs", "people", "seasons"]


def published(headline: str, *, hours_ago: float = 1, **fields: object) -> Article:
    when = timezone.now() - datetime.timedelta(hours=hours_ago)
    return factories.ArticleFactory(headline=headline, status=Article.Status.PUBLISHED, published_at=when, **fields)


def get_xml(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def locations(client, url: str) -> list[str]:
    return [loc.text for loc in get_xml(client, url).iter(f"{SITEMAP}loc")]


@pytest.fixture
def site() -> Article:
    """One of each kind of page: a published preview of a match, its clubs and season, a person."""
    factories.PersonFactory(slug="xabi-alonso")
    match = factories.MatchFactory(
        season=factories.SeasonFactory(competition=factories.CompetitionFactory(code="es.1"), label="2024-25"),
        home=factories.ClubFactory(slug="fc-barcelona"),
        away=factories.ClubFactory(slug="real-madrid-cf"),
    )
    return published("The Clasico preview", match=match)


# ---- The index and its sections ---------------------------------------------------------------------------------


def test_sitemap_xml_is_an_index_of_one_sitemap_per_kind_of_page(client, site):
    index = get_xml(client, "/sitemap.xml")
    assert index.tag == f"{SITEMAP}sitemapindex"
    entries = index.findall(f"{SITEMAP}sitemap")
    assert [e.findtext(f"{SITEMAP}loc") for e in entries] == [
        f"http://testserver/sitemap-{section}.xml" for section in SECTIONS
    ]
    lastmods = {e.findtext(f"{SITEMAP}loc").split("-")[1]: e.findtext(f"{SITEMAP}lastmod") for e in entries}
    assert datetime.datetime.fromisoformat(lastmods["articles.xml"]) == site.published_at
    assert lastmods["matches.xml"] is not None and lastmods["clubs.xml"] is None


def test_a_large_section_is_paged_in_the_index(client, site, monkeypatch):
    factories.MatchFactory.create_batch(4)
    monkeypatch.setattr(MatchSitemap, "limit", 2)
    urls = locations(client, "/sitemap.xml")
    assert (
        "http://testserver/sitemap-matches.xml?p=3" in urls and "http://testserver/sitemap-matches.xml?p=4" not in urls
    )
    assert len(locations(client, "/sitemap-matches.xml?p=3")) == 1


def test_articles_sitemap_lists_published_stories_with_their_last_correction(client, site):
    corrected = published("A corrected story", hours_ago=5)
    corrected.content_updated_at = timezone.now() - datetime.timedelta(hours=2)
    corrected.save()
    factories.ArticleFactory(headline="A draft")
    published("Scheduled", hours_ago=-1)
    urlset = get_xml(client, "/sitemap-articles.xml")
    assert urlset.tag == f"{SITEMAP}urlset"
    urls = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in urlset.findall(f"{SITEMAP}url")}
    assert set(urls) == {
        "http://testserver/articles/the-clasico-preview/",
        "http://testserver/articles/a-corrected-story/",
    }
    # Django's section template prints the day, in the site's time zone; the index has the full time.
    assert urls["http://testserver/articles/a-corrected-story/"] == str(
        timezone.localdate(corrected.content_updated_at)
    )


def test_the_other_sitemaps_list_every_match_club_person_and_season(client, site):
    assert locations(client, "/sitemap-matches.xml") == [f"http://testserver{site.match.get_absolute_url()}"]
    assert sorted(locations(client, "/sitemap-clubs.xml")) == [
        "http://testserver/clubs/fc-barcelona/",
        "http://testserver/clubs/real-madrid-cf/",
    ]
    assert locations(client, "/sitemap-people.xml") == ["http://testserver/people/xabi-alonso/"]
    assert locations(client, "/sitemap-seasons.xml") == ["http://testserver/competitions/es.1/2024-25/"]


@pytest.mark.parametrize("url", ["/sitemap-nope.xml", "/sitemap-articles.xml?p=9", "/sitemap-articles.xml?p=x"])
def test_an_unknown_section_or_page_is_a_404(client, site, url):
    assert client.get(url).status_code == 404


# ---- Google News -------------------------------------------------------------------------------------------------


def test_news_sitemap_lists_the_last_two_days_in_the_news_namespace(client, site):
    published("Yesterday's story", hours_ago=30)
    published("Last week's story", hours_ago=24 * 7)
    factories.ArticleFactory(headline="A draft")
    published("Scheduled", hours_ago=-1)
    urlset = get_xml(client, "/news-sitemap.xml")
    assert urlset.tag == f"{SITEMAP}urlset"
    urls = urlset.findall(f"{SITEMAP}url")
    assert [u.findtext(f"{NEWS}news/{NEWS}title") for u in urls] == ["The Clasico preview", "Yesterday's story"]
    first = urls[0]
    assert first.findtext(f"{SITEMAP}loc") == "http://testserver/articles/the-clasico-preview/"
    assert first.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}name") == "Pressbox"
    assert first.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}language") == "en"
    published_at = datetime.datetime.fromisoformat(first.findtext(f"{NEWS}news/{NEWS}publication_date"))
    assert published_at == site.published_at.replace(microsecond=0)


def test_news_sitemap_declares_both_namespaces_on_the_root(client):
    text = client.get("/news-sitemap.xml").content.decode()
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<urlset ')
    assert 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"' in text
    assert 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' in text


def test_news_sitemap_escapes_a_hostile_headline(client):
    published("Title </news:title><script>alert(1)</script> & more")
    text = client.get("/news-sitemap.xml").content.decode()
    assert "<script>" not in text
    titles = [t.text for t in ET.fromstring(text).iter(f"{NEWS}title")]
    assert titles == ["Title </news:title><script>alert(1)</script> & more"]


# ---- robots.txt --------------------------------------------------------------------------------------------------


def test_robots_txt_points_at_both_sitemaps_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines and "Disallow: /search/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines
    assert "Disallow: /" not in lines  # the public site stays open


# ---- Query budgets -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # Each section's size, and the newest change for the two that have dates.
        ("/sitemap.xml", 7),
        ("/sitemap-articles.xml", 2),  # the count for paging, the page
        ("/sitemap-matches.xml", 2),
        ("/sitemap-clubs.xml", 2),
        ("/sitemap-people.xml", 2),
        ("/sitemap-seasons.xml", 2),
        ("/news-sitemap.xml", 1),
        ("/robots.txt", 0),
    ],
)
def test_sitemap_query_budget(client, url, expected, django_assert_num_queries):
    for count in (3, 12):
        for n in range(count):
            published(f"Story {count} {n}", match=factories.MatchFactory(), hours_ago=n)
            factories.PersonFactory()
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200
