from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from reversion.admin import VersionAdmin

from matches import admin as matches_admin
from matches.models import Match, MatchQuerySet
from newsroom.actions import (
    DRAFT_PERMISSION,
    can_publish,
    draft_from_match,
    publish_article,
    set_quote_verification,
    unpublish_article,
)
from newsroom.http import AuthenticatedHttpRequest
from newsroom.models import Article, Author, Quote, Section, Tag


def error_text(error: PermissionDenied | ValidationError) -> str:
    return "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)


class InUseFilter(admin.SimpleListFilter):
    """Sections and tags no article uses are the ones to tidy away."""

    title = "in use"
    parameter_name = "in_use"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("yes", "Used by articles"), ("no", "Unused")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() in {"yes", "no"}:
            return queryset.filter(articles__isnull=self.value() == "no").distinct()
        return queryset


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_filter = [InUseFilter]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    list_filter = [InUseFilter]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "user"]
    list_filter = [("user", admin.EmptyFieldListFilter)]
    search_fields = ["name", "role"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]


class QuoteInline(admin.StackedInline):
    model = Quote
    extra = 0
    fields = ["text", "speaker", "speaker_name", "said_on", "occasion", "verification", "paragraph", "context"]
    autocomplete_fields = ["speaker"]


# Fields only an editor may set: they decide what the public sees, and when.
PUBLISHING_FIELDS = ("status", "published_at", "content_updated_at", "is_lead")


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
    list_display = ["headline", "kind", "status", "published_at", "section", "match"]
    list_filter = ["status", "kind", "section", "competition", "tags"]
    search_fields = ["headline", "standfirst", "body", "slug"]
    list_select_related = ["section", "match__home", "match__away"]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["match", "competition", "clubs", "people", "tags", "authors", "section"]
    date_hierarchy = "published_at"
    actions = ["publish_selected", "unpublish_selected"]
    inlines = [QuoteInline]
    fieldsets = [
        (None, {"fields": ["kind", "headline", "slug", "standfirst", "body", "authors"]}),
        ("About", {"fields": ["match", "competition", "clubs", "people", "section", "tags"]}),
        ("Picture", {"fields": ["hero_image", "hero_caption", "hero_credit", "hero_alt"], "classes": ["collapse"]}),
        ("Publishing", {"fields": list(PUBLISHING_FIELDS)}),
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: Article | None = None) -> list[str]:
        if can_publish(request.user):
            return []
        return list(PUBLISHING_FIELDS)

    def has_change_permission(self, request: HttpRequest, obj: Article | None = None) -> bool:
        # A writer may not rewrite what is already public; corrections go through an editor.
        if obj is not None and obj.status == Article.Status.PUBLISHED and not can_publish(request.user):
            return False
        return super().has_change_permission(request, obj)

    def get_actions(self, request: HttpRequest, action_location: ActionLocation = ActionLocation.CHANGE_LIST) -> dict:
        actions = super().get_actions(request, action_location)
        if not can_publish(request.user):
            actions.pop("publish_selected", None)
            actions.pop("unpublish_selected", None)
        return actions

    @admin.action(description="Publish selected articles now")
    def publish_selected(self, request: AuthenticatedHttpRequest, queryset: QuerySet[Article]) -> None:
        done = 0
        for article in queryset:
            try:
                publish_article(article=article, editor=request.user)
                done += 1
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, f"{article}: {error_text(error)}", messages.ERROR)
        self.message_user(request, f"Published {done} article(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected articles (back to draft)")
    def unpublish_selected(self, request: AuthenticatedHttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset:
            unpublish_article(article=article, editor=request.user)
        self.message_user(request, f"Unpublished {queryset.count()} article(s).", messages.SUCCESS)


@admin.register(Quote)
class QuoteAdmin(VersionAdmin):
    list_display = ["short_text", "speaker_label", "said_on", "occasion", "verification", "source_article"]
    list_filter = ["verification", "occasion", "said_on"]
    search_fields = ["text", "speaker__name", "speaker_name", "context"]
    list_select_related = ["speaker", "source_article"]
    autocomplete_fields = ["speaker", "match", "source_article"]
    actions = ["mark_verified", "mark_rejected"]

    @admin.display(description="Quote")
    def short_text(self, obj: Quote) -> str:
        return obj.text if len(obj.text) <= 90 else obj.text[:89] + "…"

    @admin.display(description="Speaker")
    def speaker_label(self, obj: Quote) -> str:
        return obj.speaker_label

    @admin.action(description="Mark selected quotes verified")
    def mark_verified(self, request: AuthenticatedHttpRequest, queryset: QuerySet[Quote]) -> None:
        count = set_quote_verification(quotes=queryset, verification=Quote.Verification.VERIFIED, editor=request.user)
        self.message_user(request, f"{count} quote(s) verified.", messages.SUCCESS)

    @admin.action(description="Mark selected quotes rejected")
    def mark_rejected(self, request: AuthenticatedHttpRequest, queryset: QuerySet[Quote]) -> None:
        count = set_quote_verification(quotes=queryset, verification=Quote.Verification.REJECTED, editor=request.user)
        self.message_user(request, f"{count} quote(s) rejected.", messages.SUCCESS)


# The Match admin is registered by `matches`, which may not know the newsroom (imports run one way). The newsroom
# re-registers it as a subclass carrying the one action that needs articles: the class stays a plain ModelAdmin
# that `matches` owns, and nothing reaches into the admin site's private registry.
class MatchAdmin(matches_admin.MatchAdmin):
    # Keep whatever actions `matches` declares (the attribute is typed per instance, hence getattr).
    actions = [*(getattr(matches_admin.MatchAdmin, "actions", None) or ()), "draft_from_data"]

    def has_draft_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(DRAFT_PERMISSION)

    @admin.action(description="Draft a preview or report", permissions=["draft"])
    def draft_from_data(self, request: AuthenticatedHttpRequest, queryset: MatchQuerySet) -> HttpResponse | None:
        drafted, chosen = [], list(queryset.with_related())
        for match in chosen:
            try:
                drafted.append(draft_from_match(match=match, author=request.user))
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, f"{match}: {error_text(error)}", messages.ERROR)
        if len(drafted) == len(chosen) == 1:
            return HttpResponseRedirect(reverse("admin:newsroom_article_change", args=[drafted[0].pk]))
        if drafted:
            self.message_user(request, f"Drafted {len(drafted)} article(s).", messages.SUCCESS)
        return None


admin.site.unregister(Match)
admin.site.register(Match, MatchAdmin)
