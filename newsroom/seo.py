"""What search engines and link previews read: schema.org JSON-LD, OpenGraph and Twitter cards, feed links.

The builders take an object whose page has already loaded what they touch (an article from
`Article.objects.for_page()`, a match with `Match.objects.with_related()`) and an `absolute` function that turns a path
into a full URL (`request.build_absolute_uri`), so they add no query to a page and are tested without a request.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import Any, NamedTuple

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from matches.display import kickoff, kickoff_iso, round_label, score
from matches.models import Club, Competition, Match, Venue
from newsroom.models import Article

SITE_NAME = "Pressbox"
SCHEMA = "https://schema.org"
Absolute = Callable[[str], str]
JsonObject = dict[str, Any]

# What may not appear raw inside <script>: "</script>" or "<!--" in a headline would end or bend the element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

# A match's status in schema.org's words; a match played, in play or awarded went ahead as scheduled.
EVENT_STATUS: dict[str, str] = {Match.Status.POSTPONED: f"{SCHEMA}/EventPostponed"}


class MetaTag(NamedTuple):
    """One <meta>: OpenGraph names go in `property`, Twitter's in `name`."""

    attribute: str
    key: str
    content: str


class FeedLink(NamedTuple):
    title: str
    mime_type: str
    url: str


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
