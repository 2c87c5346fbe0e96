"""Writes that matter for matches: the data desk's live scores, and settling a knockout tie from its legs."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from matches import live
from matches.knockout import season_tie_rules, tie_state
from matches.models import Match, Tie
from matches.standings import TieRules

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

    Preconditions, checked before anything is saved: a status of live, half-time or finished, for a match
    that is not postponed or awarded (else a ValidationError on `status`); and a consistent score, by the one
    rule every way a score gets in follows (matches.standings.scores, through Match.clean): goals from 0 to
    99, no extra time or shoot-out in a match that counts in a table or in a first leg, extra time only
    after a level 90 minutes, no level shoot-out, a minute from 0 to 150 (45 or 105 at half-time). The
    half-time score follows (half_time_score). Errors are keyed by the model field at fault (`home_score`,
    `home_et`, `home_pens`, `minute`, `status`).
    """
    check_status(match=match, status=status)
    match = Match.objects.select_for_update().select_related("season__competition").get(pk=match.pk)
    match.home_score, match.away_score, match.status = home, away, status
    match.minute = None if status == Match.Status.FINISHED else minute
    match.home_ht, match.away_ht = half_time_score(match, home=home, away=away, minute=minute, status=status)
    match.home_et, match.away_et = home_et, away_et
    match.home_pens, match.away_pens = home_pens, away_pens
    # This write changes no relation and no field a database constraint checks beyond what Match.clean does;
    # re-validating the relations and constraints would cost a query apiece on every score the data desk sends.
    match.full_clean(exclude={"season", "home", "away", "venue", "tie"}, validate_constraints=False)
    match.save()
    if match.tie_id is not None:
        settle_legs_of(match, match.tie_id)
    transaction.on_commit(lambda: live.bump(match_id=match.pk, season_id=match.season_id, kickoff=match.kickoff))
    return match


def half_time_score(
    match: Match, *, home: int, away: int, minute: int | None, status: str
) -> tuple[int | None, int | None]:
    """The half-time score once this score is recorded: the score itself at the first half-time, none while the
    first half is played (a half-time score kept from before would contradict the score as it stands),
    otherwise the one stored."""
    if status == Match.Status.HALF_TIME and minute in (None, 45):
        return home, away
    if status == Match.Status.LIVE and minute is not None and minute < 45:
        return None, None
    return match.home_ht, match.away_ht


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


def check_status(*, match: Match, status: str) -> None:
    if match.status not in SCORABLE:
        raise ValidationError({"status": f"A {match.get_status_display().lower()} match takes no live score."})
    if status not in RECORDABLE_STATUSES:
        raise ValidationError({"status": "Status must be live, half_time or finished."})
