"""Reads over several of people's models at once: the moves tracker, and club vacancies, as they stood on a day."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from matches.models import Club, Competition
from people.models import COACHING_ROLES, ManagerMove, ManagerMoveQuerySet, MoveStatus

# An incoming coach fills a vacancy once announced: from then the club has a successor, if not yet in post.
SUCCESSOR_STATUSES = (MoveStatus.ANNOUNCED, MoveStatus.COMPLETED)


@dataclass(frozen=True)
class Vacancy:
    """`club`'s head coach is leaving or has left (`move`, confirmed on `since`) and no successor is announced."""

    club: Club
    move: ManagerMove
    since: datetime.date


def vacancies(
    day: datetime.date, *, club: Club | None = None, competition: Competition | None = None
) -> list[Vacancy]:
    """Clubs (`club` only, or only clubs in `competition`, when given) whose head coach's departure was
    confirmed by `day` (and not called off) with no successor announced by then, longest-standing first.
    Three queries: departures, their steps, successors."""
    # Q: the annotations of as_of() are not fields the type checker knows.
    departures = (
        ManagerMove.objects.as_of(day)
        .filter(Q(departure_then=True), from_club__isnull=False, role__in=COACHING_ROLES)
        .exclude(Q(status_then=MoveStatus.COLLAPSED))
    )
    if club is not None:
        departures = departures.filter(from_club=club)
    if competition is not None:
        departures = departures.filter(from_club__in=Club.objects.filter(seasons__competition=competition))
    leaving = list(departures.order_by("pk"))
    filled = set(
        ManagerMove.objects.as_of(day)
        .filter(Q(status_then__in=SUCCESSOR_STATUSES), to_club__in=[move.from_club for move in leaving])
        .values_list("to_club_id", flat=True)
    )
    found = {}
    for move in leaving:
        club = move.from_club
        if club is not None and club.pk not in filled and club.pk not in found:
            found[club.pk] = Vacancy(club, move, confirmed_on(move))
    return sorted(found.values(), key=lambda vacancy: vacancy.since)


def confirmed_on(move: ManagerMove) -> datetime.date:
    """The first day the move's departure was confirmed (its steps prefetched as of the day asked)."""
    steps = move.updates.all()
    return next((s.date for s in steps if s.departure_confirmed or s.status in SUCCESSOR_STATUSES), steps[0].date)


# "Recent" on the tracker: a closed move stays listed this long after its last step.
RECENT_DAYS = 365


@dataclass(frozen=True)
class MoveFilters:
    """What the tracker (and the API) narrow moves by; every field optional. `as_of` defaults to today."""

    as_of: datetime.date
    status: str = ""
    club: Club | None = None
    competition: Competition | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    @property
    def shows_recent_only(self) -> bool:
        """Without a status or dates, the tracker lists open moves and those closed in the last year."""
        return not (self.status or self.date_from or self.date_to)


def tracked_moves(filters: MoveFilters) -> ManagerMoveQuerySet:
    """Moves as they stood at the end of `filters.as_of`, filtered, open ones first. One query, and one for
    their steps once read."""
    moves = ManagerMove.objects.as_of(filters.as_of)
    if filters.status:
        moves = moves.filter(Q(status_then=filters.status))
    if filters.club is not None:
        moves = moves.touching([filters.club])
    if filters.competition is not None:
        moves = moves.in_competition(filters.competition)
    if filters.date_from or filters.date_to:
        moves = moves.changed_between(filters.date_from, min(filters.date_to or filters.as_of, filters.as_of))
    if filters.shows_recent_only:
        moves = moves.open_or_changed_since(filters.as_of - datetime.timedelta(days=RECENT_DAYS))
    return moves.open_first()
