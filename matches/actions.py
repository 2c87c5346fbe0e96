"""Writes that matter for matches: the data desk's live scores."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from matches import live
from matches.models import Match

MAX_MINUTE = 150
SCORABLE = {Match.Status.SCHEDULED, *Match.IN_PLAY_STATUSES, Match.Status.FINISHED}
RECORDABLE_STATUSES = {*Match.IN_PLAY_STATUSES, Match.Status.FINISHED}


@transaction.atomic
def record_score(
    *,
    match: Match,
    home: int,
    away: int,
    minute: int | None = None,
    status: str = Match.Status.LIVE,
    home_et: int | None = None,
    away_et: int | None = None,
    home_pens: int | None = None,
    away_pens: int | None = None,
) -> Match:
    """Set a match's score as it stands (after 90 minutes once finished) and invalidate its live pages.

    Preconditions, checked before anything is saved: scores non-negative, a minute from 0 to 150 for a
    match in play, a status of live, half-time or finished, and a match that is not postponed or awarded.
    Extra time and penalties come in pairs. Raises ValidationError saying what is wrong.
    """
    check_score(match=match, home=home, away=away, minute=minute, status=status)
    match = Match.objects.select_for_update().select_related("season__competition").get(pk=match.pk)
    match.home_score, match.away_score, match.status = home, away, status
    match.minute = None if status == Match.Status.FINISHED else minute
    match.home_et, match.away_et = pair("extra time", home_et, away_et)
    match.home_pens, match.away_pens = pair("penalties", home_pens, away_pens)
    # check_score and pair() have checked what this write can change; its relations and the database's
    # constraints are untouched by it (and still enforced there), and re-validating them would cost a query
    # apiece on every score the data desk sends.
    match.full_clean(exclude={"season", "home", "away", "venue", "tie"}, validate_constraints=False)
    match.save()
    transaction.on_commit(lambda: live.bump(match_id=match.pk, season_id=match.season_id, kickoff=match.kickoff))
    return match


def check_score(*, match: Match, home: int, away: int, minute: int | None, status: str) -> None:
    errors = {}
    if match.status not in SCORABLE:
        errors["status"] = f"A {match.get_status_display().lower()} match takes no live score."
    elif status not in RECORDABLE_STATUSES:
        errors["status"] = "Status must be live, half_time or finished."
    if min(home, away) < 0:
        errors["score"] = "Scores cannot be negative."
    if minute is not None and not 0 <= minute <= MAX_MINUTE:
        errors["minute"] = f"The minute must be between 0 and {MAX_MINUTE}."
    if errors:
        raise ValidationError(errors)


def pair(what: str, home: int | None, away: int | None) -> tuple[int | None, int | None]:
    if (home is None) != (away is None):
        raise ValidationError({what: f"Give both sides' {what} score, or neither."})
    if home is not None and away is not None and min(home, away) < 0:
        raise ValidationError({what: f"A {what} score cannot be negative."})
    return home, away
