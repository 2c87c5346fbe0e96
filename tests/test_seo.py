"""What search engines and link previews read: JSON-LD, OpenGraph and Twitter tags, canonical URLs."""

import datetime
import json
import re

import pytest
import time_machine
from django.template import engines
from django.test import RequestFactory

from matches.models import Club, Match, Season
from newsroom import seo
from newsroom.models import Article, Quote
from newsroom.pages.article import public_article
from people.models import Person, Tenure
from tests import factories

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
PREVIEW_DAY = datetime.datetime(2025, 5, 9, 15, 0, tzinfo=UTC)
HOSTILE = "</script><script>alert(1)</script>"


def absolute(path: str) -> str:
    return f"https://pressbox.example{path}"


@pytest.fixture
def clasico() -> Match:
    la_liga = factories.CompetitionFactory(code="es.1", name="LaLiga EA Sports", short_name="La Liga")
    return factories.MatchFactory(
        season=factories.SeasonFactory(competition=la_liga, label="2024-25"),
        round_name="Matchday 35",
        matchday=35,
        home=factories.ClubFactory(name="FC Barcelona", slug="fc-barcelona"),
        away=factories.ClubFactory(name="Real Madrid CF", slug="real-madrid-cf"),
        kickoff=datetime.datetime(2025, 5, 11, 14, 15, tzinfo=UTC),
        venue=factories.VenueFactory(name="Estadi Olímpic Lluís Companys", city="Barcelona", country="Spain"),
    )


@pytest.fixture
def preview(clasico: Match) -> Article:
    article = factories.ArticleFactory(
        kind=Article.Kind.PREVIEW,
        headline="Barcelona aim to take a giant step towards the title",
        slug="clasico-preview",
        standfirst="Four points clear with four matches left.",
        status=Article.Status.PUBLISHED,
        published_at=datetime.datetime(2025, 5, 8, 23, 30, tzinfo=UTC),
        match=clasico,
        section=factories.SectionFactory(name="Previews"),
        authors=[factories.AuthorFactory(name="Sam Writer")],
    )
    article.tags.add(factories.TagFactory(name="El Clásico"))
    return article


def loaded(article: Article) -> Article:
    """The article as its page loads it, so the builders are checked against what the page has in hand."""
    return public_article(article.slug).get()


def render(template: str, **context: object) -> str:
    request = RequestFactory().get("/", secure=True)
    return engines["django"].from_string("{% load seo %}" + template).render(context, request)


