"""Competitions, seasons, clubs, venues, matches and two-legged ties.

This app knows nothing of people or the newsroom. The football rules themselves (points, tie-breaks,
aggregates) live in the pure `matches.standings` package; these models only store what happened.
"""

from __future__ import annotations

import datetime
from typing import Any, Self

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from matches.naming import NamedWithSlug
from matches.standings import CURTAILED, RuleSet, counted_score, polling_changes_at, polls, rule_set, season_rules
from matches.standings import Curtailment as StandingsCurtailment
from matches.standings.results import score_of
from matches.standings.scores import ScoreProblem, match_kind, score_problems

season_label_validator = RegexValidator(
    r"^\d{4}(-\d{2})?$", "Write a season as 2024-25 (or a single year such as 2026 for a tournament)."
)
competition_code_validator = RegexValidator(
    r"^[a-z0-9]+(\.[a-z0-9]+)*$", "A competition code is lower-case letters and digits with dots, such as es.1."
)


class Competition(models.Model):
    class Kind(models.TextChoices):
        LEAGUE = "league", "League"
        CUP = "cup", "Cup"
        LEAGUE_PHASE_KNOCKOUT = "league_phase_knockout", "League phase and knockout"

    class TieBreakRules(models.TextChoices):
        # The family of rules each competition applies when clubs finish level on points; the edition for a
        # season comes from matches.standings.rules.EDITIONS.
        HEAD_TO_HEAD_FIRST = "la_liga", "La Liga / Serie A: head-to-head first"
        GOAL_DIFFERENCE_FIRST = "premier_league", "Premier League: goal difference first"
        BUNDESLIGA = "bundesliga", "Bundesliga: goal difference first"
        SERIE_A = "serie_a", "Serie A: head-to-head first"
        UCL_LEAGUE_PHASE = "ucl_league_phase", "Champions League league phase"
        LIGUE_1 = "ligue_1", "Ligue 1: goal difference, then head-to-head"
        EREDIVISIE = "eredivisie", "Eredivisie: goal difference first"
        PRIMEIRA_LIGA = "primeira_liga", "Primeira Liga: head-to-head first"
        PRO_LEAGUE = "pro_league", "Belgian Pro League: wins first (regular season)"
        SCOTTISH_PREMIERSHIP = "scottish_premiership", "Scottish Premiership: goal difference first (before the split)"
        SUPER_LIG = "super_lig", "Süper Lig: head-to-head first"
        CHAMPIONSHIP = "championship", "EFL Championship: goal difference first"
        UNKNOWN = "unknown", "Not known: points, goal difference, goals scored"

    code = models.CharField(max_length=20, unique=True, validators=[competition_code_validator])
    name = models.CharField(max_length=100)
    short_name = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.LEAGUE)
    country = models.CharField(max_length=60, blank=True, help_text="Empty for an international competition.")
    tie_break_rules = models.CharField(max_length=30, choices=TieBreakRules.choices, default=TieBreakRules.UNKNOWN)
    timezone = models.CharField(
        max_length=40, default="Europe/Madrid", help_text="Where kick-off times in the source data are local."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def rules(self) -> RuleSet:
        """The latest edition of the ranking rules this competition applies (matches.standings.rules); a
        season's own table uses `Season.rules`, the edition of its season."""
        return rule_set(self.tie_break_rules)


class Club(NamedWithSlug):
    name = models.CharField(max_length=100, unique=True)
    short_name = models.CharField(max_length=40, blank=True)
    slug = models.SlugField(max_length=100, unique=True, blank=True)
    country = models.CharField(max_length=60, blank=True)
    is_national_team = models.BooleanField(default=False)
    founded = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def get_absolute_url(self) -> str:
        return reverse("club", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Venue(NamedWithSlug):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True, blank=True)
    city = models.CharField(max_length=80, blank=True)
    country = models.CharField(max_length=60, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    clubs = models.ManyToManyField(Club, blank=True, related_name="venues", help_text="Clubs that play home here.")

    class Meta:
        ordering = ["name"]


class SeasonQuerySet(models.QuerySet["Season"]):
    def for_url(self, code: str, label: str) -> Self:
        return self.select_related("competition").filter(competition__code=code, label=label)

    def league_seasons_of(self, club: Club) -> Self:
        """The league seasons `club` is listed in, latest first, each with its competition and its clubs."""
        return (
            self.filter(clubs=club, competition__kind=Competition.Kind.LEAGUE)
            .select_related("competition")
            .prefetch_related("clubs")
            .order_by("-label", "competition__name", "pk")
        )

    def links_of(self, competition: Competition) -> Self:
        """`competition`'s seasons, latest first, each with the competition its address names (one query,
        however many seasons)."""
        return self.filter(competition=competition).select_related("competition").order_by("-label")


class Season(models.Model):
    class Curtailment(models.TextChoices):
        # How a season stopped before its end was settled; empty for a season played out, or one that
        # matches.standings.rules.CURTAILED already records.
        NONE = "", "Played out (or as recorded in the rules)"
        POINTS_PER_GAME = "points_per_game", "Stopped early: final table on points per game"
        AS_STOOD = "as_stood", "Stopped early: the table as it stood is final"
        VOIDED = "voided", "Stopped early and voided: no official final table"

    class Format(models.TextChoices):
        # How a season's first stage is played; a UEFA competition changed from groups to a league phase in 2024-25.
        LEAGUE = "league", "League"
        GROUP_STAGE = "group_stage", "Group stage and knockout"
        LEAGUE_PHASE = "league_phase", "League phase and knockout"

    competition = models.ForeignKey(Competition, on_delete=models.PROTECT, related_name="seasons")
    label = models.CharField(max_length=7, validators=[season_label_validator])
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    clubs = models.ManyToManyField(Club, blank=True, related_name="seasons")
    format = models.CharField(
        max_length=20,
        choices=Format.choices,
        default=Format.LEAGUE,
        # Set in the database too, so that rows written without the field (older code, raw SQL) are leagues.
        db_default=Format.LEAGUE,
        help_text="How the season is played; the importer sets it from the matches.",
    )
    zones = models.JSONField(
        default=dict,
        blank=True,
        help_text='Overrides the competition\'s usual table zones, e.g. {"champions_league": [1, 5]}.',
    )
    curtailed = models.CharField(
        max_length=20,
        choices=Curtailment.choices,
        blank=True,
        default=Curtailment.NONE,
        # Also a database default, so rows written by code that predates the column (older migrations'
        # models, a restore) still insert.
        db_default=Curtailment.NONE,
        help_text="For a season stopped before its end: how the competition settled its table.",
    )
    curtailed_note = models.CharField(
        max_length=300,
        blank=True,
        default="",
        db_default="",
        help_text="Shown under the table of a stopped season: who decided what, and when.",
    )

    objects = SeasonQuerySet.as_manager()

    class Meta:
        ordering = ["competition__name", "-label"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "label"], name="season_unique_per_competition"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="season_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competition} {self.label}"

    def get_absolute_url(self) -> str:
        return reverse("season", kwargs={"code": self.competition.code, "season": self.label})

    @property
    def curtailment(self) -> StandingsCurtailment | None:
        """How this season was cut short: the editor's entry, else what the rules record, else None."""
        if not self.curtailed:
            return CURTAILED.get((self.competition.code, self.label))
        note = self.curtailed_note or "Season stopped before its end."
        if self.curtailed == self.Curtailment.POINTS_PER_GAME:
            return StandingsCurtailment("points_per_game", official=True, note=note)
        return StandingsCurtailment("as_stood", official=self.curtailed == self.Curtailment.AS_STOOD, note=note)

    @property
    def rules(self) -> RuleSet:
        """The ranking rules of this season (needs competition loaded): the edition of the competition's rules
        for the season, on points per game when it was cut short and so decided (matches.standings.rules)."""
        code, family = self.competition.code, self.competition.tie_break_rules
        return season_rules(family, code, self.label, curtailment=self.curtailment)

    def clean(self) -> None:
        """Zones must be {"name": [first, last]} with 1 <= first <= last: the table pages read them as that."""
        super().clean()
        if not isinstance(self.zones, dict):
            raise ValidationError({"zones": 'Write zones as {"name": [first, last], ...}.'})
        for name, places in self.zones.items():
            valid = isinstance(places, list) and len(places) == 2 and all(type(p) is int for p in places)
            if not valid or not 1 <= places[0] <= places[1]:
                raise ValidationError({"zones": f"Zone {name!r} needs [first, last] places, such as [1, 5]."})


class PointDeduction(models.Model):
    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="deductions")
    club = models.ForeignKey(Club, on_delete=models.PROTECT, related_name="deductions")
    points = models.PositiveSmallIntegerField()
    reason = models.CharField(max_length=200)
    decided_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["season", "club"]
        constraints = [models.CheckConstraint(condition=Q(points__gt=0), name="deduction_is_positive")]

    def __str__(self) -> str:
        return f"{self.club} -{self.points} pts ({self.season})"


class Stage(models.TextChoices):
    LEAGUE = "league", "League"
    LEAGUE_PHASE = "league_phase", "League phase"
    GROUP = "group", "Group stage"
    PLAY_OFF = "play_off", "Knockout play-off"
    ROUND_OF_32 = "round_of_32", "Round of 32"
    ROUND_OF_16 = "round_of_16", "Round of 16"
    QUARTER_FINAL = "quarter_final", "Quarter-final"
    SEMI_FINAL = "semi_final", "Semi-final"
    FINAL = "final", "Final"
    OTHER = "other", "Other"


GROUP_LETTERS = [chr(n) for n in range(ord("A"), ord("Z") + 1)]
# Stages ranked in a table (a group stage in one table per group); every other stage is a knockout round.
TABLE_STAGES = (Stage.LEAGUE, Stage.LEAGUE_PHASE, Stage.GROUP)
# Stages in the order a competition plays them, for listing rounds and ties.
STAGE_ORDER = {stage: index for index, stage in enumerate(Stage.values)}


class Tie(models.Model):
    """A knockout tie: two legs, or a single match such as a final."""

    class DecidedBy(models.TextChoices):
        AGGREGATE = "aggregate", "Aggregate"
        AWAY_GOALS = "away_goals", "Away goals"
        EXTRA_TIME = "extra_time", "Extra time"
        PENALTIES = "penalties", "Penalties"
        AWARDED = "awarded", "Awarded"

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="ties")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    club_a = models.ForeignKey(Club, on_delete=models.PROTECT, related_name="+", help_text="At home in the first leg.")
    club_b = models.ForeignKey(Club, on_delete=models.PROTECT, related_name="+")
    legs = models.PositiveSmallIntegerField(default=2)
    winner = models.ForeignKey(Club, on_delete=models.PROTECT, null=True, blank=True, related_name="ties_won")
    decided_by = models.CharField(max_length=20, choices=DecidedBy.choices, blank=True)
    # The aggregate so far (extra time included, never penalties), club_a's goals first; null before a leg is played.
    club_a_goals = models.PositiveSmallIntegerField(null=True, blank=True)
    club_b_goals = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["season", "stage", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["season", "stage", "club_a", "club_b"], name="tie_unique_per_stage"),
            models.CheckConstraint(condition=~Q(club_a=F("club_b")), name="tie_between_two_clubs"),
            models.CheckConstraint(condition=Q(legs__in=[1, 2]), name="tie_has_one_or_two_legs"),
            models.CheckConstraint(
                condition=Q(winner__isnull=True) | Q(winner=F("club_a")) | Q(winner=F("club_b")),
                name="tie_winner_is_in_tie",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.club_a} v {self.club_b} ({self.get_stage_display()}, {self.season})"


