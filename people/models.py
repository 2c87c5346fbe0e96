"""People in football: who they are, where they work, where they are going, what they won.

People may refer to matches (a tenure is at a club); matches never refer back.
"""

from __future__ import annotations

import datetime
from typing import Self

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, When
from django.urls import reverse
from django.utils import timezone

from matches.display import long_date
from matches.models import Club, Competition
from matches.naming import NamedWithSlug


class PersonQuerySet(models.QuerySet["Person"]):
    def with_history(self) -> Self:
        """With what a person's page lists: tenures, honours and manager moves with their updates."""
        return self.prefetch_related(
            models.Prefetch("tenures", queryset=Tenure.objects.select_related("club").order_by("-start_date")),
            models.Prefetch("honours", queryset=Honour.objects.select_related("club")),
            models.Prefetch("moves", queryset=ManagerMove.objects.with_related()),
        )


class Person(NamedWithSlug):
    name = models.CharField(max_length=120, help_text="Full name, as the archive cites it.")
    known_as = models.CharField(max_length=80, blank=True, help_text="Name in headlines, if shorter.")
    aliases = models.JSONField(
        default=list, blank=True, help_text="Other names that refer to this person in text, e.g. surname alone."
    )
    slug = models.SlugField(max_length=120, unique=True, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    nationality = models.CharField(max_length=60, blank=True)
    bio = models.TextField(blank=True)
    photo = models.ImageField(upload_to="people/", blank=True)
    photo_credit = models.CharField(max_length=120, blank=True, help_text="Who took the photo, and its licence.")

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def get_absolute_url(self) -> str:
        return reverse("person", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        return self.known_as or self.name

    @property
    def age(self) -> int | None:
        """Age in whole years today (the site's day), or None without a birth date."""
        if self.birth_date is None:
            return None
        today, born = timezone.localdate(), self.birth_date
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class Role(models.TextChoices):
    HEAD_COACH = "head_coach", "Head coach"
    INTERIM_HEAD_COACH = "interim_head_coach", "Interim head coach"
    ASSISTANT_COACH = "assistant_coach", "Assistant coach"
    PLAYER = "player", "Player"
    SPORTING_DIRECTOR = "sporting_director", "Sporting director"
    PRESIDENT = "president", "President"


COACHING_ROLES = (Role.HEAD_COACH, Role.INTERIM_HEAD_COACH)


class TenureQuerySet(models.QuerySet["Tenure"]):
    def overlapping(self, tenure: Tenure) -> Self:
        """Other coaching tenures at `tenure`'s club whose dates meet `tenure`'s."""
        others = self.coaching().filter(club_id=tenure.club_id).exclude(pk=tenure.pk).select_related("person", "club")
        if tenure.end_date is not None:
            others = others.filter(start_date__lte=tenure.end_date)
        return others.filter(Q(end_date__isnull=True) | Q(end_date__gte=tenure.start_date))

    def current(self) -> Self:
        return self.filter(end_date__isnull=True)

    def coaching(self) -> Self:
        return self.filter(role__in=COACHING_ROLES)

    def on(self, day: datetime.date) -> Self:
        """Tenures running on `day`."""
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=day), start_date__lte=day)

    def head_coaches_first(self) -> Self:
        """Coaches with their people and clubs, a permanent head coach before an interim one ("head_coach"
        sorts first), the latest appointment first."""
        return self.coaching().select_related("person", "club").order_by("role", "-start_date")


