"""Head tags for search engines, link previews and feed readers: `{% load seo %}`.

`{% article_meta article %}` and `{% match_meta match %}` go in a page's `{% block meta %}`; `{% feed_links %}` is
in base.html's head for every page. None of them queries the database: they read what the view loaded.
"""

from __future__ import annotations

from django import template
from django.template import Context

from matches.models import Match
from newsroom import seo
from newsroom.models import Article

register = template.Library()


@register.inclusion_tag("includes/seo_meta.html", takes_context=True)
def article_meta(context: Context, article: Article) -> dict[str, object]:
    """OpenGraph and Twitter tags and NewsArticle JSON-LD (needs the article as `for_page()` loads it)."""
    absolute = context["request"].build_absolute_uri
    return {
        "tags": seo.article_meta_tags(article, absolute),
        "json_ld": seo.json_ld(seo.news_article(article, absolute)),
        "csp_nonce": context.get("csp_nonce", ""),
    }


@register.inclusion_tag("includes/seo_meta.html", takes_context=True)
def match_meta(context: Context, match: Match) -> dict[str, object]:
    """OpenGraph and Twitter tags and SportsEvent JSON-LD (needs the match with `with_related()`)."""
    absolute = context["request"].build_absolute_uri
    return {
        "tags": seo.match_meta_tags(match, absolute),
        "json_ld": seo.json_ld(seo.sports_event(match, absolute)),
        "csp_nonce": context.get("csp_nonce", ""),
    }


@register.inclusion_tag("includes/seo_feeds.html", takes_context=True)
def feed_links(context: Context) -> dict[str, object]:
    """`<link rel="alternate">` for the latest stories' feeds, and the page's competition or club feeds."""
    request = context.get("request")
    url_name = request.resolver_match.url_name if request and request.resolver_match else None
    return {"feeds": seo.feed_links(url_name, competition=context.get("competition"), club=context.get("club"))}
