"""Writes to people's records that must stay consistent."""

from __future__ import annotations

import datetime

from django.db import transaction

from people.models import ManagerMove, ManagerMoveUpdate, MoveStatus


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
) -> ManagerMoveUpdate:
    """Add a dated, sourced step to a move and bring the move's status up to date."""
    update = ManagerMoveUpdate(
        move=move,
        date=date,
        status=status,
        summary=summary,
        source_name=source_name,
        source_url=source_url,
        date_is_approximate=date_is_approximate,
    )
    update.full_clean()
    update.save()
    sync_move_status(move=move)
    return update


def sync_move_status(*, move: ManagerMove) -> None:
    """A move's status is that of its newest update (by date, then by entry order)."""
    newest = move.updates.order_by("-date", "-pk").first()
    if newest is not None and newest.status != move.status:
        move.status = newest.status
        move.save(update_fields=["status", "updated_at"])
