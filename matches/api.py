"""The football part of the JSON API: standings and matches. Mounted by newsroom.api under /api/v1/."""

import datetime as dt
import hmac
import re
from typing import Annotated, Any, Literal, cast

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, FilterSchema, P, PathEx, Query, Router, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as BodyInvalid
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import HttpBearer
from pydantic import BeforeValidator, StringConstraints

from matches.actions import record_score
from matches.live import versions
from matches.models import Club, Competition, Match, MatchQuerySet, Season
from matches.standings import Row
from matches.tables import SeasonTable, season_table

router = Router(tags=["football"])

# Every number the API takes or gives is bounded in its OpenAPI document, by what the database can store: ids are
# BIGINT (BigAutoField), scores and minutes SMALLINT, counts and sums of them well inside INTEGER.
MAX_ID = 2**63 - 1
MAX_SMALL = 2**15 - 1
MAX_COUNT = 2**31 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Small = Annotated[int, Field(ge=0, le=MAX_SMALL)]
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Signed = Annotated[int, Field(ge=-MAX_COUNT, le=MAX_COUNT, description="Below zero too.")]
# How a competition code, a season label and a slug are written: anything else is a 400 naming the parameter.
Code = Annotated[str, StringConstraints(pattern=r"^[a-zA-Z0-9_.-]+$", max_length=20)]
SeasonLabel = Annotated[str, StringConstraints(pattern=r"^[a-zA-Z0-9_/-]+$", max_length=20)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-zA-Z0-9_-]+$", max_length=120)]

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_day(value: object) -> object:
    """A date only as the OpenAPI `date` format writes it, YYYY-MM-DD: pydantic alone also takes a count of
    seconds since 1970 (`as_of=0`) and other ISO 8601 forms, which the document does not promise."""
    if isinstance(value, dt.date) or (isinstance(value, str) and ISO_DAY.fullmatch(value)):
        return value
    raise ValueError("Give a date as YYYY-MM-DD.")


Day = Annotated[dt.date, BeforeValidator(iso_day)]


class Refusal(Schema):
    """The body of every refusal the API sends, whatever its status."""

    detail: str = Field(description="What is wrong, in a sentence.")


class ClubOut(Schema):
    name: str
    slug: str


class StandingRowOut(Schema):
    position: Annotated[int, Field(ge=1, le=MAX_COUNT)]
    club: ClubOut
    played: Count
    won: Count
    drawn: Count
    lost: Count
    goals_for: Count
    goals_against: Count
    goal_difference: Signed
    points: Signed = Field(description="Below zero when deductions outweigh the points won.")
    form: str = Field(description="Up to the last five results, oldest first and newest last: W, D or L.")
    decided_by: str | None = Field(
        description="The criterion that placed the club against the clubs around it: points (or "
        "points_per_game, in a season cut short and ranked on it), head_to_head_points, "
        "head_to_head_goal_difference, head_to_head_goals_for, head_to_head_away_goals, goal_difference, "
        "goals_for, away_goals_for, wins, away_wins, or name (still level on every criterion the data holds: "
        "the regulations' last resorts, such as fair play, a play-off, disciplinary points or the club "
        "coefficient, are not in it); null when alone."
    )


class DeductionOut(Schema):
    club: ClubOut
    points: Annotated[int, Field(ge=1, le=MAX_SMALL)]
    reason: str
    decided_on: dt.date | None = Field(description="Null when counted from the start of the season.")


class GroupStandingsOut(Schema):
    group: str = Field(description="The group's letter: A.")
    rules: str = Field(description="The edition of the regulations whose tie-breaks order the group.")
    rows: list[StandingRowOut]


class StandingsOut(Schema):
    competition: str
    season: str
    as_of: dt.date | None
    live: bool
    group: str | None = Field(None, description="The group asked for with `group`; null without it.")
    rules: str = Field(description="The edition of the competition's regulations the table is ranked by.")
    rules_known: bool = Field(
        description="False when the official tie-breaks are not known: points, goal difference, goals scored."
    )
    ranked_by: Literal["points", "points_per_game"] = Field(
        description="points_per_game for a season cut short that its competition decided on points per game."
    )
    notes: list[str] = Field(
        description="What a reader must know about how the table is ranked: a season cut short, a split or "
        "play-offs not modelled, tie-breaks not known."
    )
    deductions: list[DeductionOut] = Field(description="Points taken off clubs so far, oldest first.")
    rows: list[StandingRowOut] = Field(
        description="The table; in a group-stage season, the group asked for, or empty without `group` "
        "(the groups are then in `groups`)."
    )
    groups: list[GroupStandingsOut] = Field(
        default_factory=list,
        description="In a group-stage season asked without `group`: every group's table, A first. Empty otherwise.",
    )


