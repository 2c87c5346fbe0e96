"""Articles, and the tag and section lists of them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from matches import live
from newsroom.content_version import content_version
from newsroom.models import Article, Section, Tag
from newsroom.rendering import render_body
from newsroom.views.paging import page_of
from newsroom.views.preview import live_card, preview_panels, related_articles
from newsroom.views.reads import article_quotes, public_article, public_articles

ARTICLES_PER_PAGE = 20


def article(request: HttpRequest, slug: str) -> HttpResponse:
    """A published article; a draft or a scheduled one is a 404, as if it did not exist. A preview is
    surrounded by what the site knows of its match; a report by its match card; any story by related ones."""
    article = get_object_or_404(public_article(slug))
    context = {
        "article": article,
        "match": article.match,
        "body_html": lambda: render_body(article.body),
        "quotes": article_quotes(article),
        "related": related_articles(article),
    }
    if article.match and article.kind == Article.Kind.PREVIEW:
        context |= preview_panels(article.match)
    elif article.match:
        context |= live_card(article.match)
    context["page_version"] = page_version(article, context.get("polls", False))
    return render(request, "newsroom/article.html", context)


def page_version(article: Article, polls: bool) -> str:
    """What a cached rendering of the page depends on besides the article itself: every editor's change,
    and, for a story about a match, every score in its season (no database: all from the cache)."""
    parts = [str(content_version())]
    if article.match_id:
        parts.append(live.versions(match_id=article.match_id, season_id=article.match.season_id))
    return "-".join([*parts, "polling" if polls else "still"])


def tag(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    page = page_of(request, public_articles().filter(tags=tag), ARTICLES_PER_PAGE)
    context = {"heading": tag.name, "kicker": "Tag", "page_obj": page}
    return render(request, "newsroom/article_list.html", context)


def section(request: HttpRequest, slug: str) -> HttpResponse:
    section = get_object_or_404(Section, slug=slug)
    page = page_of(request, public_articles().filter(section=section), ARTICLES_PER_PAGE)
    context = {"heading": section.name, "kicker": "Section", "description": section.description, "page_obj": page}
    return render(request, "newsroom/article_list.html", context)
