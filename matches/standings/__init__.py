"""Football rules as pure functions over plain values: tables and tie-breaks, knockout ties, title-race
facts and runs of results. No Django, no ORM: views and admin build `Result`s and call these."""

from .progress import leaders, points_by_matchday
from .race import ZONES, RaceFacts, Zone, ZoneStatus, race_facts, zones_for
from .results import Outcome, Result, Venue
from .rules import (
    BUNDESLIGA,
    LA_LIGA,
    PREMIER_LEAGUE,
    RULES_BY_CODE,
    SERIE_A,
    UCL_LEAGUE_PHASE,
    Criterion,
    RuleSet,
    rules_for_code,
)
from .streaks import Run, Runs, current_runs, longest_runs
from .table import Row, compute_table
from .ties import Decision, Leg, TieOutcome, decide_tie

__all__ = [
    "BUNDESLIGA",
    "LA_LIGA",
    "PREMIER_LEAGUE",
    "RULES_BY_CODE",
    "SERIE_A",
    "UCL_LEAGUE_PHASE",
    "ZONES",
    "Criterion",
    "Decision",
    "Leg",
    "Outcome",
    "RaceFacts",
    "Result",
    "Row",
    "RuleSet",
    "Run",
    "Runs",
    "TieOutcome",
    "Venue",
    "Zone",
    "ZoneStatus",
    "compute_table",
    "current_runs",
    "decide_tie",
    "leaders",
    "longest_runs",
    "points_by_matchday",
    "race_facts",
    "rules_for_code",
    "zones_for",
]
