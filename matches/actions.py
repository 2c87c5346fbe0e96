"""Writes that matter for matches: the data desk's live scores, and settling a knockout tie from its legs."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from matches import live
from matches.knockout import season_tie_rules, tie_state
from matches.models import Match, Tie
from matches.standings import TieRules

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
    if match.tie_id is not None:
        settle_legs_of(match, match.tie_id)
    transaction.on_commit(lambda: live.bump(match_id=match.pk, season_id=match.season_id, kickoff=match.kickoff))
    return match


def settle_legs_of(match: Match, tie_id: int) -> None:
    """Settle tie `tie_id`, which `match` (season__competition loaded) is a leg of, again from its legs as they
    stand: the data desk's score of a second leg decides it."""
    tie = Tie.objects.get(pk=tie_id)
    legs = list(Match.objects.filter(tie=tie).select_related("season__competition").order_by("kickoff", "pk"))
    settle_tie(tie=tie, legs=legs, rules=season_tie_rules(match))


def settle_tie(*, tie: Tie, legs: list[Match], rules: TieRules) -> None:
    """Record how many legs the tie has, its aggregate, and the winner and how once it is decided under `rules`
    (matches.knockout): a first leg alone is half a tie, and data that makes no tie settles nothing.
    `legs` are the tie's matches in kick-off order; they are linked to the tie."""
    state = tie_state(legs, rules=rules)
    outcome = state.outcome
    winner_id = int(outcome.winner) if outcome and outcome.winner else None
    decided_by = outcome.decided if outcome and outcome.winner else ""
    # A stage holding the same two clubs more than twice is not a tie the rules can decide; it is stored as two.
    expected = min(state.expected_legs, 2)
    goals: tuple[int | None, int | None] = (None, None)
    if outcome is not None:
        goals = outcome.aggregate if outcome.first == str(tie.club_a_id) else outcome.aggregate[::-1]
    stored = (tie.legs, tie.winner_id, tie.decided_by, tie.club_a_goals, tie.club_b_goals)
    if stored != (expected, winner_id, decided_by, *goals):
        tie.legs, tie.winner_id, tie.decided_by = expected, winner_id, decided_by or ""
        tie.club_a_goals, tie.club_b_goals = goals
        tie.save()
    Match.objects.filter(pk__in=[m.pk for m in legs]).exclude(tie=tie).update(tie=tie)


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