class MatchQuerySet(models.QuerySet["Match"]):
    def with_related(self) -> Self:
        return self.select_related("season__competition", "home", "away", "venue")

    def in_season(self, season: Season) -> Self:
        return self.filter(season=season)

    def played(self) -> Self:
        return self.filter(status__in=Match.PLAYED_STATUSES)

    def in_play(self) -> Self:
        return self.filter(status__in=Match.IN_PLAY_STATUSES)

    def for_club(self, club: Club) -> Self:
        return self.filter(Q(home=club) | Q(away=club))

    def between(self, club_a: Club, club_b: Club) -> Self:
        return self.filter(Q(home=club_a, away=club_b) | Q(home=club_b, away=club_a))

    def results(self) -> Self:
        """Played matches, latest first, with what a fixture line shows."""
        return self.played().with_related().order_by("-kickoff", "-pk")

    def upcoming(self) -> Self:
        """Matches still to finish, from today on (the site's day): scheduled ones and any in play."""
        statuses = [Match.Status.SCHEDULED, *Match.IN_PLAY_STATUSES]
        upcoming = self.filter(status__in=statuses, kickoff_date__gte=timezone.localdate())
        return upcoming.with_related().order_by("kickoff", "pk")

    def today(self) -> Self:
        """Matches kicking off today (the site's day), and any still in play from last night."""
        today = self.filter(kickoff_date=timezone.localdate()) | self.in_play()
        return today.with_related().order_by("kickoff", "pk")

    def other_legs(self, match: Match) -> Self:
        """The other leg of `match`'s two-legged tie, found by clubs and stage so it shows before a Tie
        exists; none for a match that is not a leg."""
        if match.leg is None:
            return self.none()
        same_round = self.in_season(match.season).filter(stage=match.stage, leg__isnull=False)
        return same_round.between(match.home, match.away).exclude(pk=match.pk).with_related()


