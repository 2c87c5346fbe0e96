"""What search engines and link previews read: schema.org JSON-LD, OpenGraph and Twitter cards, feed links.

The builders take an object whose page has already loaded what they touch (an article from
`Article.objects.for_page()`, a match with `Match.objects.with_related()`) and an `absolute` function that turns a path
into a full URL (`request.build_absolute_uri`), so they add no query to a page and are tested without a request.
"""

from __future__ import annotations

import datetime
import html
import json
from collections.abc import Callable
from typing import Any, NamedTuple

from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from matches.display import kickoff, kickoff_iso, round_label, score
from matches.models import Club, Competition, Match, Season, Venue
from newsroom.models import Article, Correction, Quote
from newsroom.rendering import render_body
from people.models import Person, Tenure

SITE_NAME = "Pressbox"
SCHEMA = "https://schema.org"
Absolute = Callable[[str], str]
JsonObject = dict[str, Any]

# What may not appear raw inside <script>: "</script>" or "<!--" in a headline would end or bend the element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

# A match's status in schema.org's words; a match played, in play or awarded went ahead as scheduled.
# A cancelled match is schema.org's EventCancelled; an abandoned one has no word there, so none is claimed.
EVENT_STATUS: dict[str, str] = {
    Match.Status.POSTPONED: f"{SCHEMA}/EventPostponed",
    Match.Status.CANCELLED: f"{SCHEMA}/EventCancelled",
}
# About what a search result or a link preview shows of a description.
DESCRIPTION_LENGTH = 160


class MetaTag(NamedTuple):
    """One <meta>: OpenGraph names go in `property`, Twitter's in `name`."""

    attribute: str
    key: str
    content: str


class FeedLink(NamedTuple):
    title: str
    mime_type: str
    url: str


WEBSITE = MetaTag("property", "og:type", "website")


def json_ld(data: JsonObject) -> SafeString:
    """JSON for a `<script type="application/ld+json">`, with <, > and & as \\u escapes so no text can close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # nothing left that HTML would parse as markup


def iso(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


# ---- Articles ----------------------------------------------------------------------------------------------


def news_article(article: Article, absolute: Absolute) -> JsonObject:
    """schema.org NewsArticle. The match a preview or report is about is its `about`; other stories mention it."""
    assert article.published_at is not None  # only a published article has a public page
    url = absolute(article.get_absolute_url())
    data: JsonObject = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": article.headline,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": iso(article.published_at),
        "dateModified": iso(article.content_updated_at or article.published_at),
        "author": article_authors(article, absolute),
        "publisher": publisher(absolute),
        "inLanguage": "en-GB",
        "isAccessibleForFree": True,
    }
    data |= optional_article_fields(article, absolute)
    if corrections := [correction_comment(correction) for correction in article.shown_corrections()]:
        data["correction"] = corrections
    if article.match is not None:
        relation = "about" if article.kind in (Article.Kind.PREVIEW, Article.Kind.REPORT) else "mentions"
        data[relation] = sports_event(article.match, absolute, context=False)
    return data


def optional_article_fields(article: Article, absolute: Absolute) -> JsonObject:
    tags = [tag.name for tag in article.tags.all()]
    fields = {
        "description": article.standfirst,
        "image": [absolute(article.hero_image.url)] if article.hero_image else None,
        "articleSection": article.section.name if article.section else None,
        "keywords": tags or None,
    }
    return {key: value for key, value in fields.items() if value}


def correction_comment(correction: Correction) -> JsonObject:
    """schema.org CorrectionComment: the wording as readers see it, as plain text on one line, and its date."""
    text = " ".join(html.unescape(strip_tags(render_body(correction.text))).split())
    return {"@type": "CorrectionComment", "text": text, "datePublished": iso(correction.published_at)}


def article_authors(article: Article, absolute: Absolute) -> list[JsonObject]:
    """The bylines as people; a story with none is the newsroom's own."""
    authors = [{"@type": "Person", "name": author.name} for author in article.authors.all()]
    return authors or [publisher(absolute)]


def publisher(absolute: Absolute) -> JsonObject:
    return {"@type": "NewsMediaOrganization", "name": SITE_NAME, "url": absolute(reverse("home"))}


def article_meta_tags(article: Article, absolute: Absolute) -> list[MetaTag]:
    """OpenGraph and Twitter card tags for an article; the image ones only when it has a picture."""
    assert article.published_at is not None  # only a published article has a public page
    image = absolute(article.hero_image.url) if article.hero_image else ""
    tags = [
        *shared_meta_tags(article.headline, article.standfirst, absolute(article.get_absolute_url()), image),
        MetaTag("property", "og:type", "article"),
        MetaTag("property", "article:published_time", iso(article.published_at)),
        MetaTag("property", "article:modified_time", iso(article.content_updated_at or article.published_at)),
    ]
    if image and article.hero_alt:
        tags += [MetaTag("property", "og:image:alt", article.hero_alt)]
        tags += [MetaTag("name", "twitter:image:alt", article.hero_alt)]
    if article.section:
        tags.append(MetaTag("property", "article:section", article.section.name))
    tags += [MetaTag("property", "article:tag", tag.name) for tag in article.tags.all()]
    return tags


