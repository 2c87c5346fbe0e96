"""An article's page: the story, and what surrounds a story about a match, in a fixed number of queries.

A preview gets the facts as of kick-off (the table turning live while the match is on), both clubs' form and
meetings, the latest words of both head coaches and the manager moves touching either club. A report gets the
match card; every story gets related ones. The page is cached whole under `page_version`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Mapping
from functools import cached_property
from typing import Any, NamedTuple

from django.db import models

from matches import live
from matches.facts import MatchFacts, match_facts
from matches.models import Match
from newsroom.models import Article, ArticleQuerySet, Quote
from newsroom.page_versions import versions_of
from newsroom.pages.embeds import BodyEmbeds
from newsroom.pages.shows import article_shows
from newsroom.rendering import render_body
from people.models import ManagerMove, Tenure

QUOTES_PER_COACH = 2
RELATED_SHOWN = 4
MEETINGS_SHOWN = 6


def public_article(slug: str) -> ArticleQuerySet:
    """A published article with what its page shows; a draft or a scheduled one is not found."""
    return Article.objects.published().for_page().filter(slug=slug)


def renamed_article(slug: str) -> ArticleQuerySet:
    """The published article that was once at `slug` (one query; a draft's or a scheduled story's old
    address is not found, so a redirect never reveals one)."""
    return Article.objects.published().formerly_at(slug).only("slug")


def unsaved_article(data: Mapping[str, Any]) -> Article:
    """An article built from a posted editing form, for the preview beside it: text cleaned as the model
    stores it, nothing saved."""
    values = {}
    for name in ("headline", "standfirst", "body", "kind"):
        field = Article._meta.get_field(name)
        assert isinstance(field, models.Field)
        values[name] = field.to_python(str(data.get(name, "")))
    if values["kind"] not in Article.Kind.values:
        values["kind"] = Article.Kind.NEWS
    return Article(**values)


def unsaved_context(article: Article) -> dict[str, object]:
    """What the preview beside the editor shows: the story as posted, its embeds rendered as on the page."""
    embeds = BodyEmbeds(article.body)
    return {"article": article, "body_html": render_body(article.body, embeds.html())}


def article_context(article: Article) -> dict[str, object]:
    """What the article template shows. Lazy where it can be, so a cached page reads nothing more."""
    embeds = BodyEmbeds(article.body)
    context: dict[str, object] = {
        "article": article,
        "match": article.match,
        "body_html": lambda: render_body(article.body, embeds.html()),
        "corrections": lambda: shown_corrections(article),
        "quotes": Quote.objects.citable().filter(source_article=article).in_reading_order(),
        "related": Article.objects.related_to(article)[:RELATED_SHOWN],
    }
    polls = False
    if article.match is not None:
        polls = article.match.polls()
        if article.kind == Article.Kind.PREVIEW:
            context["panels"] = PreviewPanels(article.match, article)
    context["polls"] = polls
    context["shows"] = shows = article_shows(article, embeds)
    context["page_version"] = page_version(shows.tags + tuple(timeline for timeline, _ in shows.since), polls)
    return context


class ShownCorrection(NamedTuple):
    published_at: dt.datetime
    html: str


def shown_corrections(article: Article) -> list[ShownCorrection]:
    """The story's corrections, oldest first, their wording as sanitised HTML."""
    return [ShownCorrection(c.published_at, render_body(c.text)) for c in article.shown_corrections()]


def page_version(tags: tuple[str, ...], polls: bool) -> str:
    """What a cached rendering of the page depends on besides the article itself: the versions of everything it
    shows (newsroom.page_versions, from the cache, no query). With the cache down, a value no rendering shares."""
    versions = versions_of(tags)
    key = repr(sorted(versions.items())) if versions is not None else str(time.time_ns())
    return f"{hashlib.blake2b(key.encode(), digest_size=12).hexdigest()}-{'polling' if polls else 'still'}"


def coaches_on(match: Match, day: dt.date) -> list[Tenure]:
    """Both clubs' head coaches on `day`, home side first."""
    tenures = Tenure.objects.on(day).filter(club__in=[match.home_id, match.away_id]).head_coaches_first()
    by_club: dict[int, Tenure] = {}
    for tenure in tenures:
        by_club.setdefault(tenure.club_id, tenure)
    return [by_club[club] for club in (match.home_id, match.away_id) if club in by_club]


def latest_quotes(
    tenures: list[Tenure], before: dt.datetime, besides: Article | None = None
) -> list[tuple[Tenure, list[Quote]]]:
    """Each coach's latest quotes up to the time of the match, from the whole archive but the article `besides`,
    whose own quotes its reader has just read in its text (one query)."""
    speakers = [t.person_id for t in tenures]
    recent = Quote.objects.public().filter(said_on__lte=before.date())
    if besides is not None:
        recent = recent.exclude(source_article=besides)
    found: dict[int, list[Quote]] = {speaker: [] for speaker in speakers}
    latest = recent.latest_of_each(speakers, QUOTES_PER_COACH)
    for quote in latest.citable().newest_first():
        if quote.speaker_id is not None:
            found[quote.speaker_id].append(quote)
    return [(tenure, found[tenure.person_id]) for tenure in tenures]


class PreviewPanels:
    """The panels of a preview, each read only when first used: the page caches their rendering (the football
    ones per version of the match and its season), so a warm page reads none of them. The match must have
    season__competition, home and away loaded."""

    def __init__(self, match: Match, article: Article | None = None) -> None:
        self.match = match
        self.article = article
        self.polls = match.polls()
        self.has_table = match.has_table

    @cached_property
    def version(self) -> str:
        """Moves when this match or any match of its season changes (no database: the cache holds it)."""
        return live.versions(match_id=self.match.pk, season_id=self.match.season_id)

    @cached_property
    def facts(self) -> MatchFacts:
        return match_facts(self.match, live=self.match.is_in_play)

    @cached_property
    def meetings(self) -> list[Match]:
        return self.facts.meetings[:MEETINGS_SHOWN]

    @cached_property
    def coach_quotes(self) -> list[tuple[Tenure, list[Quote]]]:
        return latest_quotes(coaches_on(self.match, self.match.kickoff_date), self.match.kickoff, self.article)

    @cached_property
    def moves(self) -> list[ManagerMove]:
        touching = ManagerMove.objects.touching([self.match.home, self.match.away])
        return list(touching.with_related().order_by("-updated_at"))