class Match(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        LIVE = "live", "Live"
        HALF_TIME = "half_time", "Half-time"
        FINISHED = "finished", "Full-time"
        POSTPONED = "postponed", "Postponed"
        AWARDED = "awarded", "Awarded"
        CANCELLED = "cancelled", "Cancelled"
        ABANDONED = "abandoned", "Abandoned"

    PLAYED_STATUSES = (Status.FINISHED, Status.AWARDED)
    # Matches that will not be played as scheduled: never in a table, nor among the matches left to play.
    VOID_STATUSES = (Status.CANCELLED, Status.ABANDONED)
    IN_PLAY_STATUSES = (Status.LIVE, Status.HALF_TIME)

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="matches")
    round_name = models.CharField(max_length=60, help_text="As the competition names it: 'Matchday 35'.")
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.LEAGUE)
    matchday = models.PositiveSmallIntegerField(null=True, blank=True)
    group = models.CharField(
        max_length=1,
        blank=True,
        default="",
        db_default="",
        help_text="The letter of a group-stage match's group: 'A'. Empty otherwise.",
    )
    leg = models.PositiveSmallIntegerField(null=True, blank=True)
    tie = models.ForeignKey(Tie, on_delete=models.SET_NULL, null=True, blank=True, related_name="matches")
    home = models.ForeignKey(Club, on_delete=models.PROTECT, related_name="home_matches")
    away = models.ForeignKey(Club, on_delete=models.PROTECT, related_name="away_matches")
    kickoff = models.DateTimeField()
    # The local calendar day of kick-off, so "as of a date" means the date printed on the fixture list.
    kickoff_date = models.DateField(editable=False, db_index=True)
    kickoff_time_known = models.BooleanField(default=True)
    venue = models.ForeignKey(Venue, on_delete=models.SET_NULL, null=True, blank=True, related_name="matches")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED, db_index=True)
    minute = models.PositiveSmallIntegerField(null=True, blank=True, help_text="For a match in play.")
    # Score after 90 minutes (or the current score in play), half-time, after extra time and the shoot-out, apart.
    home_score = models.PositiveSmallIntegerField(null=True, blank=True)
    away_score = models.PositiveSmallIntegerField(null=True, blank=True)
    home_ht = models.PositiveSmallIntegerField(null=True, blank=True)
    away_ht = models.PositiveSmallIntegerField(null=True, blank=True)
    home_et = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Score after extra time.")
    away_et = models.PositiveSmallIntegerField(null=True, blank=True)
    home_pens = models.PositiveSmallIntegerField(null=True, blank=True)
    away_pens = models.PositiveSmallIntegerField(null=True, blank=True)
    # An awarded match counts with its awarded score; the score on the pitch stays in home_score/away_score.
    home_awarded = models.PositiveSmallIntegerField(null=True, blank=True)
    away_awarded = models.PositiveSmallIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        ordering = ["kickoff", "pk"]
        verbose_name_plural = "matches"
        indexes = [
            models.Index(fields=["season", "kickoff"], name="match_season_kickoff"),
            # The latest results across every season (the front page's), found without sorting them all.
            models.Index(fields=["-kickoff", "-id"], name="match_latest_first"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["season", "home", "away", "round_name"], name="match_unique_per_round"),
            models.CheckConstraint(condition=~Q(home=F("away")), name="match_club_cannot_play_itself"),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"home_{part}__isnull": True}, **{f"away_{part}__isnull": True})
                    | Q(**{f"home_{part}__isnull": False}, **{f"away_{part}__isnull": False}),
                    name=f"match_{part}_both_sides_or_neither",
                )
                for part in ("score", "ht", "et", "pens", "awarded")
            ],
            models.CheckConstraint(
                condition=~Q(status__in=["finished", "live", "half_time"]) | Q(home_score__isnull=False),
                name="match_in_play_or_finished_has_score",
            ),
            models.CheckConstraint(
                condition=~Q(status="awarded") | Q(home_awarded__isnull=False), name="match_awarded_has_score"
            ),
            models.CheckConstraint(condition=Q(leg__isnull=True) | Q(leg__in=[1, 2]), name="match_leg_is_1_or_2"),
            models.CheckConstraint(
                condition=Q(stage="group", group__in=GROUP_LETTERS) | (~Q(stage="group") & Q(group="")),
                name="match_group_letter_in_group_stage_only",
                violation_error_message="A group-stage match needs its group's letter (A to Z), and only a "
                "group-stage match has one.",
            ),
            models.CheckConstraint(condition=Q(minute__isnull=True) | Q(minute__lte=150), name="match_minute_sane"),
        ]

    def __str__(self) -> str:
        return f"{self.home} v {self.away}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.kickoff_date = self.local_kickoff().date()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("match", kwargs={"pk": self.pk})

    # The form field that carries each part of a score, for a form's or an action's errors.
    SCORE_FIELDS = {
        "ft": "home_score",
        "ht": "home_ht",
        "et": "home_et",
        "pens": "home_pens",
        "awarded": "home_awarded",
        "minute": "minute",
    }

    def clean(self) -> None:
        """The score must be consistent (matches.standings.scores), whoever enters it: the admin's form and
        the score API's action both call this through full_clean."""
        super().clean()
        errors: dict[str, list[str]] = {}
        for part in ("score", "ht", "et", "pens", "awarded"):
            home, away = getattr(self, f"home_{part}"), getattr(self, f"away_{part}")
            if (home is None) != (away is None):
                errors.setdefault(f"home_{part}", []).append("Give both sides' goals, or neither.")
        for problem in [] if errors else self.score_problems():
            errors.setdefault(self.SCORE_FIELDS[problem.part], []).append(problem.message)
        if errors:
            raise ValidationError(errors)

    def score_problems(self) -> list[ScoreProblem]:
        """What is inconsistent in this match's score as it stands in memory (matches.standings.scores).
        Reads the first leg from the database only for a second leg with extra time or a shoot-out."""
        awarded = score_of(self.home_awarded, self.away_awarded)
        return score_problems(
            kind=match_kind(in_table=self.stage in TABLE_STAGES, leg=self.leg),
            ft=score_of(self.home_score, self.away_score) or awarded,
            ht=score_of(self.home_ht, self.away_ht),
            et=score_of(self.home_et, self.away_et),
            pens=score_of(self.home_pens, self.away_pens),
            awarded=awarded,
            first_leg=self.first_leg_score(),
            minute=self.minute,
            half_time=self.status == self.Status.HALF_TIME,
        )

    def first_leg_score(self) -> tuple[int, int] | None:
        """For a second leg that went past 90 minutes, the first leg's score from this match's point of view
        (its home side's goals first); None otherwise or when it is not known."""
        extra = self.home_et is not None or self.home_pens is not None
        if self.leg != 2 or not extra or self.tie_id is None:
            return None
        first = Match.objects.filter(tie_id=self.tie_id, leg=1).exclude(pk=self.pk).first()
        score = first.counted_score if first else None
        if first is None or score is None or first.home_id != self.away_id:
            return None
        return score[1], score[0]

    def local_kickoff(self) -> datetime.datetime:
        """Kick-off in the competition's time zone (needs season__competition loaded)."""
        import zoneinfo

        return timezone.localtime(self.kickoff, zoneinfo.ZoneInfo(self.season.competition.timezone))

    @property
    def is_played(self) -> bool:
        return self.status in self.PLAYED_STATUSES

    @property
    def is_in_play(self) -> bool:
        return self.status in self.IN_PLAY_STATUSES

    @property
    def has_score(self) -> bool:
        return self.counted_score is not None

    @property
    def has_table(self) -> bool:
        """Whether the match is ranked in a table (a league or league-phase match), not a knockout one."""
        return self.stage in TABLE_STAGES

    @property
    def counted_score(self) -> tuple[int, int] | None:
        """The score tables and aggregates count (matches.standings.counted_score); None for a match
        postponed, cancelled or abandoned, whatever score it stopped at."""
        if self.status in (self.Status.POSTPONED, *self.VOID_STATUSES):
            return None
        awarded = self.status == self.Status.AWARDED
        return counted_score(
            ft=score_of(self.home_score, self.away_score),
            awarded=score_of(self.home_awarded, self.away_awarded) if awarded else None,
        )

    def polls(self, now: datetime.datetime | None = None) -> bool:
        """Whether a page showing this match keeps asking for its score (matches.standings.polls)."""
        return polls(
            in_play=self.is_in_play,
            scheduled=self.status == self.Status.SCHEDULED,
            kickoff=self.kickoff,
            now=now or timezone.now(),
        )

    def polling_changes_at(self, now: datetime.datetime | None = None) -> datetime.datetime | None:
        """When `polls()` next turns by the clock alone (matches.standings.polling_changes_at)."""
        return polling_changes_at(
            in_play=self.is_in_play,
            scheduled=self.status == self.Status.SCHEDULED,
            kickoff=self.kickoff,
            now=now or timezone.now(),
        )