def ld_json(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1, html
    return json.loads(blocks[0])


def meta(html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, content in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html):
        found.setdefault(key, []).append(content)
    return found


# ---- JSON for a script element (no database) -------------------------------------------------------------------


@pytest.mark.django_db(False)
def test_json_ld_cannot_close_its_script_element():
    text = seo.json_ld({"headline": f"Hostile {HOSTILE} & <!-- comment"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert r"\u003C/script\u003E" in text
    assert json.loads(text) == {"headline": f"Hostile {HOSTILE} & <!-- comment"}


# ---- NewsArticle -------------------------------------------------------------------------------------------------


def test_news_article_names_the_story_its_dates_people_and_match(preview):
    data = seo.news_article(loaded(preview), absolute)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "Barcelona aim to take a giant step towards the title"
    assert data["description"] == "Four points clear with four matches left."
    assert data["url"] == data["mainEntityOfPage"] == "https://pressbox.example/articles/clasico-preview/"
    assert data["datePublished"] == data["dateModified"] == "2025-05-09T00:30:00+01:00"
    assert data["author"] == [{"@type": "Person", "name": "Sam Writer"}]
    assert data["publisher"] == {
        "@type": "NewsMediaOrganization",
        "name": "Pressbox",
        "url": "https://pressbox.example/",
    }
    assert data["articleSection"] == "Previews" and data["keywords"] == ["El Clásico"]
    assert "image" not in data
    about = data["about"]
    assert about["@type"] == "SportsEvent" and about["name"] == "FC Barcelona v Real Madrid CF"
    assert "@context" not in about and "mentions" not in data


def test_a_corrected_story_with_a_picture_and_no_byline(preview):
    preview.content_updated_at = datetime.datetime(2025, 5, 9, 9, 5, tzinfo=UTC)
    preview.hero_image = "articles/2025/05/flick.jpg"
    preview.kind = Article.Kind.NEWS
    preview.save()
    preview.authors.clear()
    data = seo.news_article(loaded(preview), absolute)
    assert data["dateModified"] == "2025-05-09T10:05:00+01:00"
    assert data["image"] == ["https://pressbox.example/media/articles/2025/05/flick.jpg"]
    assert data["author"] == [data["publisher"]]
    # A news story with a match attached mentions it; only a preview or a report is about it.
    assert data["mentions"]["@type"] == "SportsEvent" and "about" not in data


def test_a_story_without_a_match_has_no_event():
    article = factories.ArticleFactory(published=True, standfirst="")
    data = seo.news_article(loaded(article), absolute)
    assert "about" not in data and "mentions" not in data and "description" not in data


# ---- SportsEvent -------------------------------------------------------------------------------------------------


def test_sports_event_has_the_teams_kick_off_with_its_offset_venue_and_status(clasico):
    data = seo.sports_event(Match.objects.with_related().get(pk=clasico.pk), absolute)
    barcelona = {"@type": "SportsTeam", "name": "FC Barcelona", "url": "https://pressbox.example/clubs/fc-barcelona/"}
    madrid = {"@type": "SportsTeam", "name": "Real Madrid CF", "url": "https://pressbox.example/clubs/real-madrid-cf/"}
    assert data["@context"] == "https://schema.org" and data["@type"] == "SportsEvent"
    assert data["name"] == "FC Barcelona v Real Madrid CF"
    assert data["url"] == f"https://pressbox.example/matches/{clasico.pk}/"
    assert data["startDate"] == "2025-05-11T16:15+02:00"  # 16:15 in Barcelona, as the fixture list says
    assert data["homeTeam"] == barcelona and data["awayTeam"] == madrid
    assert data["competitor"] == [barcelona, madrid]
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"] == {
        "@type": "Place",
        "name": "Estadi Olímpic Lluís Companys",
        "address": {"@type": "PostalAddress", "addressLocality": "Barcelona", "addressCountry": "Spain"},
    }
    assert data["superEvent"] == {
        "@type": "EventSeries",
        "name": "LaLiga EA Sports 2024-25",
        "url": "https://pressbox.example/competitions/es.1/2024-25/",
    }


def test_a_postponed_match_without_a_venue_or_a_time(clasico):
    Match.objects.filter(pk=clasico.pk).update(status=Match.Status.POSTPONED, venue=None, kickoff_time_known=False)
    data = seo.sports_event(Match.objects.with_related().get(pk=clasico.pk), absolute)
    assert data["eventStatus"] == "https://schema.org/EventPostponed"
    assert data["startDate"] == "2025-05-11" and "location" not in data


# ---- The template tags -----------------------------------------------------------------------------------------


def test_article_meta_renders_open_graph_twitter_and_json_ld_without_a_query(preview, django_assert_num_queries):
    article = loaded(preview)
    with django_assert_num_queries(0):
        html = render("{% article_meta article %}", article=article)
    tags = meta(html)
    assert tags["og:type"] == ["article"] and tags["og:site_name"] == ["Pressbox"]
    assert tags["og:title"] == tags["twitter:title"] == ["Barcelona aim to take a giant step towards the title"]
    assert tags["og:description"] == ["Four points clear with four matches left."]
    assert tags["og:url"] == ["https://testserver/articles/clasico-preview/"]
    assert tags["article:published_time"] == ["2025-05-09T00:30:00+01:00"]
    assert tags["article:section"] == ["Previews"] and tags["article:tag"] == ["El Clásico"]
    assert tags["twitter:card"] == ["summary"] and "og:image" not in tags
    assert ld_json(html)["@type"] == "NewsArticle"
    assert "nonce" not in html


def test_a_picture_makes_a_large_card(preview):
    preview.hero_image = "articles/2025/05/flick.jpg"
    preview.hero_alt = "Hansi Flick on the touchline"
    preview.save()
    tags = meta(render("{% article_meta article %}", article=loaded(preview)))
    assert tags["og:image"] == tags["twitter:image"] == ["https://testserver/media/articles/2025/05/flick.jpg"]
    assert tags["og:image:alt"] == ["Hansi Flick on the touchline"] and tags["twitter:card"] == ["summary_large_image"]


def test_match_meta_renders_the_event_without_a_query(clasico, django_assert_num_queries):
    match = Match.objects.with_related().get(pk=clasico.pk)
    with django_assert_num_queries(0):
        html = render("{% match_meta match %}", match=match)
    tags = meta(html)
    assert tags["og:title"] == ["FC Barcelona v Real Madrid CF"] and tags["og:type"] == ["website"]
    assert tags["og:description"] == ["La Liga 2024-25, Matchday 35, Sunday 11 May 2025, 16:15"]
    assert ld_json(html)["startDate"] == "2025-05-11T16:15+02:00"


def test_a_hostile_headline_stays_inside_its_attribute_and_its_script(preview):
    preview.headline = f'Headline {HOSTILE}"><img src=x onerror=alert(1)>'
    preview.standfirst = HOSTILE
    preview.save()
    html = render("{% article_meta article %}", article=loaded(preview))
    assert "<script>alert" not in html and "<img" not in html
    assert html.count("</script>") == 1  # only the JSON-LD element's own end tag
    assert ld_json(html)["headline"] == f'Headline {HOSTILE}"><img src=x onerror=alert(1)>'
    assert meta(html)["og:title"] == [
        "Headline &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
    ]


# ---- On the pages ------------------------------------------------------------------------------------------------


@time_machine.travel(PREVIEW_DAY)
def test_the_article_page_carries_its_meta_without_a_nonce(client, preview):
    preview.headline = f"Headline {HOSTILE}"
    preview.save()
    response = client.get(preview.get_absolute_url(), secure=True)
    html = response.content.decode()
    assert "nonce" not in response.headers["Content-Security-Policy"]
    head = html[: html.index("</head>")]
    assert ld_json(head)["headline"] == f"Headline {HOSTILE}"
    assert '<script type="application/ld+json">' in head
    assert meta(head)["og:url"] == ["https://testserver/articles/clasico-preview/"]
    assert '<link rel="canonical" href="https://testserver/articles/clasico-preview/">' in head
    assert "<script>alert" not in html
    assert head.count('property="og:type"') == 1


@time_machine.travel(PREVIEW_DAY)
def test_the_match_page_carries_its_event(client, clasico):
    html = client.get(clasico.get_absolute_url()).content.decode()
    head = html[: html.index("</head>")]
    assert ld_json(head)["@type"] == "SportsEvent"
    assert meta(head)["og:url"] == [f"http://testserver/matches/{clasico.pk}/"]


@time_machine.travel(PREVIEW_DAY)
def test_the_canonical_url_is_absolute_and_drops_tracking_parameters(client, preview):
    html = client.get(f"{preview.get_absolute_url()}?utm_source=feed&fbclid=x").content.decode()
    assert '<link rel="canonical" href="http://testserver/articles/clasico-preview/">' in html
    assert 'content="http://testserver/articles/clasico-preview/"' in html  # og:url says the same


# ---- Clubs, people, quotes and seasons ---------------------------------------------------------------------------


@pytest.fixture
def flick(clasico: Match) -> Person:
    flick = factories.PersonFactory(
        name="Hans-Dieter Flick", known_as="Hansi Flick", slug="hansi-flick", nationality="Germany",
        birth_date=datetime.date(1965, 2, 24), bio="Won the treble with Bayern.\n\nCoach of Barcelona since 2024.",
    )  # fmt: skip
    factories.TenureFactory(person=flick, club=clasico.home, start_date=datetime.date(2024, 5, 29))
    factories.TenureFactory(
        person=flick, club=factories.ClubFactory(name="FC Bayern München"), start_date=datetime.date(2019, 11, 3),
        end_date=datetime.date(2021, 6, 30),
    )  # fmt: skip
    return flick


@pytest.fixture
def quoted(preview: Article, flick: Person) -> Quote:
    return factories.QuoteFactory(
        speaker=flick, source_article=preview, match=preview.match, said_on=datetime.date(2025, 5, 10),
        text="We respect Madrid but we play at home, in front of our people, and we want the three points.",
    )  # fmt: skip


def as_on_its_page(quote: Quote) -> Quote:
    return Quote.objects.citable().get(pk=quote.pk)


def head_coach_of(club: Club) -> Tenure:
    """The coach as the club's page loads it."""
    return Tenure.objects.current().filter(club=club).head_coaches_first().first()


def test_sports_team_names_the_club_its_sport_and_its_coach(clasico, flick):
    Club.objects.filter(pk=clasico.home_id).update(short_name="Barcelona", founded=1899)
    club = Club.objects.get(pk=clasico.home_id)
    data = seo.sports_team(club, absolute, head_coach_of(club))
    assert data["@context"] == "https://schema.org" and data["@type"] == "SportsTeam"
    assert data["name"] == "FC Barcelona" and data["alternateName"] == "Barcelona"
    assert data["url"] == "https://pressbox.example/clubs/fc-barcelona/" and data["sport"] == "Football"
    assert data["foundingDate"] == "1899"
    assert data["coach"] == {
        "@type": "Person",
        "name": "Hans-Dieter Flick",
        "url": "https://pressbox.example/people/hansi-flick/",
    }
    tags = {tag.key: tag.content for tag in seo.club_meta_tags(club, absolute, head_coach_of(club))}
    assert tags["og:title"] == "FC Barcelona" and tags["og:type"] == "website"
    assert tags["og:description"].endswith("Head coach: Hans-Dieter Flick.")


def test_a_club_without_a_coach_or_details_leaves_them_out(clasico):
    data = seo.sports_team(clasico.away, absolute)
    assert "coach" not in data and "foundingDate" not in data and "alternateName" not in data


def test_profile_page_says_who_a_person_is_and_where_they_work_now(flick):
    person = Person.objects.with_history().get(pk=flick.pk)
    data = seo.profile_page(person, absolute)
    assert data["@type"] == "ProfilePage" and data["url"] == "https://pressbox.example/people/hansi-flick/"
    about = data["mainEntity"]
    assert (
        about["@type"] == "Person" and about["name"] == "Hans-Dieter Flick" and about["alternateName"] == "Hansi Flick"
    )
    assert about["birthDate"] == "1965-02-24" and about["nationality"] == "Germany"
    assert about["jobTitle"] == "Head coach"
    assert about["affiliation"] == [
        {"@type": "SportsTeam", "name": "FC Barcelona", "url": "https://pressbox.example/clubs/fc-barcelona/"}
    ]  # Bayern is over
    assert about["description"] == "Won the treble with Bayern. Coach of Barcelona since 2024."
    tags = {tag.key: tag.content for tag in seo.person_meta_tags(person, absolute)}
    assert tags["og:type"] == "profile" and tags["og:title"] == "Hans-Dieter Flick"
    assert tags["og:description"] == about["description"]


def test_quotation_names_the_speaker_the_day_and_the_story_it_was_published_in(quoted, preview):
    data = seo.quotation(as_on_its_page(quoted), absolute)
    assert data["@type"] == "Quotation" and data["text"] == quoted.text
    assert data["url"] == f"https://pressbox.example/quotes/{quoted.pk}/"
    assert data["spokenByCharacter"]["name"] == "Hans-Dieter Flick" and data["dateCreated"] == "2025-05-10"
    assert data["isPartOf"] == {
        "@type": "NewsArticle",
        "headline": preview.headline,
        "url": "https://pressbox.example/articles/clasico-preview/",
    }
    tags = {tag.key: tag.content for tag in seo.quote_meta_tags(as_on_its_page(quoted), absolute)}
    assert tags["og:title"] == "Hans-Dieter Flick: “We respect Madrid but we play at home, in front of our …”"
    assert tags["og:description"].startswith("Hans-Dieter Flick, 10 May 2025: “We respect Madrid")


def test_a_quote_from_elsewhere_by_a_name_only_cites_its_source():
    quote = factories.QuoteFactory(speaker=None, speaker_name="A Barcelona director", said_on=None,
                                   source_url="https://example.com/interview")  # fmt: skip
    data = seo.quotation(as_on_its_page(quote), absolute)
    assert data["spokenByCharacter"] == {"@type": "Person", "name": "A Barcelona director"}
    assert data["citation"] == "https://example.com/interview"
    assert "dateCreated" not in data and "isPartOf" not in data


def test_event_series_is_the_season_with_its_dates(clasico):
    season = Season.objects.select_related("competition").get(pk=clasico.season_id)
    assert seo.event_series(season, absolute) == {
        "@context": "https://schema.org",
        "@type": "EventSeries",
        "name": "LaLiga EA Sports 2024-25",
        "sport": "Football",
        "url": "https://pressbox.example/competitions/es.1/2024-25/",
        "startDate": "2024-08-15",
        "endDate": "2025-05-25",
    }


def test_the_new_meta_tags_render_without_a_query(clasico, flick, quoted, django_assert_num_queries):
    club = Club.objects.get(pk=clasico.home_id)
    coach = head_coach_of(club)
    person = Person.objects.with_history().get(pk=flick.pk)
    quote = as_on_its_page(quoted)
    season = Season.objects.select_related("competition").get(pk=clasico.season_id)
    with django_assert_num_queries(0):
        html = render(
            "{% club_meta club coach %}{% person_meta person %}{% quote_meta quote %}{% season_meta season url %}",
            club=club, coach=coach, person=person, quote=quote, season=season, url="https://testserver/x/",
        )  # fmt: skip
    assert html.count('property="og:type"') == 4 and html.count("application/ld+json") == 4


def test_a_hostile_quote_stays_inside_its_attributes_and_its_script():
    quote = factories.QuoteFactory(text=f'Words {HOSTILE}"><img src=x onerror=alert(1)>')
    html = render("{% quote_meta quote %}", quote=as_on_its_page(quote))
    assert "<script>alert" not in html and "<img" not in html
    assert html.count("</script>") == 1
    assert ld_json(html)["text"] == quote.text


def canonical(head: str) -> str:
    return re.search(r'<link rel="canonical" href="([^"]+)">', head)[1]


@time_machine.travel(PREVIEW_DAY)
@pytest.mark.parametrize(
    ("page", "kind", "schema"),
    [
        ("/clubs/fc-barcelona/", "website", "SportsTeam"),
        ("/people/hansi-flick/", "profile", "ProfilePage"),
        ("quote", "website", "Quotation"),
        ("/competitions/es.1/2024-25/", "website", "EventSeries"),
        ("/competitions/es.1/2024-25/?table=home&matchday=35&utm_source=x", "website", "EventSeries"),
    ],
)
def test_club_person_quote_and_season_pages_carry_their_link_preview(client, quoted, page, kind, schema):
    url = quoted.get_absolute_url() if page == "quote" else page
    html = client.get(url).content.decode()
    head = html[: html.index("</head>")]
    tags = meta(head)
    assert tags["og:url"] == [canonical(head)]
    assert tags["og:type"] == [kind] and tags["og:site_name"] == ["Pressbox"]
    assert tags["og:title"] == tags["twitter:title"] and tags["og:title"][0]
    assert tags["og:description"] == tags["twitter:description"] and len(tags["og:description"][0]) > 20
    assert tags["twitter:card"] == ["summary"]
    assert ld_json(head)["@type"] == schema


@time_machine.travel(PREVIEW_DAY)
def test_a_season_table_as_of_a_matchday_shares_its_own_address(client, clasico):
    html = client.get(f"{clasico.season.get_absolute_url()}?matchday=35&fbclid=x").content.decode()
    head = html[: html.index("</head>")]
    assert meta(head)["og:url"] == ["http://testserver/competitions/es.1/2024-25/?matchday=35"] == [canonical(head)]


def test_a_browser_asking_for_favicon_ico_is_sent_to_the_sites_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith("favicon.svg")
    from django.contrib.staticfiles import finders

    assert finders.find("favicon.svg")  # the icon it points at is one of the site's static files
