"""Reads over several of people's models at once: club vacancies as they stood on a day."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from matches.models import Club
from people.models import COACHING_ROLES, ManagerMove, MoveStatus

# An incoming coach fills a vacancy once announced: from then the club has a successor, if not yet in post.
SUCCESSOR_STATUSES = (MoveStatus.ANNOUNCED, MoveStatus.COMPLETED)


@dataclass(frozen=True)
class Vacancy:
    """`club`'s head coach is leaving or has left (`move`, confirmed on `since`) and no successor is announced."""

    club: Club
    move: ManagerMove
    since: datetime.date


def vacancies(day: datetime.date) -> list[Vacancy]:
    """Clubs whose head coach's departure was confirmed by `day` (and not called off) with no successor
    announced by then, longest-standing first. Two queries."""
    # Q: the annotations of as_of() are not fields the type checker knows.
    leaving = list(
        ManagerMove.objects.as_of(day)
        .filter(Q(departure_then=True), from_club__isnull=False, role__in=COACHING_ROLES)
        .exclude(Q(status_then=MoveStatus.COLLAPSED))
        .order_by("pk")
    )
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
