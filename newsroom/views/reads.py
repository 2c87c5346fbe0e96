"""Reads the public pages share, composed from the QuerySet methods the models already have.

Every function returns a lazy QuerySet (or a list where the order of evaluation matters) that loads what its
templates touch, so a page's query count stays the same however many rows it lists.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from matches.models import Club, Match
from newsroom.models import Article, Quote
from people.models import Honour, ManagerMove, Person, Tenure

RESULTS_SHOWN = 8
FIXTURES_SHOWN = 8


def public_articles() -> QuerySet[Article]:
    """Published articles, newest first, with what a teaser shows (section, match, authors)."""
    return Article.objects.published().for_listing().newest_first()


def front_page(limit: int) -> list[Article]:
    """The lead story first (the newest marked lead, else the newest story), then the latest ones."""
    return list(public_articles().order_by("-is_lead", "-published_at", "-pk")[:limit])


def public_article(slug: str) -> QuerySet[Article]:
    """A published article with its section, match card, bylines and tags (the head's metadata needs those
    too). Its quotes are read by the page as it renders (`article_quotes`), so a cached page skips them."""
    match_card = "match__season__competition", "match__home", "match__away", "match__venue"
    return (
        Article.objects.published()
        .filter(slug=slug)
        .select_related("section", *match_card)
        .prefetch_related("authors", "tags")
    )


def article_quotes(article: Article) -> QuerySet[Quote]:
    """The quotes an article's page lists, in reading order (lazy: only read when the page renders)."""
    return citable_quotes().filter(source_article=article).order_by("paragraph", "pk")


def citable_quotes() -> QuerySet[Quote]:
    """Quotes the public may read, with the speaker, match and source article their citation names."""
    return Quote.objects.public().with_related().select_related("match__season__competition")


def recent_results(matches: QuerySet[Match], limit: int = RESULTS_SHOWN) -> QuerySet[Match]:
    return matches.played().with_related().order_by("-kickoff", "-pk")[:limit]


def upcoming_fixtures(matches: QuerySet[Match], limit: int = FIXTURES_SHOWN) -> QuerySet[Match]:
    """Matches still to finish, from today on: scheduled ones and any in play."""
    statuses = [Match.Status.SCHEDULED, *Match.IN_PLAY_STATUSES]
    upcoming = matches.filter(status__in=statuses, kickoff_date__gte=timezone.localdate())
    return upcoming.with_related().order_by("kickoff", "pk")[:limit]


def head_coach(club: Club) -> Tenure | None:
    """The club's current coach: a permanent head coach before an interim one ("head_coach" sorts first)."""
    coaches = Tenure.objects.current().coaching().filter(club=club).select_related("person")
    return coaches.order_by("role", "-start_date").first()


def person_page(slug: str) -> QuerySet[Person]:
    """A person with the history their page lists: tenures, honours and manager moves with their updates."""
    return Person.objects.filter(slug=slug).prefetch_related(
        Prefetch("tenures", queryset=Tenure.objects.select_related("club").order_by("-start_date")),
        Prefetch("honours", queryset=Honour.objects.select_related("club")),
        Prefetch("moves", queryset=ManagerMove.objects.with_related()),
    )
