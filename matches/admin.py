from django.contrib import admin
from django.db import transaction
from django.forms import ModelForm
from django.http import HttpRequest

from matches import live
from matches.models import Club, Competition, Match, PointDeduction, Season, Tie, Venue


@admin.register(Competition)
class CompetitionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "country", "tie_break_rules"]
    list_filter = ["kind", "tie_break_rules", "country"]
    search_fields = ["name", "code", "short_name"]


class PointDeductionInline(admin.TabularInline):
    model = PointDeduction
    extra = 0
    autocomplete_fields = ["club"]


@admin.register(Season)
class SeasonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "competition", "label", "start_date", "end_date"]
    list_filter = ["competition", "label"]
    search_fields = ["competition__name", "competition__code", "label"]
    list_select_related = ["competition"]
    filter_horizontal = ["clubs"]
    inlines = [PointDeductionInline]


@admin.register(Club)
class ClubAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "country", "is_national_team"]
    list_filter = ["is_national_team", "country"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "country", "capacity"]
    list_filter = ["country"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["clubs"]


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ["__str__", "season", "round_name", "kickoff", "status", "home_score", "away_score", "minute"]
    list_filter = ["status", "stage", "season__competition", "season__label"]
    search_fields = ["home__name", "away__name", "round_name", "venue__name"]
    list_select_related = ["season__competition", "home", "away"]
    autocomplete_fields = ["home", "away", "venue", "season", "tie"]
    date_hierarchy = "kickoff"
    fieldsets = [
        (None, {"fields": ["season", "round_name", "stage", "matchday", "leg", "tie"]}),
        ("Fixture", {"fields": ["home", "away", "kickoff", "kickoff_time_known", "venue"]}),
        ("Live", {"fields": ["status", "minute"]}),
        (
            "Score",
            {
                "fields": [
                    ("home_score", "away_score"),
                    ("home_ht", "away_ht"),
                    ("home_et", "away_et"),
                    ("home_pens", "away_pens"),
                    ("home_awarded", "away_awarded"),
                ],
                "description": "After 90 minutes (or now, in play); half-time; after extra time; shoot-out; awarded.",
            },
        ),
    ]

    def save_model(self, request: HttpRequest, obj: Match, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # Open match pages pick up a score corrected here on their next poll, as from the score API.
        transaction.on_commit(lambda: live.bump(match_id=obj.pk, season_id=obj.season_id))


@admin.register(Tie)
class TieAdmin(admin.ModelAdmin):
    list_display = ["__str__", "stage", "winner", "decided_by"]
    list_filter = ["stage", "decided_by", "season__competition"]
    search_fields = ["club_a__name", "club_b__name"]
    list_select_related = ["season__competition", "club_a", "club_b", "winner"]
    autocomplete_fields = ["club_a", "club_b", "winner", "season"]


@admin.register(PointDeduction)
class PointDeductionAdmin(admin.ModelAdmin):
    list_display = ["club", "season", "points", "reason", "decided_on"]
    list_filter = ["season__competition", "season__label"]
    search_fields = ["club__name", "reason"]
    list_select_related = ["club", "season__competition"]
    autocomplete_fields = ["club", "season"]
