"""What surrounds an article about a match: built from the match, in a fixed number of queries.

A preview gets the facts as of kick-off (the table turning live while the match is on), both clubs' form
and meetings, the latest words of both head coaches and the manager moves touching either club. A report
gets the match card and related stories; news gets related stories.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from django.db.models import Q, QuerySet

from matches import live
from matches.facts import MatchFacts, match_facts
from matches.models import Match
from matches.tables import TABLE_STAGES
from newsroom.models import Article, Quote
from newsroom.views.live import polls
from newsroom.views.reads import citable_quotes, public_articles
from people.models import ManagerMove, Tenure

QUOTES_PER_COACH = 2
RELATED_SHOWN = 4
MEETINGS_SHOWN = 6


def related_articles(article: Article) -> QuerySet[Article]:
    """Other stories about the same match or clubs, newest first (one query, plus the authors)."""
    about = Q(clubs__in=article.clubs.all())
    if article.match_id:
        about |= Q(match_id=article.match_id) | Q(clubs__in=[article.match.home_id, article.match.away_id])
    ids = public_articles().filter(about).exclude(pk=article.pk).values("pk")
    return public_articles().filter(pk__in=ids)[:RELATED_SHOWN]


def coaches_on(match: Match, day: dt.date) -> list[Tenure]:
    """Both clubs' head coaches on `day`, home side first."""
    tenures = (
        Tenure.objects.coaching()
        .filter(club__in=[match.home_id, match.away_id], start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .select_related("person", "club")
        .order_by("role", "-start_date")
    )
    by_club: dict[int, Tenure] = {}
    for tenure in tenures:
        by_club.setdefault(tenure.club_id, tenure)
    return [by_club[club] for club in (match.home_id, match.away_id) if club in by_club]


def latest_quotes(tenures: list[Tenure], before: dt.datetime) -> list[tuple[Tenure, list[Quote]]]:
    """Each coach's latest quotes up to the time of the match, from the whole archive (one query)."""
    speakers = [t.person_id for t in tenures]
    recent = citable_quotes().filter(speaker__in=speakers, said_on__lte=before.date()).order_by("-said_on", "-pk")
    found: dict[int, list[Quote]] = {speaker: [] for speaker in speakers}
    for quote in recent[: QUOTES_PER_COACH * len(speakers) * 5]:
        if len(found[quote.speaker_id]) < QUOTES_PER_COACH:
            found[quote.speaker_id].append(quote)
    return [(tenure, found[tenure.person_id]) for tenure in tenures]


def moves_touching(match: Match) -> QuerySet[ManagerMove]:
    return ManagerMove.objects.touching([match.home, match.away]).with_related().order_by("-updated_at")


class PreviewPanels:
    """The panels of a preview, each read only when first used: the page caches their rendering (the football
    ones per version of the match and its season), so a warm page reads none of them. The match must have
    season__competition, home and away loaded."""

    def __init__(self, match: Match) -> None:
        self.match = match
        self.polls = polls(match)
        self.has_table = match.stage in TABLE_STAGES

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
        return latest_quotes(coaches_on(self.match, self.match.kickoff_date), self.match.kickoff)

    @cached_property
    def moves(self) -> list[ManagerMove]:
        return list(moves_touching(self.match))


def preview_panels(match: Match) -> dict[str, object]:
    panels = PreviewPanels(match)
    return {"panels": panels, "polls": panels.polls}


def live_card(match: Match) -> dict[str, object]:
    return {"polls": polls(match)}