class ScoreOut(Schema):
    home: Small
    away: Small


class TieOut(Schema):
    aggregate: ScoreOut | None = Field(
        description="Goals over the legs played so far, extra time included and penalties never, this match's "
        "home side first; null before a leg is played."
    )
    winner: ClubOut | None = Field(description="Who went through; null while the tie is undecided.")
    decided_by: Literal["aggregate", "away_goals", "extra_time", "penalties", "awarded"] | None = Field(
        description="How the tie was decided under its season's rules (away goals until 2020-21 in UEFA's "
        "competitions, those scored in extra time included); null while undecided."
    )


class MatchOut(Schema):
    id: Id
    competition: str = Field(alias="season.competition.code")
    season: str = Field(alias="season.label")
    round: str = Field(alias="round_name")
    stage: str
    matchday: Small | None
    leg: Small | None
    kickoff: dt.datetime
    kickoff_time_known: bool
    status: str
    minute: Small | None
    home: ClubOut
    away: ClubOut
    score: ScoreOut | None = Field(description="After 90 minutes, or now while in play.")
    half_time: ScoreOut | None
    extra_time: ScoreOut | None = Field(description="After extra time, the 90 minutes included.")
    penalties: ScoreOut | None
    awarded: ScoreOut | None = Field(description="The score an awarded match counts with.")
    venue: str | None = Field(alias="venue.name", default=None)
    tie: TieOut | None = Field(description="For a knockout match, the tie it is part of; null otherwise.")
    url: str

    @staticmethod
    def resolve_tie(match: Match) -> TieOut | None:
        tie = match.tie
        if tie is None:
            return None
        goals = {tie.club_a_id: tie.club_a_goals, tie.club_b_id: tie.club_b_goals}
        home, away = goals.get(match.home_id), goals.get(match.away_id)
        winner = ClubOut(name=tie.winner.name, slug=tie.winner.slug) if tie.winner else None
        decided_by = cast(Any, tie.decided_by or None) if tie.winner else None
        return TieOut(aggregate=pair(home, away), winner=winner, decided_by=decided_by)

    @staticmethod
    def resolve_score(match: Match) -> ScoreOut | None:
        return pair(match.home_score, match.away_score)

    @staticmethod
    def resolve_half_time(match: Match) -> ScoreOut | None:
        return pair(match.home_ht, match.away_ht)

    @staticmethod
    def resolve_extra_time(match: Match) -> ScoreOut | None:
        return pair(match.home_et, match.away_et)

    @staticmethod
    def resolve_penalties(match: Match) -> ScoreOut | None:
        return pair(match.home_pens, match.away_pens)

    @staticmethod
    def resolve_awarded(match: Match) -> ScoreOut | None:
        return pair(match.home_awarded, match.away_awarded)

    @staticmethod
    def resolve_url(match: Match) -> str:
        return match.get_absolute_url()


def pair(home: int | None, away: int | None) -> ScoreOut | None:
    return None if home is None or away is None else ScoreOut(home=home, away=away)


def get_season(code: str, label: str) -> Season:
    season = Season.objects.for_url(code, label).first()
    if season is None:
        if not Competition.objects.filter(code=code).exists():
            raise HttpError(404, f"Unknown competition {code!r}.")
        raise HttpError(404, f"No season {label!r} of competition {code!r}.")
    return season


GroupLetter = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]$")]


@router.get(
    "/competitions/{code}/seasons/{season}/standings", response={200: StandingsOut, 400: Refusal, 404: Refusal}
)
def standings(
    request: HttpRequest,
    code: PathEx[Code, P(description="Competition code", example="es.1")],
    season: PathEx[SeasonLabel, P(description="Season label", example="2024-25")],
    as_of: Day | None = None,
    live: bool = False,
    group: Annotated[
        GroupLetter | None,
        Field(description="A group-stage season's group, by its letter (A); a 400 for a group the season lacks."),
    ] = None,
) -> StandingsOut:
    """The table counting matches played on or before `as_of` (all played matches without it).

    `live=1` also counts matches in play at their current score ("as it stands"). An `as_of` before the
    season starts gives an empty table. A UEFA season with a group stage (before 2024-25) has one table per
    group: `group=A` gives group A's in `rows`; without `group`, `rows` is empty and `groups` holds every
    group's table.
    """
    found = get_season(code, season)
    letter = group.upper() if group else None
    # A table only changes when a match of its season does: cached under the season's live version.
    # The cache is untyped; this key only ever holds what standings_out returns, never None.
    key = f"api:standings:{found.pk}:{as_of}:{live}:{letter}:{versions(season_id=found.pk)}"
    out = cache.get_or_set(key, lambda: standings_out(found, as_of=as_of, live=live, group=letter), 60 * 60)
    if isinstance(out, str):
        raise HttpError(400, out)
    return cast(StandingsOut, out)


