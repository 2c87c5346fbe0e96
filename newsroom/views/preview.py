"""What surrounds an article about a match: built from the match, in a fixed number of queries.

A preview gets the facts as of kick-off (the table turning live while the match is on), both clubs' form
and meetings, the latest words of both head coaches and the manager moves touching either club. A report
gets the match card and related stories; news gets related stories.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from matches.facts import match_facts
from matches.models import Match
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


def preview_panels(match: Match) -> dict[str, object]:
    """The panels of a preview; the match must have season__competition, home and away loaded."""
    facts = match_facts(match, live=match.is_in_play)
    coaches = coaches_on(match, match.kickoff_date)
    return {
        "facts": facts,
        "meetings": facts.meetings[:MEETINGS_SHOWN],
        "coach_quotes": latest_quotes(coaches, match.kickoff),
        "moves": moves_touching(match),
        "polls": polls(match),
        "has_table": match.stage in ("league", "league_phase"),
    }


def live_card(match: Match) -> dict[str, object]:
    return {"polls": polls(match)}
