from __future__ import annotations

from typing import Any

import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from matches.revisions import CompareVersionsAdmin
from people.actions import create_move, record_move_update, refuse_if_in_charge
from people.models import Honour, ManagerMove, ManagerMoveUpdate, MoveStatus, Person, Tenure


class TenureInline(admin.TabularInline):
    model = Tenure
    extra = 0
    autocomplete_fields = ["club"]


class HonourInline(admin.TabularInline):
    model = Honour
    extra = 0
    autocomplete_fields = ["club", "competition"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "known_as", "nationality", "birth_date"]
    list_filter = ["nationality"]
    search_fields = ["name", "known_as", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TenureInline, HonourInline]


@admin.register(Tenure)
class TenureAdmin(admin.ModelAdmin):
    list_display = ["person", "club", "role", "start_date", "end_date", "contract_until", "how_ended"]
    list_filter = ["role", "how_ended", ("end_date", admin.EmptyFieldListFilter)]
    search_fields = ["person__name", "club__name"]
    list_select_related = ["person", "club"]
    autocomplete_fields = ["person", "club"]


class ManagerMoveUpdateInline(admin.StackedInline):
    """A move's steps, read here; each is added by "Record the next step" (the action keeps them in order and
    changes the tenures on completion). Wording and sources may still be corrected."""

    model = ManagerMoveUpdate
    extra = 0
    can_delete = False
    readonly_fields = ["date", "status", "departure_confirmed"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ManagerMoveForm(ModelForm):
    class Meta:
        model = ManagerMove
        fields = ["person", "from_club", "to_club", "role", "summary"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        person, to_club = data.get("person"), data.get("to_club")
        if self.instance.pk is None and person is not None and to_club is not None:
            refuse_if_in_charge(person=person, club=to_club, day=timezone.localdate())
        return data


class NextStepForm(forms.Form):
    date = forms.DateField(initial=timezone.localdate, help_text="The day it was reported, or happened.")
    date_is_approximate = forms.BooleanField(required=False, label="Only the month or week is known")
    status = forms.ChoiceField(choices=MoveStatus.choices)
    departure_confirmed = forms.BooleanField(
        required=False, help_text=ManagerMoveUpdate._meta.get_field("departure_confirmed").help_text
    )
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    source_name = forms.CharField(max_length=120)
    source_url = forms.CharField(
        max_length=500, required=False, help_text=ManagerMoveUpdate._meta.get_field("source_url").help_text
    )
    how_old_post_ended = forms.ChoiceField(
        choices=Tenure.Ending.choices,
        initial=Tenure.Ending.MOVED,
        help_text="On completion: how the old post ends (the day before).",
    )


@admin.register(ManagerMove)
class ManagerMoveAdmin(CompareVersionsAdmin):
    form = ManagerMoveForm
    list_display = ["person", "from_club", "to_club", "role", "status", "updated_at"]
    list_filter = ["status", "role"]
    search_fields = ["person__name", "from_club__name", "to_club__name", "summary"]
    list_select_related = ["person", "from_club", "to_club"]
    autocomplete_fields = ["person", "from_club", "to_club"]
    inlines = [ManagerMoveUpdateInline]
    readonly_fields = ["status", "next_step"]
    actions = ["record_next_step"]

    def save_model(self, request: HttpRequest, obj: ManagerMove, form: ModelForm, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        fields = {name: form.cleaned_data[name] for name in ("person", "from_club", "to_club", "role", "summary")}
        saved = create_move(**fields, on=timezone.localdate())
        # The admin goes on with its own instance (its inlines and log entry hold it): give it the saved row.
        obj.pk, obj.updated_at, obj._state.adding = saved.pk, saved.updated_at, False

    @admin.display(description="Next step")
    def next_step(self, move: ManagerMove) -> SafeString | str:
        if move.pk is None:
            return "Save the move, then record its steps."
        url = reverse("admin:people_managermove_next_step", args=[move.pk])
        return format_html('<a class="button" href="{}">Record the next step</a>', url)

    @admin.action(description="Record the next step of the selected move", permissions=["change"])
    def record_next_step(self, request: HttpRequest, queryset: QuerySet[ManagerMove]) -> HttpResponse | None:
        if queryset.count() != 1:
            self.message_user(request, "Choose one move to record its next step.", messages.WARNING)
            return None
        move = queryset.get()
        return HttpResponseRedirect(reverse("admin:people_managermove_next_step", args=[move.pk]))

    def get_urls(self) -> list[URLPattern]:
        step = path(
            "<int:pk>/next-step/",
            self.admin_site.admin_view(self.next_step_view),
            name="people_managermove_next_step",
        )
        return [step, *super().get_urls()]

    def next_step_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """One form, one action: the step is recorded (and, on completion, the tenures changed) or refused with
        the reason, nothing saved."""
        move = get_object_or_404(ManagerMove.objects.with_related(), pk=pk)
        if not self.has_change_permission(request, move):
            raise PermissionDenied
        form = NextStepForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                # A revision in the move's history, as an edit in its change form would make.
                with reversion.create_revision():
                    record_move_update(move=move, **form.cleaned_data)
                    reversion.set_user(request.user)
                    reversion.set_comment(f"Next step: {MoveStatus(form.cleaned_data['status']).label.lower()}")
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(request, f"Recorded: {move.person} — {form.cleaned_data['status']}.")
                return HttpResponseRedirect(reverse("admin:people_managermove_change", args=[move.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "move": move,
            "last_step": list(move.updates.all())[-1:],
            "form": form,
            "title": f"Next step: {move}",
        }
        return TemplateResponse(request, "admin/people/managermove/next_step.html", context)


@admin.register(Honour)
class HonourAdmin(admin.ModelAdmin):
    list_display = ["title", "season_label", "person", "club", "role"]
    list_filter = ["role", "competition"]
    search_fields = ["title", "person__name", "club__name"]
    list_select_related = ["person", "club"]
    autocomplete_fields = ["person", "club", "competition"]
