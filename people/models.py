"""People in football: who they are, where they work, where they are going, what they won.

People may refer to matches (a tenure is at a club); matches never refer back.
"""

from __future__ import annotations

import datetime
from typing import Self

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

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


class TenureQuerySet(models.QuerySet["Tenure"]):
    def current(self) -> Self:
        return self.filter(end_date__isnull=True)

    def coaching(self) -> Self:
        return self.filter(role__in=[Role.HEAD_COACH, Role.INTERIM_HEAD_COACH])

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

    @property
    def is_current(self) -> bool:
        return self.end_date is None


class MoveStatus(models.TextChoices):
    RUMOURED = "rumoured", "Rumoured"
    IN_TALKS = "in_talks", "In talks"
    AGREED = "agreed", "Agreed"
    ANNOUNCED = "announced", "Announced"
    COMPLETED = "completed", "Completed"
    COLLAPSED = "collapsed", "Collapsed"


class ManagerMoveQuerySet(models.QuerySet["ManagerMove"]):
    def with_related(self) -> Self:
        return self.select_related("person", "from_club", "to_club").prefetch_related("updates")

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


class ManagerMoveUpdate(models.Model):
    """One dated step in a move's story, citing where it was reported."""

    move = models.ForeignKey(ManagerMove, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField()
    date_is_approximate = models.BooleanField(default=False, help_text="Tick when only the month or week is known.")
    status = models.CharField(max_length=20, choices=MoveStatus.choices)
    summary = models.TextField()
    source_name = models.CharField(max_length=120)
    source_url = models.URLField(blank=True)

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
