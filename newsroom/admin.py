from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from reversion.admin import VersionAdmin

from newsroom.actions import (
    PREVIEW_HOURS,
    can_publish,
    create_preview_link,
    publish_article,
    revoke_preview_link,
    set_quote_verification,
    unpublish_article,
)
from newsroom.http import AuthenticatedHttpRequest
from newsroom.models import Article, Author, PreviewLink, Quote, Section, Tag


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


class PreviewLinkInline(admin.TabularInline):
    """An article's preview links, for editors only: read here, created and withdrawn on pages of their own
    (`ArticleAdmin.share_preview_view`, `withdraw_preview_view`) that go through the actions."""

    model = PreviewLink
    extra = 0
    can_delete = False
    readonly_fields = ["address", "created_by", "created_at", "expires_at", "state"]
    fields = list(readonly_fields)
    verbose_name = "preview link"
    request: HttpRequest

    def get_queryset(self, request: HttpRequest) -> QuerySet[PreviewLink]:
        # The admin makes its inlines afresh for each request (get_inline_instances), so keeping the request
        # here is safe: `address` needs it for an address a recipient can open.
        self.request = request
        return super().get_queryset(request).select_related("created_by")

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return can_publish(request.user)

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.display(description="Address to share")
    def address(self, link: PreviewLink) -> SafeString:
        url = self.request.build_absolute_uri(link.get_absolute_url())
        return format_html('<input type="text" readonly value="{}" size="50" aria-label="Preview address">', url)

    @admin.display(description="State")
    def state(self, link: PreviewLink) -> SafeString | str:
        if link.is_revoked:
            return "Withdrawn"
        if link.is_expired:
            return "Expired"
        withdraw = reverse("admin:newsroom_article_withdraw_preview", args=[link.article_id, link.pk])
        return format_html('Works · <a href="{}">Withdraw</a>', withdraw)


class PreviewLinkForm(forms.Form):
    hours = forms.IntegerField(
        min_value=PREVIEW_HOURS.start,
        max_value=PREVIEW_HOURS.stop - 1,
        initial=48,
        label="Works for (hours)",
        help_text="From 1 hour to 168 (a week). Anyone with the address can read the story until then.",
    )


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
    inlines = [QuoteInline, PreviewLinkInline]
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

    def get_inlines(self, request: HttpRequest, obj: Article | None) -> list[type[admin.options.InlineModelAdmin]]:
        # An article has preview links only once saved: the add page's form stays as it was.
        inlines = super().get_inlines(request, obj)
        return [i for i in inlines if obj is not None or i is not PreviewLinkInline]

    def get_urls(self) -> list[URLPattern]:
        previews = [
            path(
                "<path:object_id>/preview-links/new/",
                self.admin_site.admin_view(self.share_preview_view),
                name="newsroom_article_share_preview",
            ),
            path(
                "<path:object_id>/preview-links/<int:link_id>/withdraw/",
                self.admin_site.admin_view(self.withdraw_preview_view),
                name="newsroom_article_withdraw_preview",
            ),
        ]
        return previews + super().get_urls()

    def editable_article(self, request: HttpRequest, object_id: str) -> Article:
        """The article an editor is sharing; a 403 for anyone else, a 404 for no such article."""
        if not can_publish(request.user):
            raise PermissionDenied("Only editors can share or withdraw preview links.")
        article = self.get_object(request, object_id)
        if article is None or not self.has_view_permission(request, article):
            raise Http404("No such article.")
        return article

    def share_preview_view(self, request: AuthenticatedHttpRequest, object_id: str) -> HttpResponse:
        article = self.editable_article(request, object_id)
        form = PreviewLinkForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            link = create_preview_link(article=article, editor=request.user, hours=form.cleaned_data["hours"])
            address = request.build_absolute_uri(link.get_absolute_url())
            until = timezone.localtime(link.expires_at)
            self.message_user(request, f"Preview link created, working until {until:%d %b %Y, %H:%M}: {address}")
            return redirect("admin:newsroom_article_change", article.pk)
        return self.preview_page(request, article, "Share a preview", {"form": form})

    def withdraw_preview_view(self, request: AuthenticatedHttpRequest, object_id: str, link_id: int) -> HttpResponse:
        article = self.editable_article(request, object_id)
        link = get_object_or_404(PreviewLink.objects.for_page(), pk=link_id, article=article)
        if request.method == "POST":
            revoke_preview_link(link=link, editor=request.user)
            self.message_user(request, "Preview link withdrawn: it no longer opens the story.")
            return redirect("admin:newsroom_article_change", article.pk)
        return self.preview_page(request, article, "Withdraw a preview link", {"link": link, "now": timezone.now()})

    def preview_page(self, request: HttpRequest, article: Article, title: str, extra: dict) -> TemplateResponse:
        context = {**self.admin_site.each_context(request), "opts": self.opts, "original": article, "title": title}
        return TemplateResponse(request, "admin/newsroom/article/preview_link.html", {**context, **extra})

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
