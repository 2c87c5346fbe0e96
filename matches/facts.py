"""The facts of a match as of its kick-off: where each side stood, what is left, what is decided.

What a preview needs beside its text ("Barcelona are four points clear with four matches left"), read in a
fixed number of queries: the season's table (three) and the two clubs' latest meetings with their counts (one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Case, Count, Q, Sum, When, Window

from matches.display import counted, ordinal
from matches.models import Club, Match
from matches.standings import RaceFacts, Row
from matches.tables import SeasonTable, season_table

# The latest meetings read (the most any page shows or a draft tells); how many there are in all is counted in
# the same query, so the read stays the same size however many seasons of results the site holds.
MEETINGS_READ = 12

ZONE_LABELS = {
    "title": "champions",
    "champions_league": "Champions League place secured",
    "europa_league": "Europa League place secured",
    "conference_league": "Conference League place secured",
    "relegation_playoff": "relegation play-off place",
    "relegation": "relegated",
    "round_of_16": "round of 16 place secured",
    "knockout_playoff": "knockout play-off place secured",
    "eliminated": "eliminated",
}


@dataclass(frozen=True)
class SideFacts:
    club: Club
    row: Row | None
    race: RaceFacts | None
    decided: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MatchFacts:
    match: Match
    table: SeasonTable
    home: SideFacts
    away: SideFacts
    meetings_this_season: list[Match]
    meetings: list[Match]
    meetings_count: int = 0
    meetings_this_season_count: int = 0

    @cached_property
    def headline_fact(self) -> str | None:
        """Written once: a preview's page asks for it in several places, and putting numbers into words is not
        free (the words come through the translation machinery)."""
        return race_sentence(self.home, self.away)


def match_facts(match: Match, *, live: bool = False) -> MatchFacts:
    """Facts as of `match`'s kick-off (season__competition, home and away loaded), or as it stands now
    when `live` (matches in play counted at their current score, this one included)."""
    table = season_table(match.season, live=True) if live else season_table(match.season, before=match.kickoff)
    if match.group and match.group in table.groups:
        table = table.for_group(match.group)
    race = {facts.club: facts for facts in table.race()} if table.rows else {}
    rows = {row.club: row for row in table.rows}
    before_this_one = Q(season_id=match.season_id, kickoff__lt=match.kickoff)
    meetings: list[Match] = list(
        Match.objects.between(match.home, match.away)
        .played()
        .exclude(pk=match.pk)
        .with_related()
        .annotate(
            in_all=Window(Count("pk")),
            this_season=Window(Sum(Case(When(before_this_one, then=1), default=0))),
        )
        .order_by("-kickoff", "-pk")[:MEETINGS_READ]
    )
    counts = (meetings[0].in_all, meetings[0].this_season) if meetings else (0, 0)  # type: ignore[attr-defined]
    return MatchFacts(
        match=match,
        table=table,
        home=side(match.home, rows, race),
        away=side(match.away, rows, race),
        meetings_this_season=[m for m in meetings if m.season_id == match.season_id and m.kickoff < match.kickoff],
        meetings=meetings,
        meetings_count=counts[0],
        meetings_this_season_count=counts[1],
    )


def side(club: Club, rows: dict[str, Row], race: dict[str, RaceFacts]) -> SideFacts:
    facts = race.get(club.slug)
    return SideFacts(club, rows.get(club.slug), facts, decided_places(facts) if facts else [])


def decided_places(facts: RaceFacts) -> list[str]:
    """The zones already settled for a club, in words: "champions", "Champions League place secured"..."""
    notes = [ZONE_LABELS.get(zone, zone) for zone, status in facts.zones.items() if status == "certain"]
    if facts.matches_left and facts.zones.get("title") == "impossible":
        notes.append("out of the title race")
    if facts.matches_left and facts.zones.get("relegation") == "impossible":
        notes.append("safe from relegation")
    return notes


def race_sentence(home: SideFacts, away: SideFacts) -> str | None:
    """One sentence on where the two sides stand: "Barcelona are four points clear of Real Madrid with
    four matches left." None before either has a place in the table."""
    if not (home.row and away.row and home.race and away.race):
        return None
    # Sort the checked rows themselves: sorting the sides would lose the check above for the type checker.
    (ahead, ahead_row, ahead_race), (behind, behind_row, _) = sorted(
        [(home.club, home.row, home.race), (away.club, away.row, away.race)], key=lambda side: side[1].position
    )
    gap, left = ahead_row.points - behind_row.points, counted(ahead_race.matches_left, "match", "es")
    a, b = ahead.display_name, behind.display_name
    if gap == 0:
        return f"{a} and {b} are level on {ahead_row.points} points with {left} left."
    points = counted(gap, "point")
    if behind_row.position == ahead_row.position + 1:
        return f"{a} are {points} clear of {b} with {left} left."
    return (
        f"{a} ({ordinal(ahead_row.position)}) are {points} ahead of {b} ({ordinal(behind_row.position)}) "
        f"with {left} left."
    )
