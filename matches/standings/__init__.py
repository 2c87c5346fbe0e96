"""Football rules as pure functions over plain values: tables and tie-breaks, knockout ties, title-race
facts, runs of results, records in charge, and when a match is polled. No Django, no ORM: the rest of the
code builds plain values (`Result`, `Leg`) and calls these."""

from .polling import polling_changes_at, polls
from .progress import leaders, points_by_matchday
from .race import ZONES, RaceFacts, Zone, ZoneStatus, race_facts, zones_for
from .records import Record, combined, record, record_score
from .results import Outcome, Result, Score, Venue, counted_score
from .rules import (
    BUNDESLIGA,
    CURTAILED,
    EDITIONS,
    LA_LIGA,
    PREMIER_LEAGUE,
    RULE_SETS,
    SERIE_A,
    UCL_LEAGUE_PHASE,
    UNKNOWN,
    Criterion,
    Curtailment,
    Edition,
    RuleSet,
    TieRules,
    rule_set,
    rules_for,
    season_rules,
    tie_rules,
)
from .streaks import Run, Runs, longest_runs
from .table import Row, compute_table
from .ties import Decision, Leg, TieOutcome, decide_tie, legs_expected

__all__ = [
    "BUNDESLIGA",
    "CURTAILED",
    "EDITIONS",
    "LA_LIGA",
    "PREMIER_LEAGUE",
    "RULE_SETS",
    "SERIE_A",
    "UCL_LEAGUE_PHASE",
    "UNKNOWN",
    "ZONES",
    "Criterion",
    "Curtailment",
    "Decision",
    "Edition",
    "Leg",
    "Outcome",
    "RaceFacts",
    "Record",
    "Result",
    "Row",
    "RuleSet",
    "Run",
    "Runs",
    "Score",
    "TieOutcome",
    "TieRules",
    "Venue",
    "Zone",
    "ZoneStatus",
    "combined",
    "compute_table",
    "counted_score",
    "decide_tie",
    "leaders",
    "legs_expected",
    "longest_runs",
    "points_by_matchday",
    "polling_changes_at",
    "polls",
    "race_facts",
    "record",
    "record_score",
    "rule_set",
    "rules_for",
    "season_rules",
    "tie_rules",
    "zones_for",
]
