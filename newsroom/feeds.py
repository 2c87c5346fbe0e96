"""RSS and Atom feeds of published articles: the latest, and per competition and per club.

Each feed costs the same few queries however many stories it lists: the competition or club (for those), the
stories, their authors and their tags. Drafts and scheduled stories never appear (`Article.objects.listed`).
"""

from __future__ import annotations

import datetime
from typing import Any, Protocol

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.html import escape

from matches.display import and_list
from matches.models import Club, Competition
from newsroom.models import Article, ArticleQuerySet, without_control_characters

FEED_LENGTH = 30
SITE_NAME = "Pressbox"


def feed_articles(articles: ArticleQuerySet) -> ArticleQuerySet:
    return articles.prefetch_related("tags")[:FEED_LENGTH]


def xml_safe(value: object) -> object:
    """A string, or each string in a list, without what XML cannot carry; any other value as it is."""
    if isinstance(value, str):
        return without_control_characters(value)
    if isinstance(value, list | tuple):
        return [xml_safe(each) for each in value]
    return value


class ArticleFeed(Feed):
    """What every story feed says about a story; subclasses choose the stories and name the feed."""

    feed_type: type[SyndicationFeed] = Rss201rev2Feed
    author_name = SITE_NAME

    def get_feed(self, obj: object, request: HttpRequest) -> SyndicationFeed:
        # Text is cleaned as it is saved, but a row stored before that (or a club's name) must not make the feed
        # answer 500 for every reader: the XML writer refuses control characters, so they go here, once for all.
        feed = super().get_feed(obj, request)
        feed.feed = {key: xml_safe(value) for key, value in feed.feed.items()}
        feed.items = [{key: xml_safe(value) for key, value in item.items()} for item in feed.items]
        return feed

    def as_title(self, text: str) -> str:
        """RSS readers treat a title (the channel's, its description, an item's) as HTML: text is escaped for
        them, so a club named "<script>" or "A & B" reads as itself. Atom's titles and subtitle are plain text,
        which the XML writer escapes."""
        return text if self.feed_type is Atom1Feed else escape(text)

    def item_title(self, article: Article) -> str:
        return self.as_title(article.headline)

    def item_description(self, article: Article) -> str:
        # Both an RSS description and Django's Atom summary (type="html") are HTML: the standfirst is text.
        return escape(article.standfirst)

    def item_author_name(self, article: Article) -> str | None:
        return and_list(article.authors.all()) or None

    def item_pubdate(self, article: Article) -> datetime.datetime | None:
        return article.published_at

    def item_updateddate(self, article: Article) -> datetime.datetime | None:
        # Atom requires <updated>: a story never corrected was last updated when it was published.
        return article.content_updated_at or article.published_at

    def item_categories(self, article: Article) -> list[str]:
        return [tag.name for tag in article.tags.all()]


class LatestArticlesFeed(ArticleFeed):
    title = f"{SITE_NAME}: latest stories"
    description = "Football news, previews, match reports and interviews from Pressbox."

    def link(self) -> str:
        return reverse("home")

    def items(self) -> ArticleQuerySet:
        return feed_articles(Article.objects.listed())


class CompetitionFeed(ArticleFeed):
    def get_object(self, request: HttpRequest, code: str) -> Competition:
        return get_object_or_404(Competition, code=code)

    def title(self, competition: Competition) -> str:
        return self.as_title(f"{SITE_NAME}: {competition.name}")

    def description(self, competition: Competition) -> str:
        return self.as_title(f"The latest {competition.name} stories from Pressbox.")

    def link(self, competition: Competition) -> str:
        return reverse("competition", kwargs={"code": competition.code})

    def items(self, competition: Competition) -> ArticleQuerySet:
        about = Q(competition=competition) | Q(match__season__competition=competition)
        return feed_articles(Article.objects.listed().filter(about))


class ClubFeed(ArticleFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Club:
        return get_object_or_404(Club, slug=slug)

    def title(self, club: Club) -> str:
        return self.as_title(f"{SITE_NAME}: {club.name}")

    def description(self, club: Club) -> str:
        return self.as_title(f"The latest stories about {club.name} from Pressbox.")

    def link(self, club: Club) -> str:
        return club.get_absolute_url()

    def items(self, club: Club) -> ArticleQuerySet:
        return feed_articles(Article.objects.listed().about_club(club))


class FeedAttributes(Protocol):
    """What AtomMixin needs of the Feed it is mixed into: Feed's own look-up of an attribute or method by name,
    which the stubs leave out as private."""

    def _get_dynamic_attr(self, attname: str, obj: object, default: object = None) -> Any: ...


class AtomMixin:
    feed_type: type[SyndicationFeed] = Atom1Feed

    def subtitle(self: FeedAttributes, obj: object = None) -> str:
        return self._get_dynamic_attr("description", obj)


class LatestArticlesAtomFeed(AtomMixin, LatestArticlesFeed):
    pass


class CompetitionAtomFeed(AtomMixin, CompetitionFeed):
    pass


class ClubAtomFeed(AtomMixin, ClubFeed):
    pass
