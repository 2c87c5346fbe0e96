"""Sitemaps for search engines: an index of one sitemap per kind of page, a Google News sitemap, robots.txt.

`/sitemap.xml` is always an index (matches alone run to thousands a season), pointing at `/sitemap-<section>.xml`,
which Django pages at 50,000 URLs. The index asks each section for its size and, where pages have a last
modification date, for the newest one with an aggregate instead of loading every row.
"""

from __future__ import annotations

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.xmlutils import SimplerXMLGenerator
from django.views.decorators.http import require_GET

from matches.models import Club, Match, MatchQuerySet, Season, SeasonQuerySet
from newsroom.models import Article, ArticleQuerySet, without_control_characters
from people.models import Person, PersonQuerySet

SITE_NAME = "Pressbox"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
# Google News reads stories published in the last two days, at most 1,000 of them.
NEWS_WINDOW = datetime.timedelta(days=2)
NEWS_LIMIT = 1000


class ArticleSitemap(Sitemap):
    def items(self) -> ArticleQuerySet:
        fields = ("slug", "published_at", "content_updated_at")
        return Article.objects.published().only(*fields).order_by("-published_at", "-pk")

    def lastmod(self, article: Article) -> datetime.datetime | None:
        # The correction date readers see, not updated_at: saving a typo in the admin is not news.
        return article.content_updated_at or article.published_at

    def get_latest_lastmod(self) -> datetime.datetime | None:
        return self.items().aggregate(latest=Max(Coalesce("content_updated_at", "published_at")))["latest"]


class MatchSitemap(Sitemap):
    def items(self) -> MatchQuerySet:
        return Match.objects.only("pk", "updated_at").order_by("pk")

    def lastmod(self, match: Match) -> datetime.datetime:
        return match.updated_at

    def get_latest_lastmod(self) -> datetime.datetime | None:
        return Match.objects.aggregate(latest=Max("updated_at"))["latest"]


class ClubSitemap(Sitemap):
    def items(self) -> QuerySet[Club]:
        return Club.objects.only("slug").order_by("pk")


class PersonSitemap(Sitemap):
    def items(self) -> PersonQuerySet:
        return Person.objects.only("slug").order_by("pk")


class SeasonSitemap(Sitemap):
    def items(self) -> SeasonQuerySet:
        return Season.objects.select_related("competition").only("label", "competition__code").order_by("pk")


SITEMAPS = {
    "articles": ArticleSitemap,
    "matches": MatchSitemap,
    "clubs": ClubSitemap,
    "people": PersonSitemap,
    "seasons": SeasonSitemap,
}


def news_articles() -> ArticleQuerySet:
    since = timezone.now() - NEWS_WINDOW
    recent = Article.objects.published().filter(published_at__gte=since)
    return recent.only("slug", "headline", "published_at").order_by("-published_at", "-pk")[:NEWS_LIMIT]


@require_GET
def news_sitemap(request: HttpRequest) -> HttpResponse:
    """Stories of the last two days in Google News' format, written by an XML generator that escapes."""
    response = HttpResponse(content_type="application/xml; charset=utf-8")
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"  # as Django's own sitemap views say
    xml = SimplerXMLGenerator(response, "utf-8", short_empty_elements=True)
    xml.startDocument()
    # The stubs type startElement's attributes as an AttributesImpl, but SimplerXMLGenerator's override reads a
    # dict (its own addQuickElement and Django's feeds pass one): the ignores here and in write_news_url are theirs.
    xml.startElement("urlset", {"xmlns": SITEMAP_NS, "xmlns:news": NEWS_NS})  # type: ignore[arg-type]
    for article in news_articles():
        write_news_url(xml, article, request.build_absolute_uri(article.get_absolute_url()))
    xml.endElement("urlset")
    return response


def write_news_url(xml: SimplerXMLGenerator, article: Article, url: str) -> None:
    xml.startElement("url", {})  # type: ignore[arg-type]  # stubs: see news_sitemap
    xml.addQuickElement("loc", url)
    xml.startElement("news:news", {})  # type: ignore[arg-type]  # stubs: see news_sitemap
    xml.startElement("news:publication", {})  # type: ignore[arg-type]  # stubs: see news_sitemap
    xml.addQuickElement("news:name", SITE_NAME)
    xml.addQuickElement("news:language", "en")
    xml.endElement("news:publication")
    published = timezone.localtime(article.published_at).isoformat(timespec="seconds")
    xml.addQuickElement("news:publication_date", published)
    # The XML writer refuses control characters; a headline stored before they were cleaned may still hold one.
    xml.addQuickElement("news:title", without_control_characters(article.headline))
    xml.endElement("news:news")
    xml.endElement("url")


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawl everything public; not the admin, the API or search results (pages made of other pages)."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        f"Disallow: {reverse('search')}",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('news_sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
