"""People, clubs and manager moves in the JSON API: `/people/{slug}`, `/clubs/{slug}` and `/moves`.

Mounted by newsroom.api under /api/v1/. Records in charge come from matches.records (the match data while
each tenure ran); moves as they stood on a day from people.selectors, as the tracker at /moves/ shows them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, P, PathEx, Query, Router, Schema
from ninja.errors import HttpError

from matches.api import MAX_COUNT, Code, Count, Day, Id, Refusal, Signed, Slug
from matches.models import Club, Competition
from matches.records import RecordInCharge, Span, records_in_charge
from matches.standings import Record
from matches.tables import league_positions
from people.models import ManagerMove, MoveStatus, Person, Role, Tenure
from people.selectors import MoveFilters, Vacancy, tracked_moves, vacancies

router = Router(tags=["people"])


class NamedOut(Schema):
    name: str
    slug: str


class RunOut(Schema):
    length: Count
    start: dt.date | None
    end: dt.date | None


class RecordOut(Schema):
    played: Count
    won: Count
    drawn: Count
    lost: Count
    goals_for: Count
    goals_against: Count
    points: Count
    points_per_game: float | None = Field(ge=0, le=3, description="3 for a win, 1 for a draw; null before any match.")
    longest_unbeaten_run: RunOut


class SeasonRecordOut(Schema):
    season: str
    record: RecordOut


class CompetitionRecordOut(Schema):
    competition: str = Field(description="Competition code, e.g. de.1")
    name: str
    record: RecordOut
    seasons: list[SeasonRecordOut]


class RecordInChargeOut(Schema):
    seasons_covered: list[str] = Field(description="The seasons of the tenure the match data holds.")
    covers_whole_tenure: bool = Field(description="False when the data covers only part of the tenure.")
    covered_from: dt.date | None
    covered_to: dt.date | None
    overall: RecordOut = Field(description="All competitions on record.")
    competitions: list[CompetitionRecordOut]


class TenureOut(Schema):
    club: NamedOut
    role: str
    start_date: dt.date
    end_date: dt.date | None
    how_ended: str = Field(description="Empty while the tenure runs.")
    contract_until: dt.date | None
    record: RecordInChargeOut | None = Field(description="For a head coach's tenure; null for other roles.")


class StepOut(Schema):
    date: dt.date
    date_is_approximate: bool
    status: MoveStatus
    departure_confirmed: bool
    summary: str
    source_name: str
    source_url: str = Field(description="A web address, or a path on this site (an article).")


class MoveOut(Schema):
    id: Id
    person: NamedOut
    from_club: NamedOut | None
    to_club: NamedOut | None
    role: str
    status: MoveStatus = Field(description="As it stood on the day asked (today by default).")
    changed_on: dt.date = Field(description="The date of the step that gave the status.")
    summary: str
    steps: list[StepOut] = Field(description="The steps known on the day asked, in date order.")


class VacancyOut(Schema):
    club: NamedOut
    departing: NamedOut
    since: dt.date = Field(description="When the departure was confirmed.")


class MovesOut(Schema):
    as_of: dt.date
    count: Count
    moves: list[MoveOut]
    vacancies: list[VacancyOut] = Field(
        description="Head coaches leaving with no successor announced (at the club, or the competition's clubs, "
        "when filtered by them)."
    )


class HonourOut(Schema):
    title: str
    season: str
    club: NamedOut | None


class PersonOut(Schema):
    name: str
    slug: str
    known_as: str
    birth_date: dt.date | None
    nationality: str
    photo: str | None
    url: str
    current: list[TenureOut]
    tenures: list[TenureOut] = Field(description="Latest first.")
    honours: list[HonourOut]
    moves: list[MoveOut]


class SeasonPlaceOut(Schema):
    competition: str
    season: str
    position: Annotated[int, Field(ge=1, le=MAX_COUNT)]
    played: Count
    points: Signed = Field(description="Below zero when deductions outweigh the points won.")


class ClubDetailOut(Schema):
    name: str
    slug: str
    country: str
    is_national_team: bool
    url: str
    head_coach: TenureOut | None
    head_coaches: list[TenureOut] = Field(description="Every head coach on record, latest first, with records.")
    league_seasons: list[SeasonPlaceOut] = Field(description="Its place in each league season on record.")


def named(thing: Person | Club | None) -> NamedOut | None:
    return None if thing is None else NamedOut(name=thing.name, slug=thing.slug)


def record_out(record: Record) -> RecordOut:
    run = record.unbeaten
    return RecordOut(
        played=record.played,
        won=record.won,
        drawn=record.drawn,
        lost=record.lost,
        goals_for=record.goals_for,
        goals_against=record.goals_against,
        points=record.points,
        points_per_game=record.points_per_game,
        longest_unbeaten_run=RunOut(length=run.length, start=run.start, end=run.end),
    )


def in_charge_out(found: RecordInCharge) -> RecordInChargeOut:
    return RecordInChargeOut(
        seasons_covered=list(found.seasons),
        covers_whole_tenure=found.covers_whole_span,
        covered_from=found.covered_from,
        covered_to=found.covered_to,
        overall=record_out(found.overall),
        competitions=[
            CompetitionRecordOut(
                competition=line.competition.code,
                name=line.competition.name,
                record=record_out(line.record),
                seasons=[SeasonRecordOut(season=s.label, record=record_out(s.record)) for s in line.seasons],
            )
            for line in found.competitions
        ],
    )


def tenures_out(tenures: list[Tenure]) -> list[TenureOut]:
    """Tenures (clubs loaded) with a record for each coaching one: two queries for all of them."""
    spans = {t.pk: Span(t.club_id, t.start_date, t.end_date) for t in tenures if t.is_coaching}
    records = records_in_charge(spans.values())
    return [tenure_out(t, records[spans[t.pk]] if t.pk in spans else None) for t in tenures]


def tenure_out(tenure: Tenure, record: RecordInCharge | None) -> TenureOut:
    return TenureOut(
        club=NamedOut(name=tenure.club.name, slug=tenure.club.slug),
        role=tenure.role,
        start_date=tenure.start_date,
        end_date=tenure.end_date,
        how_ended=tenure.how_ended,
        contract_until=tenure.contract_until,
        record=in_charge_out(record) if record is not None else None,
    )


def move_out(move: ManagerMove) -> MoveOut:
    steps = list(move.updates.all())
    return MoveOut(
        id=move.pk,
        person=NamedOut(name=move.person.name, slug=move.person.slug),
        from_club=named(move.from_club),
        to_club=named(move.to_club),
        role=move.role,
        status=MoveStatus(getattr(move, "status_then", move.status)),
        changed_on=getattr(move, "changed_then", None) or (steps[-1].date if steps else move.updated_at.date()),
        summary=move.summary,
        steps=[
            StepOut(
                date=s.date,
                date_is_approximate=s.date_is_approximate,
                status=MoveStatus(s.status),
                departure_confirmed=s.departure_confirmed,
                summary=s.summary,
                source_name=s.source_name,
                source_url=s.source_url,
            )
            for s in steps
        ],
    )


def vacancy_out(vacancy: Vacancy) -> VacancyOut:
    return VacancyOut(
        club=NamedOut(name=vacancy.club.name, slug=vacancy.club.slug),
        departing=NamedOut(name=vacancy.move.person.name, slug=vacancy.move.person.slug),
        since=vacancy.since,
    )


PersonSlug = PathEx[Slug, P(description="As in the person's page address", example="xabi-alonso")]
ClubSlug = PathEx[Slug, P(description="As in the club's page address", example="real-madrid-cf")]


@router.get("/people/{slug}", response={200: PersonOut, 404: Refusal})
def person(request: HttpRequest, slug: PersonSlug) -> PersonOut:
    """A person: who they are, their tenures (each head coach's with the record in charge computed from the
    match data while it ran), honours and manager moves."""
    found = Person.objects.with_history().filter(slug=slug).first()
    if found is None:
        raise HttpError(404, f"No person with the slug {slug!r}.")
    lines = tenures_out(tenures := list(found.tenures.all()))
    return PersonOut(
        name=found.name,
        slug=found.slug,
        known_as=found.known_as,
        birth_date=found.birth_date,
        nationality=found.nationality,
        photo=found.photo.url if found.photo else None,
        url=found.get_absolute_url(),
        current=[line for line, tenure in zip(lines, tenures, strict=True) if tenure.is_current],
        tenures=lines,
        honours=[HonourOut(title=h.title, season=h.season_label, club=named(h.club)) for h in found.honours.all()],
        moves=[move_out(move) for move in found.moves.all()],
    )


class MoveQuery(Schema):
    status: MoveStatus | None = Field(None, description="As the move stood on `as_of`.")
    club: Slug | None = Field(None, description="Club slug, leaving or joining")
    competition: Code | None = Field(None, description="Competition code: moves from or to its clubs")
    as_of: Day | None = Field(None, description="Each move as it stood at the end of that day; today by default.")
    date_from: Day | None = Field(None, description="Moves with a step on or after this date")
    date_to: Day | None = Field(None, description="Moves with a step on or before this date")


@router.get("/moves", response={200: MovesOut, 404: Refusal})
def moves(request: HttpRequest, query: Query[MoveQuery]) -> MovesOut:
    """Manager moves as they stood on `as_of`, open ones first, and the club vacancies that day. Without a
    status or dates: open moves and those closed in the year to `as_of`."""
    if query.date_from and query.date_to and query.date_from > query.date_to:
        raise HttpError(400, "date_from: it is after date_to.")
    club = competition = None
    if query.club:
        club = Club.objects.filter(slug=query.club).first()
        if club is None:
            raise HttpError(404, f"club: there is no club {query.club!r}.")
    if query.competition:
        competition = Competition.objects.filter(code=query.competition).first()
        if competition is None:
            raise HttpError(404, f"competition: there is no competition {query.competition!r}.")
    filters = MoveFilters(
        as_of=query.as_of or timezone.localdate(),
        status=query.status or "",
        club=club,
        competition=competition,
        date_from=query.date_from,
        date_to=query.date_to,
    )
    found = [move_out(move) for move in tracked_moves(filters)]
    gaps = [vacancy_out(v) for v in vacancies(filters.as_of, club=club, competition=competition)]
    return MovesOut(as_of=filters.as_of, count=len(found), moves=found, vacancies=gaps)


@router.get("/clubs/{slug}", response={200: ClubDetailOut, 404: Refusal})
def club(request: HttpRequest, slug: ClubSlug) -> ClubDetailOut:
    """A club or national team: its head coach, every head coach on record with their records in charge,
    and its final (or current) place in each league season on record."""
    found = Club.objects.filter(slug=slug).first()
    if found is None:
        raise HttpError(404, f"No club with the slug {slug!r}.")
    tenures = list(
        Tenure.objects.coaching().filter(club=found).select_related("person", "club").order_by("-start_date")
    )
    lines = tenures_out(tenures)
    # A permanent head coach before an interim one, the latest appointment first.
    current = [n for n, t in enumerate(tenures) if t.is_current]
    coach = min(current, key=lambda n: (tenures[n].role != Role.HEAD_COACH, n), default=None)
    places = [
        SeasonPlaceOut(
            competition=place.season.competition.code,
            season=place.season.label,
            position=place.row.position,
            played=place.row.played,
            points=place.row.points,
        )
        for place in league_positions(found)
    ]
    return ClubDetailOut(
        name=found.name,
        slug=found.slug,
        country=found.country,
        is_national_team=found.is_national_team,
        url=found.get_absolute_url(),
        head_coach=lines[coach] if coach is not None else None,
        head_coaches=lines,
        league_seasons=places,
    )
