from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest
from reversion.admin import VersionAdmin

from newsroom.actions import (
    can_publish,
    check_label_write,
    check_quote_write,
    is_live_quote,
    on_a_live_story,
    publish_article,
    save_quote,
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


class LiveLabelAdmin(admin.ModelAdmin):
    """A section, tag or author that a published story shows is an editor's to change or delete."""

    def has_change_permission(self, request: HttpRequest, obj: Section | Tag | Author | None = None) -> bool:
        live = obj is not None and on_a_live_story(obj) and not can_publish(request.user)
        return not live and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Section | Tag | Author | None = None) -> bool:
        live = obj is not None and on_a_live_story(obj) and not can_publish(request.user)
        return not live and super().has_delete_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Section | Tag | Author, form: ModelForm, change: bool) -> None:
        check_label_write(label=obj, user=request.user)
        super().save_model(request, obj, form, change)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        # The bulk delete asks has_delete_permission without an object: each label is checked here.
        for label in queryset:
            check_label_write(label=label, user=request.user)
        super().delete_queryset(request, queryset)


@admin.register(Section)
class SectionAdmin(LiveLabelAdmin):
    list_display = ["name", "slug", "order"]
    list_filter = [InUseFilter]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(LiveLabelAdmin):
    list_display = ["name", "slug"]
    list_filter = [InUseFilter]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(LiveLabelAdmin):
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

    # A story's quotes are read-only to a writer once it is published; verifying is an editor's call.
    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        return [] if can_publish(request.user) else ["verification"]

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not self.live_for_writer(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not self.live_for_writer(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not self.live_for_writer(request, obj) and super().has_delete_permission(request, obj)

    @staticmethod
    def live_for_writer(request: HttpRequest, article: Model | None) -> bool:
        published = isinstance(article, Article) and article.status == Article.Status.PUBLISHED
        return published and not can_publish(request.user)


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

    def save_formset(self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool) -> None:
        if formset.model is not Quote:
            super().save_formset(request, form, formset, change)
            return
        for quote in formset.save(commit=False):
            save_quote(quote=quote, user=request.user)
        for quote in formset.deleted_objects:
            check_quote_write(quote=quote, user=request.user)
            quote.delete()

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


class QuoteForm(forms.ModelForm):
    """The quote admin's form: a writer's quote must belong to a story not yet published."""

    user: AbstractUser | AnonymousUser  # the request's user, set by QuoteAdmin.get_form

    def clean(self) -> dict[str, Any]:
        super().clean()
        probe = Quote(source_article=self.cleaned_data.get("source_article"))
        if not can_publish(self.user) and is_live_quote(probe):
            self.add_error("source_article", "A writer's quote belongs to a story that is not yet published.")
        return self.cleaned_data


@admin.register(Quote)
class QuoteAdmin(VersionAdmin):
    list_display = ["short_text", "speaker_label", "said_on", "occasion", "verification", "source_article"]
    list_filter = ["verification", "occasion", "said_on"]
    search_fields = ["text", "speaker__name", "speaker_name", "context"]
    list_select_related = ["speaker", "source_article"]
    autocomplete_fields = ["speaker", "match", "source_article"]
    actions = ["mark_verified", "mark_rejected"]
    form = QuoteForm

    def get_readonly_fields(self, request: HttpRequest, obj: Quote | None = None) -> list[str]:
        return [] if can_publish(request.user) else ["verification"]

    def get_form(self, request: HttpRequest, obj: Quote | None = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user  # type: ignore[attr-defined]  # a fresh form class per request
        return form

    def has_change_permission(self, request: HttpRequest, obj: Quote | None = None) -> bool:
        live = obj is not None and is_live_quote(obj) and not can_publish(request.user)
        return not live and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Quote | None = None) -> bool:
        live = obj is not None and is_live_quote(obj) and not can_publish(request.user)
        return not live and super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest, action_location: ActionLocation = ActionLocation.CHANGE_LIST) -> dict:
        actions = super().get_actions(request, action_location)
        if not can_publish(request.user):
            actions.pop("mark_verified", None)
            actions.pop("mark_rejected", None)
        return actions

    def save_model(self, request: HttpRequest, obj: Quote, form: ModelForm, change: bool) -> None:
        save_quote(quote=obj, user=request.user)

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