def standings_out(season: Season, *, as_of: dt.date | None, live: bool, group: str | None) -> StandingsOut | str:
    """The standings, or the sentence refusing a group the season does not have (cached like a table)."""
    table = season_table(season, as_of=as_of, live=live)
    name = f"{season.competition.code} {season.label}"
    if group is not None and not table.groups:
        return f"{name} has no groups; ask without `group`."
    if group is not None and group not in table.groups:
        return f"{name} has no group {group!r}; its groups are {', '.join(table.groups)}."
    deductions = deductions_out(table)
    if group is not None:
        table = table.for_group(group)
    groups = [] if group or table.group else [group_out(grouped) for grouped in table.group_tables()]
    rules = table.rules
    return StandingsOut(
        competition=season.competition.code,
        season=season.label,
        as_of=as_of,
        live=live,
        group=group,
        rules=table.rules.regulations,
        rules_known=rules.known,
        ranked_by="points_per_game" if rules.criteria[0] == "points_per_game" else "points",
        notes=table.notes,
        deductions=deductions,
        rows=rows_out(table),
        groups=groups,
    )


def group_out(table: SeasonTable) -> GroupStandingsOut:
    return GroupStandingsOut(group=table.group, rules=table.rules.regulations, rows=rows_out(table))


def rows_out(table: SeasonTable) -> list[StandingRowOut]:
    return [
        StandingRowOut(club=ClubOut(name=table.clubs[row.club].name, slug=row.club), **row_fields(row))
        for row in table.rows
    ]


def deductions_out(table: SeasonTable) -> list[DeductionOut]:
    return [
        DeductionOut(
            club=ClubOut(name=table.clubs[entry.club].name, slug=entry.club),
            points=entry.points,
            reason=entry.reason,
            decided_on=entry.decided_on,
        )
        for entry in table.deduction_entries
    ]


def row_fields(row: Row) -> dict[str, Any]:
    names = StandingRowOut.model_fields.keys() - {"club"}
    return {name: getattr(row, name) for name in names}


class MatchFilters(FilterSchema):
    # Shaped like the values they name, so that a NUL (which PostgreSQL refuses) or junk is a 400 here.
    competition: Code | None = Field(None, description="Competition code, e.g. es.1")
    season: SeasonLabel | None = Field(None, description="Season label, e.g. 2024-25")
    club: Slug | None = Field(None, description="Club slug, home or away")
    date_from: Day | None = None
    date_to: Day | None = None
    status: Match.Status | None = None


# Past this, an offset would overflow the database's LIMIT/OFFSET integer (2**63 is a 500 on both databases);
# no list holds anything like this many rows.
MAX_OFFSET = 2**31 - 1


class BoundedLimitOffset(LimitOffsetPagination):
    class Input(LimitOffsetPagination.Input):
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    class Output(LimitOffsetPagination.Output):
        count: Count = Field(description="How many matches the filters match, on every page.")


@router.get("/matches", response={200: list[MatchOut], 404: Refusal})
@paginate(BoundedLimitOffset)
def matches(request: HttpRequest, filters: Query[MatchFilters]) -> MatchQuerySet:
    """Matches in kick-off order, filtered; paginated with `limit` and `offset`."""
    check_filters(filters)
    found = Match.objects.with_related().select_related("tie__winner").order_by("kickoff", "pk")
    conditions = {
        "season__competition__code": filters.competition,
        "season__label": filters.season,
        "kickoff_date__gte": filters.date_from,
        "kickoff_date__lte": filters.date_to,
        "status": filters.status,
    }
    found = found.filter(**{key: value for key, value in conditions.items() if value is not None})
    if filters.club:
        found = found.filter(Q(home__slug=filters.club) | Q(away__slug=filters.club))
    return found


