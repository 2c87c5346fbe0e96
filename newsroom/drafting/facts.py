"""What a draft from the data may say, read once as of a moment: the kind of draft, its address, and the facts.

A fixed number of queries, none in a loop; `newsroom.drafting.prose` writes the text from what this returns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.text import slugify

from matches.facts import SideFacts, match_facts, side
from matches.knockout import TieState, tie_state
from matches.models import Club, Match
from matches.standings import compute_table
from matches.tables import SeasonTable
from newsroom.models import Article, Quote
from people.models import ManagerMove, ManagerMoveUpdate, Person, Tenure

MEETINGS_TOLD = 3
# Kick-offs a report's table counts: those before this match's, and this one's own (a final day's alongside it).
ALONGSIDE = dt.timedelta(microseconds=1)


# ---- What kind of draft, and where it is kept -----------------------------------------------------------


def draft_kind(match: Match, now: dt.datetime) -> str:
    """A preview before kick-off, a report once the match is played; anything else is refused, saying why."""
    if match.status == Match.Status.POSTPONED:
        raise ValidationError(f"{match} is postponed: there is nothing to preview or report until it is rearranged.")
    if match.is_in_play:
        raise ValidationError(f"{match} is in play: draft a preview before kick-off or a report after full time.")
    if now < match.kickoff:
        return Article.Kind.PREVIEW
    if match.is_played and match.counted_score is not None:
        return Article.Kind.REPORT
    raise ValidationError(f"{match} has kicked off but has no result yet: a report waits for full time.")


def draft_slug(match: Match, kind: str) -> str:
    """One draft per match and kind: "preview-2025-05-11-fc-barcelona-v-real-madrid-cf"."""
    return slugify(f"{kind} {match.kickoff_date.isoformat()} {match.home.slug} v {match.away.slug}")[:200]


# ---- The facts, read once -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoachWords:
    tenure: Tenure
    quote: Quote | None


@dataclass(frozen=True)
class MoveNews:
    move: ManagerMove
    latest: ManagerMoveUpdate


@dataclass(frozen=True)
class DraftFacts:
    """What a draft may say about `match`, as of `moment`. `home`/`away` are the table as of the moment
    (None for a knockout match); `tie` the knockout tie as of the moment (None for a league match)."""

    match: Match
    kind: str
    moment: dt.datetime
    home: SideFacts | None
    away: SideFacts | None
    leader: Club | None
    meetings: list[Match]
    tie: TieState | None
    other_legs: list[Match]
    coaches: list[CoachWords]
    moves: list[MoveNews]


def draft_facts(*, match: Match, now: dt.datetime) -> DraftFacts:
    """The facts of a draft about `match` (season__competition, home, away and venue loaded) as of `now`.

    A preview counts what had happened by `now`. A report is written as of full time however late it is
    drafted ("the result leaves them" where the table stood straight after, not where it stands today): it
    counts the matches kicked off up to this one's kick-off, this one and any played alongside it included,
    and the quotes and moves up to the match day. Eight queries at most, whatever the season's length.
    Raises ValidationError as `draft_kind`."""
    kind = draft_kind(match, now)
    moment = now if kind == Article.Kind.PREVIEW else min(now, match.kickoff + ALONGSIDE)
    day = timezone.localdate(min(now, match.kickoff))
    home = away = leader = None
    tie, other_legs = None, []
    facts = match_facts(match) if match.has_table else None
    if facts is not None:
        home, away, leader = standing_at(facts.table, match, moment)
    else:
        other_legs = list(Match.objects.other_legs(match).order_by("kickoff", "pk"))
        tie = tie_as_of(match, other_legs, kind)
    meetings = facts.meetings if facts is not None else list(played_meetings(match))
    return DraftFacts(
        match=match,
        kind=kind,
        moment=moment,
        home=home,
        away=away,
        leader=leader,
        meetings=[m for m in meetings if m.kickoff < match.kickoff][:MEETINGS_TOLD],
        tie=tie,
        other_legs=other_legs,
        coaches=coach_words(match, day),
        moves=moves_as_of(match, day),
    )


def standing_at(table: SeasonTable, match: Match, moment: dt.datetime) -> tuple[SideFacts, SideFacts, Club | None]:
    """Both sides in the table re-ranked over the matches kicked off and played before `moment` (no queries:
    `table` holds the season's fixtures), and the leader."""
    counted_results = [f.result() for f in table.fixtures if f.counts(as_of=None, live=False, before=moment)]
    rows = compute_table(counted_results, rules=table.rules, clubs=list(table.clubs), deductions=table.deductions)
    race = {facts.club: facts for facts in replace(table, rows=rows).race()} if rows else {}
    by_slug = {row.club: row for row in rows}
    leader = table.clubs.get(rows[0].club) if rows else None
    return side(match.home, by_slug, race), side(match.away, by_slug, race), leader


def played_meetings(match: Match) -> list[Match]:
    between = Match.objects.between(match.home, match.away).played().filter(kickoff__lt=match.kickoff)
    return list(between.with_related().order_by("-kickoff")[:MEETINGS_TOLD])


def tie_as_of(match: Match, other_legs: list[Match], kind: str) -> TieState:
    """The tie as the draft sees it: a preview the legs before this match, a report those and this one."""
    before = [leg for leg in other_legs if leg.kickoff < match.kickoff]
    return tie_state([*before, match] if kind == Article.Kind.REPORT else before)


def coach_words(match: Match, day: dt.date) -> list[CoachWords]:
    """Both head coaches on `day`, home side first, each with their latest citable words by then."""
    tenures = Tenure.objects.on(day).filter(club__in=[match.home_id, match.away_id]).head_coaches_first()
    by_club: dict[int, Tenure] = {}
    for tenure in tenures:
        by_club.setdefault(tenure.club_id, tenure)
    coaches = [by_club[club] for club in (match.home_id, match.away_id) if club in by_club]
    newest = Quote.objects.public().filter(speaker=OuterRef("pk"), said_on__lte=day).order_by("-said_on", "-pk")
    speakers = Person.objects.filter(pk__in=[t.person_id for t in coaches])
    latest_ids = speakers.annotate(latest=Subquery(newest.values("pk")[:1])).values("latest")
    latest = {quote.speaker_id: quote for quote in Quote.objects.citable().filter(pk__in=latest_ids)}
    return [CoachWords(tenure, latest.get(tenure.person_id)) for tenure in coaches]


def moves_as_of(match: Match, day: dt.date) -> list[MoveNews]:
    """Manager moves touching either club, each at its latest update dated `day` or earlier."""
    news = []
    for move in ManagerMove.objects.touching([match.home, match.away]).with_related():
        updates = [update for update in move.updates.all() if update.date <= day]
        if updates:
            news.append(MoveNews(move, max(updates, key=lambda update: (update.date, update.pk))))
    return sorted(news, key=lambda item: (item.latest.date, item.move.pk), reverse=True)
