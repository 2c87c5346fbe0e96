from typing import Any

from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from matches import live
from matches.actions import settle_legs_of
from matches.display import match_label
from matches.facts import match_facts
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
    list_display = ["__str__", "competition", "label", "start_date", "end_date", "curtailed"]
    list_filter = ["competition", "label", "curtailed"]
    search_fields = ["competition__name", "competition__code", "label"]
    list_select_related = ["competition"]
    filter_horizontal = ["clubs"]
    inlines = [PointDeductionInline]

    def save_related(self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # A deduction or a curtailment changes the table: its live versions (and the API's cache) move on.
        season_id = form.instance.pk
        transaction.on_commit(lambda: live.bump_many(match_ids=[], season_id=season_id))


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
    readonly_fields = ["facts_at_kickoff"]
    fieldsets = [
        ("Facts at kick-off", {"fields": ["facts_at_kickoff"], "classes": ["collapse"]}),
        (None, {"fields": ["season", "round_name", "stage", "group", "matchday", "leg", "tie"]}),
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

    @admin.display(description="Where both sides stood")
    def facts_at_kickoff(self, match: Match) -> str:
        """For an editor writing a preview: the table facts as of this match's kick-off."""
        if match.pk is None or not match.has_table:
            return "Only for a league or league-phase match that has been saved."
        facts = match_facts(Match.objects.with_related().get(pk=match.pk))
        lines = [facts.headline_fact or "No table yet."]
        for side in (facts.home, facts.away):
            if side.row and side.race:
                lines.append(
                    f"{side.club.display_name}: {side.row.position}, {side.row.points} pts from {side.row.played}, "
                    f"{side.race.matches_left} left (max {side.race.max_points}), "
                    f"{side.race.gap_to_leader} behind the leader; {', '.join(side.decided) or 'nothing settled'}."
                )
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))

    def get_queryset(self, request: HttpRequest) -> QuerySet[Match]:
        # Pickers label a match with its competition and clubs (autocomplete_label): loaded with it.
        return super().get_queryset(request).select_related("season__competition", "home", "away")

    def autocomplete_label(self, match: Match) -> str:
        return match_label(match)

    def save_model(self, request: HttpRequest, obj: Match, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # A leg corrected here settles its tie again, as a score from the score API does; a match moved out of
        # a tie leaves the one it was in to be settled from its remaining legs.
        earlier = form.initial.get("tie")
        for tie_id in dict.fromkeys(t for t in (obj.tie_id, earlier) if t is not None):
            settle_legs_of(obj, tie_id)
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

    def save_model(self, request: HttpRequest, obj: PointDeduction, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        transaction.on_commit(lambda: live.bump_many(match_ids=[], season_id=obj.season_id))