def shared_meta_tags(title: str, description: str, url: str, image: str = "") -> list[MetaTag]:
    tags = [
        MetaTag("property", "og:site_name", SITE_NAME),
        MetaTag("property", "og:locale", "en_GB"),
        MetaTag("property", "og:title", title),
        MetaTag("property", "og:url", url),
        MetaTag("name", "twitter:card", "summary_large_image" if image else "summary"),
        MetaTag("name", "twitter:title", title),
    ]
    if description:
        tags += [MetaTag("property", "og:description", description)]
        tags += [MetaTag("name", "twitter:description", description)]
    if image:
        tags += [MetaTag("property", "og:image", image), MetaTag("name", "twitter:image", image)]
    return tags


# ---- Matches -----------------------------------------------------------------------------------------------


def sports_event(match: Match, absolute: Absolute, *, context: bool = True) -> JsonObject:
    """schema.org SportsEvent: kick-off with its UTC offset (the day alone when the time is not known yet)."""
    home, away = team(match.home, absolute), team(match.away, absolute)
    data: JsonObject = {"@context": SCHEMA} if context else {}
    data |= {
        "@type": "SportsEvent",
        "name": f"{match.home.name} v {match.away.name}",
        "url": absolute(match.get_absolute_url()),
        "startDate": kickoff_iso(match),
        "eventStatus": EVENT_STATUS.get(match.status, f"{SCHEMA}/EventScheduled"),
        "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
        "sport": "Football",
        "homeTeam": home,
        "awayTeam": away,
        "competitor": [home, away],
        "superEvent": competition_season(match, absolute),
    }
    if match.venue is not None:
        data["location"] = place(match.venue)
    return data


def team(club: Club, absolute: Absolute) -> JsonObject:
    return {"@type": "SportsTeam", "name": club.name, "url": absolute(club.get_absolute_url())}


def place(venue: Venue) -> JsonObject:
    address = {"@type": "PostalAddress", "addressLocality": venue.city, "addressCountry": venue.country}
    return {"@type": "Place", "name": venue.name, "address": {key: value for key, value in address.items() if value}}


def competition_season(match: Match, absolute: Absolute) -> JsonObject:
    season = match.season
    name = f"{season.competition.name} {season.label}"
    return {"@type": "EventSeries", "name": name, "url": absolute(season.get_absolute_url())}


def match_title(match: Match) -> str:
    """ "FC Barcelona v Real Madrid CF", or with the score in place of the v once there is one."""
    middle = score(match) or "v"
    return f"{match.home.name} {middle} {match.away.name}"


def match_meta_tags(match: Match, absolute: Absolute) -> list[MetaTag]:
    season = match.season
    description = f"{season.competition.display_name} {season.label}, {round_label(match)}, {kickoff(match)}"
    url = absolute(match.get_absolute_url())
    return [*shared_meta_tags(match_title(match), description, url), MetaTag("property", "og:type", "website")]


# ---- Clubs, people, quotes and seasons --------------------------------------------------------------------
# Their pages load everything these read: the club's coach with the person, a person `with_history()`, a quote
# `citable()`, a season with its competition.


def sports_team(club: Club, absolute: Absolute, coach: Tenure | None = None) -> JsonObject:
    """schema.org SportsTeam for a club's page, with its head coach when it has one."""
    data: JsonObject = {"@context": SCHEMA} | team(club, absolute) | {"sport": "Football"}
    optional = {
        "alternateName": club.short_name,
        "foundingDate": str(club.founded) if club.founded else "",
        "coach": person_ref(coach.person, absolute) if coach else None,
    }
    return data | {key: value for key, value in optional.items() if value}


def club_meta_tags(club: Club, absolute: Absolute, coach: Tenure | None = None) -> list[MetaTag]:
    description = f"{club.name}: the latest results and fixtures in every competition, and Pressbox's stories."
    if coach is not None:
        description += f" {coach.get_role_display()}: {coach.person.name}."
    return [*shared_meta_tags(club.name, description, absolute(club.get_absolute_url())), WEBSITE]


def person_ref(person: Person, absolute: Absolute) -> JsonObject:
    return {"@type": "Person", "name": person.name, "url": absolute(person.get_absolute_url())}


