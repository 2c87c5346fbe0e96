"""Writes to people's records that must stay consistent: tenures, and moves step by step.

Every action validates before it saves and raises `ValidationError` with a message for the desk; a refused
write saves nothing (each action is atomic).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from matches.display import long_date
from matches.models import Club
from people.models import (
    COACHING_ROLES,
    ManagerMove,
    ManagerMoveUpdate,
    MoveStatus,
    Person,
    Role,
    Tenure,
)

# Statuses a move cannot leave: a completed move is history. A collapsed one may come back to life.
FINAL_STATUSES = (MoveStatus.COMPLETED,)


@transaction.atomic
def start_tenure(
    *,
    person: Person,
    club: Club,
    start_date: datetime.date,
    role: Role | str = Role.HEAD_COACH,
    contract_until: datetime.date | None = None,
    notes: str = "",
    end_date: datetime.date | None = None,
    how_ended: Tenure.Ending | str = "",
) -> Tenure:
    """A new tenure, running unless `end_date` is given (a past one, entered after the fact). Refused when the
    person already holds that post on that day, when it ends before it starts, or when it would overlap
    another coach's tenure at the club."""
    if role in COACHING_ROLES:
        refuse_if_in_charge(person=person, club=club, day=start_date)
    tenure = Tenure(
        person=person,
        club=club,
        role=role,
        start_date=start_date,
        contract_until=contract_until,
        notes=notes,
        end_date=end_date,
        how_ended=how_ended,
    )
    tenure.full_clean()
    tenure.save()
    return tenure


@transaction.atomic
def end_tenure(*, tenure: Tenure, end_date: datetime.date, how_ended: Tenure.Ending | str) -> Tenure:
    """Close a running tenure on `end_date` (its last day). Refused for an end before the start, or for a
    tenure already ended."""
    if tenure.end_date is not None:
        raise ValidationError(f"{tenure} already ended on {long_date(tenure.end_date)}.")
    if end_date < tenure.start_date:
        raise ValidationError(
            f"{tenure} cannot end on {long_date(end_date)}, before it started on {long_date(tenure.start_date)}."
        )
    tenure.end_date, tenure.how_ended = end_date, how_ended
    tenure.full_clean()
    tenure.save(update_fields=["end_date", "how_ended"])
    return tenure


def refuse_if_in_charge(*, person: Person, club: Club, day: datetime.date) -> None:
    """A move to (or a new post at) the club a person already manages is a contradiction."""
    if Tenure.objects.coaching().filter(person=person, club=club).on(day).exists():
        raise ValidationError(f"{person} already manages {club} on {long_date(day)}: there is no move to make.")


@transaction.atomic
def create_move(
    *,
    person: Person,
    from_club: Club | None,
    to_club: Club | None,
    role: Role | str = Role.HEAD_COACH,
    summary: str = "",
    on: datetime.date,
) -> ManagerMove:
    """A move first heard of on `on`. Refused when it goes nowhere, or to the club the person manages then."""
    if to_club is not None:
        refuse_if_in_charge(person=person, club=to_club, day=on)
    move = ManagerMove(person=person, from_club=from_club, to_club=to_club, role=role, summary=summary)
    move.full_clean()
    move.save()
    return move


@transaction.atomic
def record_move_update(
    *,
    move: ManagerMove,
    date: datetime.date,
    status: MoveStatus | str,
    summary: str,
    source_name: str,
    source_url: str = "",
    date_is_approximate: bool = False,
    departure_confirmed: bool = False,
    how_old_post_ended: Tenure.Ending | str = Tenure.Ending.MOVED,
) -> ManagerMoveUpdate:
    """Add a move's next dated, sourced step and bring its status up to date.

    A step may be entered late, dated before the last one (the tracker replays steps by date, and the status
    is the newest one's), but no step follows completion, "completed" itself must be the newest step, and no
    step leads to the club the person already manages. "Completed" also ends the
    person's post at the old club the day before (unless it has already ended) and starts the new one on the
    day, in the same transaction: if either is refused, nothing is saved.
    """
    move = ManagerMove.objects.select_for_update().get(pk=move.pk)
    refuse_out_of_order(move=move, date=date, status=status)
    if move.to_club is not None and status != MoveStatus.COLLAPSED:
        refuse_if_in_charge(person=move.person, club=move.to_club, day=date)
    update = ManagerMoveUpdate(
        move=move,
        date=date,
        status=status,
        summary=summary,
        source_name=source_name,
        source_url=source_url,
        date_is_approximate=date_is_approximate,
        departure_confirmed=departure_confirmed or status in (MoveStatus.ANNOUNCED, MoveStatus.COMPLETED),
    )
    update.full_clean()
    update.save()
    if status == MoveStatus.COMPLETED:
        complete_move(move=move, on=date, how_old_post_ended=how_old_post_ended)
    sync_move_status(move=move)
    return update


def refuse_out_of_order(*, move: ManagerMove, date: datetime.date, status: str) -> None:
    if move.status in FINAL_STATUSES:
        raise ValidationError(
            f"This move is {move.get_status_display().lower()}: it cannot go back to "
            f"“{MoveStatus(status).label.lower()}”. Record a new move instead."
        )
    last = move.updates.order_by("-date", "-pk").first()
    if status == MoveStatus.COMPLETED and last is not None and date < last.date:
        raise ValidationError(
            f"The last step is dated {long_date(last.date)}: the move cannot have been completed before it, "
            f"on {long_date(date)}."
        )


def complete_move(*, move: ManagerMove, on: datetime.date, how_old_post_ended: Tenure.Ending | str) -> None:
    """End the old post the day before `on` (when it is still running) and start the new one on `on`."""
    if move.from_club is not None:
        old = Tenure.objects.coaching().filter(person=move.person, club=move.from_club, end_date__isnull=True).first()
        if old is not None:
            end_tenure(tenure=old, end_date=on - datetime.timedelta(days=1), how_ended=how_old_post_ended)
    if move.to_club is not None:
        start_tenure(person=move.person, club=move.to_club, start_date=on, role=move.role)


def sync_move_status(*, move: ManagerMove) -> None:
    """A move's status is that of its newest update (by date, then by entry order)."""
    newest = move.updates.order_by("-date", "-pk").first()
    if newest is not None and newest.status != move.status:
        move.status = newest.status
        move.save(update_fields=["status", "updated_at"])
