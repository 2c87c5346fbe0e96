from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from matches.revisions import CompareVersionsAdmin
from people.actions import sync_move_status
from people.models import Honour, ManagerMove, ManagerMoveUpdate, Person, Tenure


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
    model = ManagerMoveUpdate
    extra = 1


@admin.register(ManagerMove)
class ManagerMoveAdmin(CompareVersionsAdmin):
    list_display = ["person", "from_club", "to_club", "role", "status", "updated_at"]
    list_filter = ["status", "role"]
    search_fields = ["person__name", "from_club__name", "to_club__name", "summary"]
    list_select_related = ["person", "from_club", "to_club"]
    autocomplete_fields = ["person", "from_club", "to_club"]
    inlines = [ManagerMoveUpdateInline]
    readonly_fields = ["status"]

    def save_related(self, request: HttpRequest, form: ModelForm, formsets: list, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        sync_move_status(move=form.instance)


@admin.register(Honour)
class HonourAdmin(admin.ModelAdmin):
    list_display = ["title", "season_label", "person", "club", "role"]
    list_filter = ["role", "competition"]
    search_fields = ["title", "person__name", "club__name"]
    list_select_related = ["person", "club"]
    autocomplete_fields = ["person", "club", "competition"]
