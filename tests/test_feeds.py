"""RSS and Atom feeds: well-formed, only published stories, the fields feed readers show, and a flat query count."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from newsroom.feeds import FEED_LENGTH
from newsroom.models import Article
from tests import factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
HOSTILE = "</script><script>alert(1)</script> & <b>bold</b>"


def published(headline: str, *, hours_ago: int = 1, **fields: object) -> Article:
    when = timezone.now() - datetime.timedelta(hours=hours_ago)
    return factories.ArticleFactory(headline=headline, status=Article.Status.PUBLISHED, published_at=when, **fields)


def get_xml(client, url: str, content_type: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == f"{content_type}; charset=utf-8"
    return ET.fromstring(response.content)


def rss_items(client, url: str) -> list[ET.Element]:
    return get_xml(client, url, "application/rss+xml").findall("./channel/item")


def atom_entries(client, url: str) -> list[ET.Element]:
    return get_xml(client, url, "application/atom+xml").findall(f"{ATOM}entry")


def rss_titles(client, url: str) -> list[str]:
    return [item.findtext("title") for item in rss_items(client, url)]


def atom_titles(client, url: str) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in atom_entries(client, url)]


@pytest.fixture
def clasico_preview() -> Article:
    article = published(
        "Barcelona host Real Madrid",
        standfirst="Four points clear with four matches left.",
        authors=[factories.AuthorFactory(name="Sam Writer"), factories.AuthorFactory(name="Ana Reporter")],
        match=factories.MatchFactory(
            season=factories.SeasonFactory(competition=factories.CompetitionFactory(code="es.1", name="La Liga")),
            home=factories.ClubFactory(name="FC Barcelona", slug="fc-barcelona"),
            away=factories.ClubFactory(name="Real Madrid CF", slug="real-madrid-cf"),
        ),
    )
    article.tags.add(factories.TagFactory(name="El Clásico"), factories.TagFactory(name="La Liga"))
    return article


# ---- Latest ------------------------------------------------------------------------------------------------------


def test_latest_rss_lists_published_stories_with_author_dates_summary_and_tags(client, clasico_preview):
    (item,) = rss_items(client, "/feeds/latest.rss")
    assert item.findtext("title") == "Barcelona host Real Madrid"
    assert item.findtext("link") == "http://testserver/articles/barcelona-host-real-madrid/"
    assert item.findtext("guid") == item.findtext("link")
    assert item.findtext("description") == "Four points clear with four matches left."
    assert item.findtext(DC_CREATOR) == "Ana Reporter and Sam Writer"
    pub_date = datetime.datetime.strptime(item.findtext("pubDate"), "%a, %d %b %Y %H:%M:%S %z")
    assert pub_date == clasico_preview.published_at.replace(microsecond=0)
    assert sorted(c.text for c in item.findall("category")) == ["El Clásico", "La Liga"]


def test_latest_atom_has_published_and_updated_dates_and_authors(client, clasico_preview):
    clasico_preview.content_updated_at = clasico_preview.published_at + datetime.timedelta(hours=2)
    clasico_preview.save()
    feed = get_xml(client, "/feeds/latest.atom", "application/atom+xml")
    assert feed.findtext(f"{ATOM}title") == "Pressbox: latest stories"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/feeds/latest.atom"
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Ana Reporter and Sam Writer"
    published = datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
    updated = datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    assert updated - published == datetime.timedelta(hours=2)
    assert entry.find(f"{ATOM}summary").get("type") == "html"
    assert {c.get("term") for c in entry.findall(f"{ATOM}category")} == {"El Clásico", "La Liga"}


def test_a_story_never_corrected_was_updated_when_published(client):
    published("Plain story")
    (entry,) = atom_entries(client, "/feeds/latest.atom")
    assert entry.findtext(f"{ATOM}updated") == entry.findtext(f"{ATOM}published")


@pytest.mark.parametrize("url", ["/feeds/latest.rss", "/feeds/latest.atom"])
def test_feeds_never_carry_drafts_or_scheduled_stories(client, url):
    published("Out now")
    factories.ArticleFactory(headline="A draft")
    factories.ArticleFactory(headline="In review", status=Article.Status.IN_REVIEW)
    published("Scheduled", hours_ago=-1)
    titles = rss_titles(client, url) if url.endswith("rss") else atom_titles(client, url)
    assert titles == ["Out now"]


def test_latest_feed_is_newest_first_and_capped(client):
    for n in range(FEED_LENGTH + 5):
        published(f"Story {n:02}", hours_ago=n + 1)
    titles = rss_titles(client, "/feeds/latest.rss")
    assert len(titles) == FEED_LENGTH and titles[:2] == ["Story 00", "Story 01"]


def test_hostile_text_stays_text_in_both_feeds(client):
    published(f"Headline {HOSTILE}", standfirst=f"Standfirst {HOSTILE}")
    (item,) = rss_items(client, "/feeds/latest.rss")
    # RSS readers render titles and descriptions as HTML: what they get is the escaped text.
    assert (
        item.findtext("title")
        == "Headline &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
    )
    assert "<script>" not in item.findtext("description")
    (entry,) = atom_entries(client, "/feeds/latest.atom")
    # An Atom title is plain text (type="text"): the reader shows the characters as typed.
    assert entry.findtext(f"{ATOM}title") == f"Headline {HOSTILE}"
    assert entry.findtext(f"{ATOM}summary").startswith("Standfirst &lt;/script&gt;")


# ---- Per competition and per club ----------------------------------------------------------------------------


@pytest.mark.parametrize("ext", ["rss", "atom"])
def test_competition_feed_has_its_stories_by_match_or_by_competition(client, clasico_preview, ext):
    la_liga = clasico_preview.match.season.competition
    published("About La Liga in general", competition=la_liga, hours_ago=2)
    published("About another league", competition=factories.CompetitionFactory(code="en.1"))
    published("About nothing in particular")
    titles = (rss_titles if ext == "rss" else atom_titles)(client, f"/competitions/es.1/feed.{ext}")
    assert titles == ["Barcelona host Real Madrid", "About La Liga in general"]


@pytest.mark.parametrize("ext", ["rss", "atom"])
def test_club_feed_has_stories_about_the_club_or_its_matches(client, clasico_preview, ext):
    barcelona = clasico_preview.match.home
    published("Tagged with the club", hours_ago=2).clubs.add(barcelona)
    published("About another club").clubs.add(factories.ClubFactory())
    titles = (rss_titles if ext == "rss" else atom_titles)(client, f"/clubs/real-madrid-cf/feed.{ext}")
    assert titles == ["Barcelona host Real Madrid"]
    titles = (rss_titles if ext == "rss" else atom_titles)(client, f"/clubs/fc-barcelona/feed.{ext}")
    assert titles == ["Barcelona host Real Madrid", "Tagged with the club"]


def test_competition_and_club_feeds_are_named_and_linked(client, clasico_preview):
    feed = get_xml(client, "/competitions/es.1/feed.atom", "application/atom+xml")
    assert feed.findtext(f"{ATOM}title") == "Pressbox: La Liga"
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == "http://testserver/competitions/es.1/"
    channel = get_xml(client, "/clubs/fc-barcelona/feed.rss", "application/rss+xml").find("channel")
    assert channel.findtext("title") == "Pressbox: FC Barcelona"
    assert channel.findtext("link") == "http://testserver/clubs/fc-barcelona/"


@pytest.mark.parametrize("name", ["<script>alert(1)</script>", "A & B", HOSTILE])
@pytest.mark.parametrize("kind", ["club", "competition"])
def test_a_hostile_club_or_competition_name_is_escaped_in_its_feeds(client, name, kind):
    if kind == "club":
        base = f"/clubs/{factories.ClubFactory(name=name, slug='hostile').slug}/feed"
    else:
        base = f"/competitions/{factories.CompetitionFactory(code='zz.1', name=name).code}/feed"
    escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    rss = client.get(f"{base}.rss")
    assert b"<script>" not in rss.content  # parsed below: well-formed XML, or ET.fromstring raises
    channel = ET.fromstring(rss.content).find("channel")
    # RSS readers render a channel's title and description as HTML: they get the escaped text.
    assert channel.findtext("title") == f"Pressbox: {escaped}"
    assert escaped in channel.findtext("description") and "<" not in channel.findtext("description")

    atom = client.get(f"{base}.atom")
    assert b"<script>" not in atom.content
    feed = ET.fromstring(atom.content)
    # Atom's title and subtitle are plain text: the reader shows the name as it is written.
    assert feed.findtext(f"{ATOM}title") == f"Pressbox: {name}"
    assert name in feed.findtext(f"{ATOM}subtitle")


@pytest.mark.parametrize(
    "url",
    ["/competitions/nope/feed.rss", "/competitions/nope/feed.atom", "/clubs/nope/feed.rss", "/clubs/nope/feed.atom"],
)
def test_an_unknown_competition_or_club_feed_is_a_404(client, url):
    assert client.get(url).status_code == 404


# ---- Where readers find them -------------------------------------------------------------------------------------


def alternates(client, url: str) -> list[str]:
    html = client.get(url).content.decode()
    head = html[: html.index("</head>")]
    return [line.split('href="')[1].split('"')[0] for line in head.splitlines() if 'rel="alternate"' in line]


def test_every_page_links_the_latest_feeds_and_club_and_competition_pages_their_own(client, clasico_preview):
    latest = ["/feeds/latest.atom", "/feeds/latest.rss"]
    assert alternates(client, "/") == latest
    assert alternates(client, clasico_preview.get_absolute_url()) == latest
    assert alternates(client, "/clubs/fc-barcelona/") == [
        *latest,
        "/clubs/fc-barcelona/feed.atom",
        "/clubs/fc-barcelona/feed.rss",
    ]
    season = clasico_preview.match.season.get_absolute_url()
    assert alternates(client, season) == [*latest, "/competitions/es.1/feed.atom", "/competitions/es.1/feed.rss"]


def test_feed_links_say_what_they_are(client):
    html = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml" title="Pressbox: latest stories (Atom)"' in html
    assert '<link rel="alternate" type="application/rss+xml" title="Pressbox: latest stories (RSS)"' in html


# ---- Query budgets -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/feeds/latest.rss", 3),  # stories, authors, tags
        ("/feeds/latest.atom", 3),
        ("/competitions/es.1/feed.rss", 4),  # and the competition
        ("/competitions/es.1/feed.atom", 4),
        ("/clubs/fc-barcelona/feed.rss", 4),  # and the club
        ("/clubs/fc-barcelona/feed.atom", 4),
    ],
)
def test_feed_query_budget(client, clasico_preview, url, expected, django_assert_num_queries):
    match, la_liga = clasico_preview.match, clasico_preview.match.season.competition
    for count in (3, 12):
        for n in range(count):
            article = published(
                f"More {count} {n}", match=match, competition=la_liga, authors=[factories.AuthorFactory()]
            )
            article.tags.add(factories.TagFactory())
            article.clubs.add(match.home)
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200