def profile_page(person: Person, absolute: Absolute) -> JsonObject:
    """schema.org ProfilePage about a Person: who they are and where they work now (tenures prefetched)."""
    current = [tenure for tenure in person.tenures.all() if tenure.is_current]
    optional = {
        "alternateName": person.known_as,
        "nationality": person.nationality,
        "birthDate": person.birth_date.isoformat() if person.birth_date else "",
        "description": person_description(person) if person.bio else "",
        "jobTitle": current[0].get_role_display() if current else "",
        "affiliation": [team(tenure.club, absolute) for tenure in current],
    }
    about = person_ref(person, absolute) | {key: value for key, value in optional.items() if value}
    url = absolute(person.get_absolute_url())
    return {"@context": SCHEMA, "@type": "ProfilePage", "url": url, "mainEntity": about}


def person_description(person: Person) -> str:
    """The bio's opening on one line, or what the page holds when there is no bio."""
    if person.bio:
        return Truncator(" ".join(person.bio.split())).chars(DESCRIPTION_LENGTH)
    return f"{person.name}: career, honours, manager moves and quotes."


def person_meta_tags(person: Person, absolute: Absolute) -> list[MetaTag]:
    url = absolute(person.get_absolute_url())
    return [*shared_meta_tags(person.name, person_description(person), url), MetaTag("property", "og:type", "profile")]


def quotation(quote: Quote, absolute: Absolute) -> JsonObject:
    """schema.org Quotation: the words, who said them and when, and where they were published."""
    data: JsonObject = {"@context": SCHEMA, "@type": "Quotation", "text": quote.text}
    data["url"] = absolute(quote.get_absolute_url())
    if quote.speaker is not None:
        data["spokenByCharacter"] = person_ref(quote.speaker, absolute)
    elif quote.speaker_name:
        data["spokenByCharacter"] = {"@type": "Person", "name": quote.speaker_name}
    if quote.said_on:
        data["dateCreated"] = quote.said_on.isoformat()
    return data | quote_source(quote, absolute)


def quote_source(quote: Quote, absolute: Absolute) -> JsonObject:
    """Our story the quote was published in, else the address it was taken from, if any."""
    article = quote.source_article
    if article is not None:
        url = absolute(article.get_absolute_url())
        return {"isPartOf": {"@type": "NewsArticle", "headline": article.headline, "url": url}}
    return {"citation": quote.source_url} if quote.source_url else {}


def quote_meta_tags(quote: Quote, absolute: Absolute) -> list[MetaTag]:
    """A link preview that reads like the page's title: the speaker and the opening words, then all of them."""
    speaker = quote.speaker_label or "Unattributed"
    title = f"{speaker}: “{Truncator(quote.text).words(12, truncate=' …')}”"
    when = f", {date_format(quote.said_on, 'j F Y')}" if quote.said_on else ""
    description = f"{speaker}{when}: “{Truncator(quote.text).chars(DESCRIPTION_LENGTH)}”"
    return [*shared_meta_tags(title, description, absolute(quote.get_absolute_url())), WEBSITE]


def event_series(season: Season, absolute: Absolute) -> JsonObject:
    """schema.org EventSeries for a season's page: the competition's season and the dates it runs."""
    name = f"{season.competition.name} {season.label}"
    data: JsonObject = {"@context": SCHEMA, "@type": "EventSeries", "name": name, "sport": "Football"}
    data["url"] = absolute(season.get_absolute_url())
    if season.start_date:
        data["startDate"] = season.start_date.isoformat()
    if season.end_date:
        data["endDate"] = season.end_date.isoformat()
    return data


def season_meta_tags(season: Season, url: str) -> list[MetaTag]:
    """`url` is the page's canonical address: a table as of a matchday is a page of its own."""
    name = f"{season.competition.name} {season.label}"
    description = f"The {name} table, with every result and fixture round by round."
    return [*shared_meta_tags(f"{name}: table, results and fixtures", description, url), WEBSITE]


# ---- Feeds -------------------------------------------------------------------------------------------------


def feed_links(url_name: str | None, competition: object = None, club: object = None) -> list[FeedLink]:
    """The latest stories' feeds on every page, and a competition's or club's own on its pages."""
    links = pair_of_feeds(f"{SITE_NAME}: latest stories", "feed_latest", {})
    if url_name in ("season", "competition") and isinstance(competition, Competition):
        links += pair_of_feeds(f"{SITE_NAME}: {competition.name}", "feed_competition", {"code": competition.code})
    if url_name == "club" and isinstance(club, Club):
        links += pair_of_feeds(f"{SITE_NAME}: {club.name}", "feed_club", {"slug": club.slug})
    return links


def pair_of_feeds(title: str, url_name: str, kwargs: dict[str, str]) -> list[FeedLink]:
    return [
        FeedLink(f"{title} (Atom)", "application/atom+xml", reverse(f"{url_name}_atom", kwargs=kwargs)),
        FeedLink(f"{title} (RSS)", "application/rss+xml", reverse(f"{url_name}_rss", kwargs=kwargs)),
    ]