def check_filters(filters: MatchFilters) -> None:
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise HttpError(400, "date_from is after date_to.")
    if filters.competition and not Competition.objects.filter(code=filters.competition).exists():
        raise HttpError(404, f"Unknown competition {filters.competition!r}.")
    if filters.club and not Club.objects.filter(slug=filters.club).exists():
        raise HttpError(404, f"Unknown club {filters.club!r}.")


class DataDeskToken(HttpBearer):
    """`Authorization: Bearer <SCORE_API_TOKEN>`. Every refusal is JSON that says why, and never echoes a token.

    With no SCORE_API_TOKEN configured, score writes are turned off: a 503, not a 401, since no token the
    client could send would help until the server is configured. A missing or wrong token is a 401.
    """

    def __call__(self, request: HttpRequest) -> str | None:
        if not settings.SCORE_API_TOKEN:
            raise HttpError(503, "Score writes are turned off: no SCORE_API_TOKEN is configured on this server.")
        scheme, _, token = request.headers.get(self.header, "").partition(" ")
        if scheme.lower() != self.openapi_scheme or not token:
            raise HttpError(401, "Send the data desk's token as `Authorization: Bearer <token>`.")
        return self.authenticate(request, token)

    def authenticate(self, request: HttpRequest, token: str) -> str | None:
        if hmac.compare_digest(token.encode(), settings.SCORE_API_TOKEN.encode()):
            return "data-desk"
        raise HttpError(401, "The token is wrong: it is not the data desk's SCORE_API_TOKEN.")


def json_integer(value: object) -> object:
    """A JSON integer (58, or 58.0, which JSON Schema counts as one), never `false` or `"58"`, which pydantic
    would otherwise take for 0 and 58."""
    if isinstance(value, bool | str):
        raise ValueError("Give a whole number.")
    return value


Goals = Annotated[int, Field(ge=0, le=99), BeforeValidator(json_integer)]


class PairIn(Schema):
    home: Goals
    away: Goals


class ScoreIn(Schema):
    home: Goals
    away: Goals
    minute: Annotated[int, Field(ge=0, le=150), BeforeValidator(json_integer)] | None = None
    status: Literal["live", "half_time", "finished"] = "live"
    extra_time: PairIn | None = Field(None, description="After extra time, the 90 minutes included.")
    penalties: PairIn | None = None


@router.post("/matches/{match_id}/score", auth=DataDeskToken(), response={200: MatchOut, 404: Refusal, 409: Refusal})
def post_score(request: HttpRequest, match_id: PathEx[int, P(ge=1, le=MAX_ID)], score: ScoreIn) -> Match:
    """The data desk's live score: the score as it stands (after 90 minutes once finished), the minute and
    the status. Open pages show it on their next poll.

    The score must be consistent, by the rule the importer and the admin follow too: no extra time or
    shoot-out in a match that counts in a table or in a first leg; extra time includes the 90 minutes and
    follows a level 90 minutes (a level aggregate in a second leg); a shoot-out follows a level match and
    cannot end level; half-time at minute 45 (or 105). Otherwise a 400 whose `errors` name the body field at
    fault (`score.extra_time`, `score.penalties`, `score.minute`); nothing is stored."""
    match = Match.objects.with_related().filter(pk=match_id).first()
    if match is None:
        raise HttpError(404, f"No match with id {match_id}.")
    et, pens = score.extra_time, score.penalties
    try:
        record_score(
            match=match,
            home=score.home,
            away=score.away,
            minute=score.minute,
            status=score.status,
            home_et=et.home if et else None,
            away_et=et.away if et else None,
            home_pens=pens.home if pens else None,
            away_pens=pens.away if pens else None,
        )
    except ValidationError as error:
        if "status" in error.message_dict:
            raise HttpError(409, " ".join(error.message_dict["status"])) from None
        raise score_refusal(error) from None
    return Match.objects.with_related().select_related("tie__winner").get(pk=match_id)


# The body field that carries each model field the score's validation can name.
BODY_FIELDS = {
    "home_score": "home",
    "away_score": "away",
    "home_et": "extra_time",
    "away_et": "extra_time",
    "home_pens": "penalties",
    "away_pens": "penalties",
    "minute": "minute",
}


def score_refusal(error: ValidationError) -> BodyInvalid:
    """A score the rules refuse (matches.standings.scores), as the API's 400: each problem named by the body
    field at fault, like any other malformed input."""
    return BodyInvalid(
        [
            {"loc": ("body", "score", BODY_FIELDS.get(field, field)), "msg": message}
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    )
