"""Head tags for search engines, link previews and feed readers: `{% load seo %}`.

A page's `{% block meta %}` calls its own tag: `{% article_meta article %}`, `{% match_meta match %}`,
`{% club_meta club coach %}`, `{% person_meta person %}`, `{% quote_meta quote %}` or `{% season_meta season url %}`;
`{% feed_links %}` is in base.html's head for every page. None of them queries the database: they read what the
view loaded.
"""

from __future__ import annotations

from django import template
from django.template import Context

from matches.models import Club, Match, Season
from newsroom import seo
from newsroom.models import Article, Quote
from people.models import Person, Tenure

register = template.Library()


def head(context: Context, tags: list[seo.MetaTag], data: seo.JsonObject) -> dict[str, object]:
    """What includes/seo_meta.html renders: the meta tags and the JSON-LD."""
    return {"tags": tags, "json_ld": seo.json_ld(data)}


@register.inclusion_tag("includes/seo_meta.html", takes_context=True)
def article_meta(context: Context, article: Article) -> dict[str, object]:
    """OpenGraph and Twitter tags and NewsArticle JSON-LD (needs the article as `for_page()` loads it)."""
    absolute = context["request"].build_absolute_uri
    return head(context, seo.article_meta_tags(article, absolute), seo.news_article(article, absolute))


@register.inclusion_tag("includes/seo_meta.html", takes_context=True)
def match_meta(context: Context, match: Match) -> dict[str, object]:
    """OpenGraph and Twitter tags and SportsEvent JSON-LD (needs the match with `with_related()`)."""
    absolute = context["request"].build_absolute_uri
    return head(context, seo.match_meta_tags(match, absolute), seo.sports_event(match, absolute))


@register.inclusion_tag("includes/seo_meta.html", takes_context=True)
def club_meta(context: Context, club: Club, coach: Tenure | None = None) -> dict[str, object]:
    """OpenGraph and Twitter tags and SportsTeam JSON-LD; `coach` is the page's head coach, person loaded."""
    absolute = context["request"].build_absolute_uri
    return head(context, seo.club_meta_tags(club, absolute, coach), seo.sports_team(club, absolute, coach))


@register.inclusion_tag("includes/seo_meta.html", takes_context=True)
def person_meta(context: Context, person: Person) -> dict[str, object]:
    """OpenGraph profile and Twitter tags and ProfilePage JSON-LD (needs the person `with_history()`)."""
    absolute = context["request"].build_absolute_uri
    return head(context, seo.person_meta_tags(person, absolute), seo.profile_page(person, absolute))


@register.inclusion_tag("includes/seo_meta.html", takes_context=True)
def quote_meta(context: Context, quote: Quote) -> dict[str, object]:
    """OpenGraph and Twitter tags and Quotation JSON-LD (needs the quote `citable()`)."""
    absolute = context["request"].build_absolute_uri
    return head(context, seo.quote_meta_tags(quote, absolute), seo.quotation(quote, absolute))


@register.inclusion_tag("includes/seo_meta.html", takes_context=True)
def season_meta(context: Context, season: Season, url: str) -> dict[str, object]:
    """OpenGraph and Twitter tags and EventSeries JSON-LD; `url` is the page's canonical address (its table,
    matchday or date make a page of their own), the season needs its competition loaded."""
    absolute = context["request"].build_absolute_uri
    return head(context, seo.season_meta_tags(season, url), seo.event_series(season, absolute))


@register.inclusion_tag("includes/seo_feeds.html", takes_context=True)
def feed_links(context: Context) -> dict[str, object]:
    """`<link rel="alternate">` for the latest stories' feeds, and the page's competition or club feeds."""
    request = context.get("request")
    url_name = request.resolver_match.url_name if request and request.resolver_match else None
    return {"feeds": seo.feed_links(url_name, competition=context.get("competition"), club=context.get("club"))}
