"""The moves tracker: what its address may ask for (a form that says what is wrong), the moves as they stood,
and the club vacancies on that day."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from matches.models import Club, Competition
from people.models import MoveStatus
from people.selectors import MoveFilters, vacancies

MOVES_PER_PAGE = 20


class IsoDateField(forms.DateField):
    """YYYY-MM-DD only, as the address promises (Django's own would take 05/10/2025 too)."""

    input_formats = ["%Y-%m-%d"]
    default_error_messages = {"invalid": "Write the date as YYYY-MM-DD, for example 2025-05-09."}


class MovesForm(forms.Form):
    """The tracker's filters. An unknown value is an error that names it; an empty one counts as absent."""

    status = forms.ChoiceField(choices=[("", "Any status"), *MoveStatus.choices], required=False)
    competition = forms.ModelChoiceField(
        queryset=Competition.objects.order_by("name"),
        to_field_name="code",
        required=False,
        empty_label="Any competition",
        error_messages={"invalid_choice": "There is no competition with that code."},
    )
    club = forms.ModelChoiceField(
        queryset=Club.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any club",
        error_messages={"invalid_choice": "There is no club with that name."},
    )
    date_from = IsoDateField(required=False, label="Changed from")
    date_to = IsoDateField(required=False, label="to")
    as_of = IsoDateField(required=False, label="As it stood on")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and first > last:
            raise forms.ValidationError("“Changed from” is after “to”: swap the dates.")
        return data

    def filters(self) -> MoveFilters:
        """Precondition: the form is valid."""
        data = self.cleaned_data
        return MoveFilters(
            as_of=data["as_of"] or timezone.localdate(),
            status=data["status"],
            club=data["club"],
            competition=data["competition"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )


def clubs_on_the_move() -> QuerySet[Club]:
    """The clubs any move names, for the club filter: lazy, the htmx fragment never reads it."""
    named = Q(moves_in__isnull=False) | Q(moves_out__isnull=False)
    return Club.objects.filter(named).distinct().order_by("name")


def form_errors(form: forms.Form) -> str:
    """Every error of an invalid form in one sentence per field, naming the filter."""
    return " ".join(
        f"{form[name].label if name in form.fields else 'Dates'}: {' '.join(str(e) for e in errors)}"
        for name, errors in form.errors.items()
    )


def moves_context(filters: MoveFilters) -> dict[str, object]:
    """The vacancies as they stood at the end of `filters.as_of` (the moves are `tracked_moves`, to page)."""
    return {
        "filters": filters,
        "vacancies": vacancies(filters.as_of, club=filters.club, competition=filters.competition),
        "is_past": filters.as_of < timezone.localdate(),
    }
