"""A season's results and fixtures one matchday at a time, listed from the fixtures its table already read.

The table reads every league match once as plain values (`matches.tables.Fixture`); listing a round from those
values rather than from Match rows keeps the season page to a single read of its matches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.urls import reverse

from matches.display import kickoff_iso_text, kickoff_text, matchday_title
from matches.models import Club, Competition, Match
from matches.tables import Fixture


@dataclass(frozen=True)
class ListedFixture:
    """A fixture as a list shows it: clubs, the score that counts, and kick-off in the competition's time."""

    fixture: Fixture
    home: Club
    away: Club
    kickoff: dt.datetime

    @property
    def url(self) -> str:
        return reverse("match", kwargs={"pk": self.fixture.match_id})

    @property
    def in_play(self) -> bool:
        return self.fixture.status in Match.IN_PLAY_STATUSES

    @property
    def day(self) -> str:
        return kickoff_text(self.kickoff, time_known=self.fixture.time_known, style="day")

    @property
    def time(self) -> str:
        return kickoff_text(self.kickoff, time_known=self.fixture.time_known, style="time")

    @property
    def iso(self) -> str:
        return kickoff_iso_text(self.kickoff, time_known=self.fixture.time_known)


@dataclass(frozen=True)
class Round:
    number: int
    title: str
    fixtures: list[ListedFixture]

    @property
    def title_pieces(self) -> list[str]:
        """The title in pieces a narrow heading may break between, never inside: "League phase ·", "Matchday 3"
        (a line starting with the dot reads as a stray mark)."""
        *stages, matchday = self.title.split(" · ")
        return [f"{stage} ·" for stage in stages] + [matchday]


@dataclass(frozen=True)
class RoundPager:
    """The round shown (`rounds` holds one), or, before a ball is kicked, every round: the fixture list is
    then the page's news. `matchdays` are all the season's, for the links to the others."""

    rounds: list[Round]
    matchdays: list[int]
    current: int | None

    @property
    def previous(self) -> int | None:
        earlier = [n for n in self.matchdays if self.current is not None and n < self.current]
        return earlier[-1] if earlier else None

    @property
    def next(self) -> int | None:
        later = [n for n in self.matchdays if self.current is not None and n > self.current]
        return later[0] if later else None


def matchdays_of(fixtures: Iterable[Fixture]) -> list[int]:
    return sorted({f.matchday for f in fixtures if f.matchday is not None})


def default_round(fixtures: Sequence[Fixture], *, matchday: int | None, as_of: dt.date | None) -> int | None:
    """The round a page opens on: the table's matchday; else the latest one with a match played (or in play)
    by `as_of`; else, for a date before the season, the first. None before anything is played at all."""
    if matchday is not None:
        return matchday
    started = Match.PLAYED_STATUSES + Match.IN_PLAY_STATUSES
    played = [
        f.matchday
        for f in fixtures
        if f.matchday is not None and f.status in started and (as_of is None or f.date <= as_of)
    ]
    if played:
        return max(played)
    matchdays = matchdays_of(fixtures)
    return matchdays[0] if as_of is not None and matchdays else None


def round_pager(
    fixtures: Sequence[Fixture], clubs: Mapping[str, Club], competition: Competition, current: int | None
) -> RoundPager:
    """`current` must be one of the fixtures' matchdays, or None for every round."""
    zone = ZoneInfo(competition.timezone)
    shown = [f for f in fixtures if f.matchday is not None and current in (None, f.matchday)]
    by_matchday: dict[int, list[ListedFixture]] = {}
    for fixture in sorted(shown, key=lambda f: (f.matchday, f.kickoff, f.match_id)):
        assert fixture.matchday is not None  # `shown` holds only fixtures with a matchday
        listed = ListedFixture(fixture, clubs[fixture.home], clubs[fixture.away], fixture.kickoff.astimezone(zone))
        by_matchday.setdefault(fixture.matchday, []).append(listed)
    group_stage = any(fixture.group for fixture in fixtures)
    rounds = [
        Round(n, matchday_title(competition, n, group_stage=group_stage), listed) for n, listed in by_matchday.items()
    ]
    return RoundPager(rounds, matchdays_of(fixtures), current)
