from typing import cast

from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateformat import format as date_format
from reversion.admin import VersionAdmin

from newsroom.actions import (
    ONLY_PUBLIC_CORRECTED,
    append_correction,
    can_publish,
    is_public,
    publish_article,
    set_quote_verification,
    unpublish_article,
)
from newsroom.http import AuthenticatedHttpRequest
from newsroom.models import Article, Author, Correction, Quote, Section, Tag


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


class CorrectionFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        if any(form.has_changed() for form in self.extra_forms) and not is_public(self.instance):
            raise ValidationError(ONLY_PUBLIC_CORRECTED)


class CorrectionInline(admin.StackedInline):
    """An editor appends a correction to a public story; once saved it is shown as it stands, for good.

    Saving goes through `append_correction` (ArticleAdmin.save_formset), never the formset's own save.
    """

    model = Correction
    formset = CorrectionFormSet
    extra = 0
    fields = ["text", "published", "editor"]
    readonly_fields = ["published", "editor"]
    can_delete = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Correction]:
        # Shown wherever the inline is (has_view_permission decides, per story), not only to holders of a
        # model permission on corrections.
        return Correction.objects.select_related("editor")

    @admin.display(description="Published")
    def published(self, correction: Correction) -> str:
        if correction.pk is None:
            return "When saved"
        return date_format(timezone.localtime(correction.published_at), "j F Y, H:i")

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # Whoever may see a story that has been public sees what was corrected in it.
        return isinstance(obj, Article) and obj.published_at is not None

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return isinstance(obj, Article) and is_public(obj) and can_publish(request.user)

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


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
    inlines = [QuoteInline, CorrectionInline]
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

    def save_formset(self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool) -> None:
        if formset.model is not Correction:
            super().save_formset(request, form, formset, change)
            return
        editor = cast(AuthenticatedHttpRequest, request).user
        for correction in formset.save(commit=False):  # only new ones: saved corrections are read-only
            try:
                append_correction(article=form.instance, text=correction.text, editor=editor)
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, f"The correction was not added: {error_text(error)}", messages.ERROR)

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
