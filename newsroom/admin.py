from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.utils import unquote
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html

from matches.revisions import CompareVersionsAdmin
from newsroom.actions import (
    ArticleChangedMeanwhile,
    can_publish,
    next_steps,
    publish_article,
    request_changes,
    save_article_edit,
    set_quote_verification,
    submit_for_review,
    unpublish_article,
)
from newsroom.editing import ArticleEditForm
from newsroom.http import AuthenticatedHttpRequest
from newsroom.models import Article, Author, Quote, Section, Tag


def restoring(request: HttpRequest) -> bool:
    """Whether this is the history's revision or recover page, which reuse the change form to restore a version."""
    match = request.resolver_match
    return match is not None and (match.url_name or "").endswith(("_revision", "_recover"))


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


class StateFilter(admin.SimpleListFilter):
    """The workflow's states as editors name them: a published story whose time has not come is scheduled."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        states = [(status.value, status.label) for status in Article.Status if status != Article.Status.PUBLISHED]
        return [*states, ("scheduled", "Scheduled"), ("live", "Published and live")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value, now = self.value(), timezone.now()
        if value == "scheduled":
            return queryset.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
        if value == "live":
            return queryset.filter(status=Article.Status.PUBLISHED, published_at__lte=now)
        if value in Article.Status.values:
            return queryset.filter(status=value)
        return queryset


# Fields only an editor may set: they decide what the public sees, and when. The status itself moves only
# through the workflow's actions (the article's "Status and next steps" page), never by editing the field.
PUBLISHING_FIELDS = ("published_at", "content_updated_at", "is_lead")
STEP_LABELS = {
    "submit": "Submit for review",
    "request_changes": "Ask for changes",
    "publish": "Publish now",
    "schedule": "Schedule",
    "unpublish": "Unpublish",
}


class WorkflowForm(forms.Form):
    """One step of the workflow, as the article's workflow page posts it."""

    step = forms.ChoiceField(choices=list(STEP_LABELS.items()))
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    at = forms.DateTimeField(
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=f"In the newsroom's time, {timezone.get_current_timezone_name()}.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("step") == "schedule":
            at = data.get("at")
            if at is None:
                raise ValidationError({"at": "Give the time the story goes live."})
            if at <= timezone.now():
                raise ValidationError({"at": "A schedule needs a time in the future; publish now instead."})
        return data


@admin.register(Article)
class ArticleAdmin(CompareVersionsAdmin):
    form = ArticleEditForm
    list_display = ["headline", "kind", "state", "published_at", "section", "match"]
    list_filter = [
        StateFilter,
        "kind",
        "section",
        "competition",
        ("authors", admin.RelatedOnlyFieldListFilter),
        "tags",
    ]
    search_fields = ["headline", "standfirst", "body", "slug"]
    list_select_related = ["section", "match__home", "match__away"]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["match", "competition", "clubs", "people", "tags", "authors", "section"]
    date_hierarchy = "published_at"
    actions = ["publish_selected", "unpublish_selected"]
    inlines = [QuoteInline]
    fieldsets = [
        (None, {"fields": ["workflow"]}),
        (None, {"fields": ["kind", "headline", "slug", "standfirst", "body", "authors"]}),
        ("About", {"fields": ["match", "competition", "clubs", "people", "section", "tags"]}),
        ("Picture", {"fields": ["hero_image", "hero_caption", "hero_credit", "hero_alt"], "classes": ["collapse"]}),
        ("Publishing", {"fields": list(PUBLISHING_FIELDS)}),
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: Article | None = None) -> list[str]:
        if can_publish(request.user):
            return ["workflow"]
        return ["workflow", *PUBLISHING_FIELDS]

    @admin.display(description="Status and next steps")
    def workflow(self, article: Article) -> str:
        """Always in view at the top of the form: the state, and the way to what can happen next."""
        if article.pk is None:
            return "Draft: save it, then submit it for review."
        url = reverse("admin:newsroom_article_workflow", args=[article.pk])
        return format_html(
            '<strong>{}</strong> · <a href="{}">Review, publish or schedule, and the timeline →</a>',
            article.state,
            url,
        )

    def get_urls(self) -> list[URLPattern]:
        workflow = path(
            "<path:object_id>/workflow/",
            self.admin_site.admin_view(self.workflow_view),
            name="newsroom_article_workflow",
        )
        return [workflow, *super().get_urls()]

    def workflow_view(self, request: AuthenticatedHttpRequest, object_id: str) -> HttpResponse:
        """The article's state, the steps this user may take it through, and its timeline."""
        article = get_object_or_404(Article, pk=unquote(object_id))
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        steps = next_steps(article, request.user)
        form = WorkflowForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            if form.cleaned_data["step"] not in steps:
                raise PermissionDenied
            try:
                take_step(article, request.user, form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(request, f"{article.headline}: {article.state.lower()}.", messages.SUCCESS)
                return redirect("admin:newsroom_article_workflow", article.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": f"{article.headline}: status and next steps",
            "steps": [(step, STEP_LABELS[step]) for step in steps],
            "form": form,
            "events": article.events.select_related("user"),
        }
        return TemplateResponse(request, "admin/newsroom/article/workflow.html", context)

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

    def get_form(self, request: HttpRequest, obj: Article | None = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        if restoring(request):
            # Putting an old revision back replaces what is saved now on purpose (and keeps it in the history).
            return type(form.__name__, (form,), {"checks_version": False})
        return form

    def save_model(self, request: HttpRequest, obj: Article, form: ArticleEditForm, change: bool) -> None:
        if change and form.checks_version:
            save_article_edit(article=obj, opened_at=form.cleaned_data["opened_at"])
        else:
            super().save_model(request, obj, form, change)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        # The form's own check refuses a stale save with the editor's text kept; this is the rare save that
        # passed it while another committed (where the database cannot lock the row), refused all the same.
        try:
            return super().change_view(request, object_id, form_url, extra_context)
        except ArticleChangedMeanwhile as error:
            message = f"{error} Nothing was saved: reopen it and make your change again."
            self.message_user(request, message, messages.ERROR)
            return redirect(request.get_full_path())

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

    @admin.action(description="Unpublish selected articles")
    def unpublish_selected(self, request: AuthenticatedHttpRequest, queryset: QuerySet[Article]) -> None:
        done = 0
        for article in queryset:
            try:
                unpublish_article(article=article, editor=request.user)
                done += 1
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, f"{article}: {error_text(error)}", messages.ERROR)
        self.message_user(request, f"Unpublished {done} article(s).", messages.SUCCESS)


def take_step(article: Article, user: User, data: dict[str, Any]) -> Article:
    """The workflow action for the step the form chose (each checks its own permission and preconditions)."""
    step, note = data["step"], data.get("note") or ""
    if step == "submit":
        return submit_for_review(article=article, writer=user, note=note)
    if step == "request_changes":
        return request_changes(article=article, editor=user, note=note)
    if step == "unpublish":
        return unpublish_article(article=article, editor=user, note=note)
    at = data.get("at") if step == "schedule" else None
    return publish_article(article=article, editor=user, at=at, note=note)


@admin.register(Quote)
class QuoteAdmin(CompareVersionsAdmin):
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
