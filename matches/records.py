"""Records in charge: a club's results over spans of dates (a coach's tenures), from the match data.

A football rule, so it lives here and not with the people: the caller passes plain spans (club, first day,
last day) and gets each span's record by competition and by season, counted by the pure rules in
`matches.standings.records` with each competition's own rule set. Two queries for any number of spans.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from matches.models import Competition, Match
from matches.standings import Record, Result, combined, record, record_score
from matches.standings.records import season_of, seasons_between
from matches.standings.results import score_of

_FIELDS = (
    "pk",
    "home_id",
    "away_id",
    "kickoff_date",
    "status",
    "season__label",
    "season__competition_id",
    "home_score",
    "away_score",
    "home_et",
    "away_et",
    "home_awarded",
    "away_awarded",
)


@dataclass(frozen=True)
class Span:
    """A club's matches from `start` to `end` inclusive (`end` None: still running)."""

    club_id: int
    start: dt.date
    end: dt.date | None = None


@dataclass(frozen=True)
class SeasonRecord:
    label: str
    record: Record


@dataclass(frozen=True)
class CompetitionRecord:
    competition: Competition
    record: Record
    seasons: tuple[SeasonRecord, ...]


@dataclass(frozen=True)
class RecordInCharge:
    """A span's record: by competition (each with its seasons), by season (all competitions), and overall.

    `data_from` and `data_to` are the first and last days of the club's matches on record (any status), and
    `data_seasons` the seasons they fall in, so a reader can be told when the data covers only part of the
    span; `seasons` lists the seasons of the span with matches on record.
    """

    span: Span
    competitions: tuple[CompetitionRecord, ...]
    by_season: tuple[SeasonRecord, ...]
    overall: Record
    data_from: dt.date | None
    data_to: dt.date | None
    data_seasons: frozenset[str] = frozenset()

    @property
    def seasons(self) -> tuple[str, ...]:
        return tuple(season.label for season in self.by_season)

    @property
    def covers_whole_span(self) -> bool:
        """Whether the club's data holds every season the span touches (to today's for a running span): a
        tenure from November to May is covered by that season's data, one from October 2022 by 2023-24's
        alone is not. Compared by season, since no match falls between one season's end and the next's start."""
        spanned = seasons_between(self.span.start, self.span.end or timezone.localdate())
        return bool(self.data_seasons) and set(spanned) <= self.data_seasons

    @property
    def covered_from(self) -> dt.date | None:
        """The first day of the span the data covers; None when it covers none of it."""
        return self._covered[0]

    @property
    def covered_to(self) -> dt.date | None:
        """The last day of the span the data covers; None when it covers none of it."""
        return self._covered[1]

    @property
    def _covered(self) -> tuple[dt.date | None, dt.date | None]:
        if self.data_from is None or self.data_to is None:
            return None, None
        first = max(self.span.start, self.data_from)
        last = min(self.span.end, self.data_to) if self.span.end else self.data_to
        return (first, last) if first <= last else (None, None)


@dataclass(frozen=True)
class _Played:
    competition_id: int
    season: str
    result: Result


def records_in_charge(spans: Iterable[Span]) -> dict[Span, RecordInCharge]:
    """Each span's record. Two queries whatever the number of spans and matches: the clubs' matches, and
    their competitions."""
    spans = list(dict.fromkeys(spans))
    if not spans:
        return {}
    club_ids = {span.club_id for span in spans}
    rows = list(
        Match.objects.filter(Q(home_id__in=club_ids) | Q(away_id__in=club_ids))
        .order_by("kickoff", "pk")
        .values_list(*_FIELDS)
    )
    competitions = Competition.objects.in_bulk({row[6] for row in rows})
    played, dates = _read(rows)
    return {span: _record_of(span, played, dates, competitions) for span in spans}


def _read(rows: Sequence[tuple]) -> tuple[list[_Played], dict[str, list[dt.date]]]:
    played: list[_Played] = []
    dates: dict[str, list[dt.date]] = defaultdict(list)
    for pk, home, away, day, status, season, competition, hs, as_, het, aet, haw, aaw in rows:
        dates[str(home)].append(day)
        dates[str(away)].append(day)
        awarded = score_of(haw, aaw) if status == Match.Status.AWARDED else None
        score = record_score(ft=score_of(hs, as_), et=score_of(het, aet), awarded=awarded)
        if status in Match.PLAYED_STATUSES and score is not None:
            result = Result(pk, str(home), str(away), score[0], score[1], day)
            played.append(_Played(competition, season, result))
    return played, dates


def _record_of(
    span: Span, played: Sequence[_Played], dates: dict[str, list[dt.date]], competitions: dict[int, Competition]
) -> RecordInCharge:
    club = str(span.club_id)
    inside = [
        p
        for p in played
        if p.result.involves(club) and span.start <= p.result.date and (span.end is None or p.result.date <= span.end)
    ]
    by_competition: dict[int, list[_Played]] = defaultdict(list)
    by_season: dict[str, list[_Played]] = defaultdict(list)
    for p in inside:
        by_competition[p.competition_id].append(p)
        by_season[p.season].append(p)
    lines = [_competition_record(competitions[cid], ps, club) for cid, ps in by_competition.items()]
    lines.sort(key=lambda line: (line.competition.kind != Competition.Kind.LEAGUE, -line.record.played))
    seasons = tuple(
        SeasonRecord(label, _all_competitions(ps, club, competitions)) for label, ps in sorted(by_season.items())
    )
    club_days = dates.get(club, [])
    return RecordInCharge(
        span=span,
        competitions=tuple(lines),
        by_season=seasons,
        overall=_all_competitions(inside, club, competitions),
        data_from=min(club_days, default=None),
        data_to=max(club_days, default=None),
        data_seasons=frozenset(season_of(day) for day in club_days),
    )


def _competition_record(competition: Competition, played: Sequence[_Played], club: str) -> CompetitionRecord:
    rules = competition.rules
    seasons: dict[str, list[Result]] = defaultdict(list)
    for p in played:
        seasons[p.season].append(p.result)
    return CompetitionRecord(
        competition=competition,
        record=record([p.result for p in played], club, rules=rules),
        seasons=tuple(SeasonRecord(label, record(rs, club, rules=rules)) for label, rs in sorted(seasons.items())),
    )


def _all_competitions(played: Sequence[_Played], club: str, competitions: dict[int, Competition]) -> Record:
    groups: dict[int, list[Result]] = defaultdict(list)
    for p in played:
        groups[p.competition_id].append(p.result)
    parts = [record(results, club, rules=competitions[cid].rules) for cid, results in groups.items()]
    return combined(parts, [p.result for p in played], club)
