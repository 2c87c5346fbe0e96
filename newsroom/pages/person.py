"""A person's page: who they are, their career with a record in charge for every coaching post, honours,
moves, their latest quotes and the stories about them, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString

from matches.display import and_list
from matches.records import RecordInCharge, Span, records_in_charge
from newsroom.charts import points_per_game_svg
from newsroom.models import Article, Quote
from people.models import Person, Tenure

QUOTES_SHOWN = 10
ARTICLES_SHOWN = 10


@dataclass(frozen=True)
class TenureLine:
    """A tenure on a career timeline; a coaching one with its record in charge (None for other roles)."""

    tenure: Tenure
    record: RecordInCharge | None

    @property
    def has_matches(self) -> bool:
        return self.record is not None and self.record.overall.played > 0

    @property
    def coverage(self) -> str:
        """What a reader must know when the data covers only part of the tenure; "" when it covers it all."""
        if self.record is None or not self.has_matches or self.record.covers_whole_span:
            return ""
        return f"Matches on record cover {and_list(self.record.seasons)} only."

    @property
    def chart_id(self) -> str:
        return f"ppg-{self.tenure.pk}"

    @property
    def chart(self) -> SafeString | None:
        """Points per game by season, where there are two seasons or more to compare."""
        if self.record is None or len(self.record.by_season) < 2:
            return None
        bars = [(season.label, season.record.points_per_game or 0.0) for season in self.record.by_season]
        club = self.tenure.club.display_name
        description = "; ".join(f"{label}: {value:.2f} points per game" for label, value in bars)
        return points_per_game_svg(
            bars, title=f"Points per game at {club}, by season", description=description, chart_id=self.chart_id
        )


def career(tenures: list[Tenure]) -> list[TenureLine]:
    """Tenures (clubs loaded), each coaching one with its record: two queries for all of them."""
    spans = {t.pk: Span(t.club_id, t.start_date, t.end_date) for t in tenures if t.is_coaching}
    records = records_in_charge(spans.values())
    return [TenureLine(t, records[spans[t.pk]] if t.pk in spans else None) for t in tenures]


def person_context(person: Person) -> dict[str, object]:
    """`person` read with `Person.objects.with_history()`."""
    tenures = list(person.tenures.all())
    return {
        "person": person,
        "current": [t for t in tenures if t.is_current],
        "career": career(tenures),
        "quotes": Quote.objects.citable().newest_first().filter(speaker=person)[:QUOTES_SHOWN],
        "articles": Article.objects.listed().filter(people=person)[:ARTICLES_SHOWN],
    }