class Tenure(models.Model):
    class Ending(models.TextChoices):
        CONTRACT_EXPIRED = "contract_expired", "Contract expired"
        MUTUAL_CONSENT = "mutual_consent", "Left by mutual consent"
        RESIGNED = "resigned", "Resigned"
        SACKED = "sacked", "Sacked"
        MOVED = "moved", "Moved to another job"
        RETIRED = "retired", "Retired"
        TRANSFERRED = "transferred", "Transferred"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="tenures")
    club = models.ForeignKey(
        Club, on_delete=models.PROTECT, related_name="tenures", help_text="Club or national team."
    )
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.HEAD_COACH)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    contract_until = models.DateField(null=True, blank=True)
    how_ended = models.CharField(max_length=30, choices=Ending.choices, blank=True)
    notes = models.TextField(blank=True, help_text="Sources, and any date that is uncertain.")

    objects = TenureQuerySet.as_manager()

    class Meta:
        ordering = ["person", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")), name="tenure_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=False) | Q(how_ended=""), name="tenure_only_ended_has_ending"
            ),
            models.UniqueConstraint(fields=["person", "club", "role", "start_date"], name="tenure_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}, {self.club}"

    def clean(self) -> None:
        """An end before the start, or two coaches' tenures at one club at once, are refused."""
        super().clean()
        if self.end_date is not None and self.start_date is not None and self.end_date < self.start_date:
            raise ValidationError({"end_date": "A tenure cannot end before it starts."})
        if self.role in COACHING_ROLES and self.club_id and self.start_date:
            clash = Tenure.objects.overlapping(self).first()
            if clash is not None:
                raise ValidationError(
                    f"{clash.person} is already {clash.get_role_display().lower()} of {clash.club} "
                    f"from {long_date(clash.start_date)}"
                    f"{f' to {long_date(clash.end_date)}' if clash.end_date else ''}: two head coaches' tenures "
                    "at one club cannot overlap."
                )

    @property
    def is_current(self) -> bool:
        return self.end_date is None

    @property
    def is_coaching(self) -> bool:
        return self.role in COACHING_ROLES


class MoveStatus(models.TextChoices):
    RUMOURED = "rumoured", "Rumoured"
    IN_TALKS = "in_talks", "In talks"
    AGREED = "agreed", "Agreed"
    ANNOUNCED = "announced", "Announced"
    COMPLETED = "completed", "Completed"
    COLLAPSED = "collapsed", "Collapsed"


OPEN_STATUSES = (MoveStatus.RUMOURED, MoveStatus.IN_TALKS, MoveStatus.AGREED, MoveStatus.ANNOUNCED)
CLOSED_STATUSES = (MoveStatus.COMPLETED, MoveStatus.COLLAPSED)


class ManagerMoveQuerySet(models.QuerySet["ManagerMove"]):
    def with_related(self) -> Self:
        return self.select_related("person", "from_club", "to_club").prefetch_related("updates")

    def as_of(self, day: datetime.date) -> Self:
        """Moves heard of by the end of `day`, each as it stood then: `status_then` (the newest step's status on
        that day), `changed_then` (that step's date), `departure_then` (whether leaving the old post was
        confirmed by then), and only the steps known then, in date order."""
        known = ManagerMoveUpdate.objects.filter(move=OuterRef("pk"), date__lte=day).order_by("-date", "-pk")
        steps = models.Prefetch("updates", queryset=ManagerMoveUpdate.objects.filter(date__lte=day))
        return (
            self.select_related("person", "from_club", "to_club")
            .prefetch_related(steps)
            .annotate(
                status_then=Subquery(known.values("status")[:1]),
                changed_then=Subquery(known.values("date")[:1]),
                departure_then=Exists(known.filter(departure_confirmed=True)),
            )
            .filter(status_then__isnull=False)
        )

    def open_or_changed_since(self, day: datetime.date) -> Self:
        """After `as_of`: moves still open then, or closed on or after `day`."""
        return self.filter(Q(status_then__in=OPEN_STATUSES) | Q(changed_then__gte=day))

    def in_competition(self, competition: Competition) -> Self:
        """Moves from or to a club that plays in `competition` (in any season on record)."""
        clubs = Club.objects.filter(seasons__competition=competition)
        return self.filter(Q(from_club__in=clubs) | Q(to_club__in=clubs))

    def changed_between(self, first: datetime.date | None, last: datetime.date | None) -> Self:
        """Moves with a step dated from `first` to `last` (either may be open)."""
        steps = ManagerMoveUpdate.objects.filter(move=OuterRef("pk"))
        if first is not None:
            steps = steps.filter(date__gte=first)
        if last is not None:
            steps = steps.filter(date__lte=last)
        return self.filter(Exists(steps))

    def open_first(self) -> Self:
        """Open moves first, then by their latest step, newest first."""
        closed = Case(When(status_then__in=CLOSED_STATUSES, then=1), default=0)
        return self.order_by(closed, "-changed_then", "-pk")

    def touching(self, clubs: list[Club]) -> Self:
        return self.filter(Q(from_club__in=clubs) | Q(to_club__in=clubs))


class ManagerMove(models.Model):
    """A manager leaving one post and/or heading for another, as it develops."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="moves")
    from_club = models.ForeignKey(Club, on_delete=models.PROTECT, null=True, blank=True, related_name="moves_out")
    to_club = models.ForeignKey(Club, on_delete=models.PROTECT, null=True, blank=True, related_name="moves_in")
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.HEAD_COACH)
    # The status of the newest update; kept here so lists can filter without a subquery.
    status = models.CharField(max_length=20, choices=MoveStatus.choices, default=MoveStatus.RUMOURED)
    summary = models.CharField(max_length=240, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ManagerMoveQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_club__isnull=False) | Q(to_club__isnull=False), name="move_has_a_club"
            ),
            models.CheckConstraint(
                condition=Q(from_club__isnull=True) | Q(to_club__isnull=True) | ~Q(from_club=F("to_club")),
                name="move_between_two_clubs",
            ),
        ]

    def __str__(self) -> str:
        parts = [str(self.person)]
        if self.from_club_id:
            parts.append(f"from {self.from_club}")
        if self.to_club_id:
            parts.append(f"to {self.to_club}")
        return " ".join(parts) + f" ({self.get_status_display().lower()})"


def source_url_validator(value: str) -> None:
    """A web address, or an address on this site (one slash, never two: //host is another site)."""
    if value.startswith("/") and not value.startswith("//"):
        return
    URLValidator(schemes=["http", "https"])(value)


class ManagerMoveUpdate(models.Model):
    """One dated step in a move's story, citing where it was reported."""

    move = models.ForeignKey(ManagerMove, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField()
    date_is_approximate = models.BooleanField(default=False, help_text="Tick when only the month or week is known.")
    status = models.CharField(max_length=20, choices=MoveStatus.choices)
    departure_confirmed = models.BooleanField(
        default=False,
        help_text="Tick when the person's leaving their current post is confirmed (by them or the club), "
        "whatever becomes of the next one.",
    )
    summary = models.TextField()
    source_name = models.CharField(max_length=120)
    source_url = models.CharField(
        max_length=500,
        blank=True,
        validators=[source_url_validator],
        help_text="The source's address: a web address (https://…) or one of this site's articles (/articles/…).",
    )

    class Meta:
        ordering = ["move", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.date}: {self.get_status_display()}"


class Honour(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="honours")
    title = models.CharField(max_length=120, help_text="e.g. Bundesliga")
    competition = models.ForeignKey(Competition, on_delete=models.SET_NULL, null=True, blank=True)
    club = models.ForeignKey(Club, on_delete=models.SET_NULL, null=True, blank=True, related_name="honours")
    season_label = models.CharField(max_length=7, help_text="2023-24, or a year.")
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.HEAD_COACH)

    class Meta:
        ordering = ["person", "-season_label"]
        constraints = [
            models.UniqueConstraint(fields=["person", "title", "season_label", "role"], name="honour_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.season_label} ({self.person})"
