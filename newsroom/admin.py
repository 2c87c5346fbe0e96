from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.utils import unquote
from django.contrib.auth.models import AbstractUser, AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Model, QuerySet
from django.forms import BaseInlineFormSet, ModelForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.views.decorators.vary import vary_on_headers

from matches import admin as matches_admin
from matches.display import match_label
from matches.models import Match, MatchQuerySet
from matches.revisions import CompareVersionsAdmin
from newsroom import token_admin  # noqa: F401  (registers the API tokens' admin)
from newsroom.actions import (
    DRAFT_PERMISSION,
    ONLY_PUBLIC_CORRECTED,
    PREVIEW_HOURS,
    ArticleChangedMeanwhile,
    append_correction,
    can_publish,
    check_label_write,
    check_quote_write,
    correct_speaker,
    create_preview_link,
    draft_from_match,
    is_live_quote,
    next_steps,
    on_a_live_story,
    publish_article,
    request_changes,
    revoke_preview_link,
    save_article_edit,
    save_quote,
    set_quote_verification,
    submit_for_review,
    suggest_quotes_from_body,
    unpublish_article,
)
from newsroom.editing import STEP_LABELS, ArticleEditForm, last_save, schedule_error
from newsroom.http import AuthenticatedHttpRequest, HtmxHttpRequest
from newsroom.models import (
    Article,
    ArticleImage,
    Author,
    Correction,
    PreviewLink,
    Quote,
    Section,
    Tag,
)
from people.models import Person


def restoring(request: HttpRequest) -> bool:
    """Whether this is the history's revision or recover page, which reuse the change form to restore a version."""
    match = request.resolver_match
    return match is not None and (match.url_name or "").endswith(("_revision", "_recover"))


def live_for_writer(request: HttpRequest, article: Article) -> bool:
    """Whether a non-editor is facing a published (or scheduled) story: what readers see, or will at a known
    time, is an editor's to change. The admin's quotes, pictures and the story itself all ask this."""
    return article.status == Article.Status.PUBLISHED and not can_publish(request.user)


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


class QuoteInlineForm(forms.ModelForm):
    """A saved quote's speaker and verification are set in the quote panel (QuoteDeskAdmin), one click each, while
    the form stays open: shown here but not posted, so saving a form opened before a click cannot undo it."""

    PANEL_FIELDS = ("speaker", "speaker_name", "verification")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            for name in self.PANEL_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True
            if "speaker" in self.fields:
                # Shown, not edited: the speaker the inline's query already loaded, with no lookup of its own
                # (an autocomplete widget looks its choice up again, a query per quote).
                speaker = self.instance.speaker
                choices = [(speaker.pk, speaker.name)] if speaker is not None else [("", "—")]
                self.fields["speaker"].widget = forms.Select(choices=choices)


class QuoteInline(admin.StackedInline):
    model = Quote
    form = QuoteInlineForm
    extra = 0
    fields = ["text", "speaker", "speaker_name", "said_on", "occasion", "verification", "paragraph", "context"]
    autocomplete_fields = ["speaker"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Quote]:
        return super().get_queryset(request).select_related("speaker")

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
        return isinstance(article, Article) and live_for_writer(request, article)


class CorrectionFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        if any(form.has_changed() for form in self.extra_forms) and not self.instance.is_live:
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
        return isinstance(obj, Article) and obj.is_live and can_publish(request.user)

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


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


class MatchChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return match_label(obj)


class BodyWithPreview(forms.Textarea):
    """The body's Markdown beside the story as readers will see it, refreshed as the writer types.

    The refresh button posts the whole form (headline, standfirst, body) to the preview view into the frame
    beside the text; nothing is saved until the writer saves. admin-desk.js presses it after a pause.
    """

    class Media:
        css = {"all": ["css/admin-desk.css"]}
        js = ["js/admin-desk.js"]

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        textarea = super().render(name, value, attrs, renderer)
        return format_html(
            '<div class="desk-write">{}<div class="desk-preview">'
            '<button type="submit" class="button desk-preview__refresh" formaction="{}" formtarget="article-preview"'
            ' formmethod="post" formnovalidate>Refresh preview</button>'
            '<iframe name="article-preview" class="desk-preview__frame" title="The story as readers will see it">'
            "</iframe></div></div>",
            textarea,
            reverse("article_draft_preview"),
        )


class StateFilter(admin.SimpleListFilter):
    """The workflow's states as editors name them: a published story whose time has not come is scheduled."""

    title = "state"
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        states = [(status.value, status.label) for status in Article.Status if status != Article.Status.PUBLISHED]
        return [*states, ("scheduled", "Scheduled"), ("live", "Published and live")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if value == "scheduled":
            return queryset & Article.objects.scheduled()
        if value == "live":
            return queryset & Article.objects.published()
        if value in Article.Status.values:
            return queryset.filter(status=value)
        return queryset


# Fields only an editor may set: they decide what the public sees, and when. The status itself moves only
# through the workflow's actions (the article's "Status and next steps" page), never by editing the field.
PUBLISHING_FIELDS = ("published_at", "content_updated_at", "is_lead")


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
        if data.get("step") == "schedule" and (problem := schedule_error(data.get("at"))):
            raise ValidationError({"at": problem})
        return data


class SpeakerForm(forms.Form):
    speaker = forms.CharField(max_length=120, label="Speaker")


QUOTE_VERDICTS = {"confirm": Quote.Verification.VERIFIED_TRANSCRIPT, "reject": Quote.Verification.REJECTED}
QUOTE_DESK_TEMPLATE = "admin/newsroom/article/quote_desk.html"


class QuoteDeskAdmin(admin.ModelAdmin):
    """The article form's "Quotes in this story" panel: find the quotes in the saved body, then confirm, reject or
    correct the speaker of each, one click each. Every click is a POST that goes through an action; htmx gets the
    panel back, a plain form post goes back to the change page."""

    def get_urls(self) -> list[URLPattern]:
        desk = [
            path(
                "<path:object_id>/quotes/",
                self.admin_site.admin_view(self.quote_desk_view),
                name="newsroom_article_quotes",
            ),
            path(
                "<path:object_id>/quotes/<int:quote_id>/<slug:verb>/",
                self.admin_site.admin_view(self.quote_view),
                name="newsroom_article_quote",
            ),
        ]
        return [*desk, *super().get_urls()]

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any | None = None,
    ) -> HttpResponse:
        if isinstance(obj, Article) and obj.pk is not None and not restoring(request):
            context["quote_desk"] = quote_desk(request.user, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def desk_article(self, request: HttpRequest, object_id: str) -> Article:
        article = self.get_object(request, unquote(object_id))
        if article is None or not self.has_view_permission(request, article):
            raise Http404("No such article.")
        return article

    @method_decorator(vary_on_headers("HX-Request"))
    def quote_desk_view(self, request: HtmxHttpRequest, object_id: str) -> HttpResponse:
        """GET: the panel (htmx) or the change page; POST: find the quotes in the saved body."""
        article = self.desk_article(request, object_id)
        if request.method != "POST":
            return self.quote_desk_answer(request, article)
        found = suggest_quotes_from_body(article=article, user=request.user)
        return self.quote_desk_answer(request, article, f"Found {found} new quote(s) in the text.")

    @method_decorator(vary_on_headers("HX-Request"))
    def quote_view(self, request: HtmxHttpRequest, object_id: str, quote_id: int, verb: str) -> HttpResponse:
        """Confirm, reject or correct the speaker of one of the article's quotes (POST only)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.desk_article(request, object_id)
        quote = get_object_or_404(
            Quote.objects.select_related("speaker", "source_article"), pk=quote_id, source_article=article
        )
        try:
            notice = quote_verb(verb, quote, request)
        except ValidationError as error:
            return self.quote_desk_answer(request, article, error_text(error), messages.ERROR)
        return self.quote_desk_answer(request, article, notice)

    def quote_desk_answer(
        self, request: HtmxHttpRequest, article: Article, notice: str = "", level: int = messages.SUCCESS
    ) -> HttpResponse:
        if request.htmx:
            desk = quote_desk(request.user, article, notice=notice, error=level == messages.ERROR)
            return TemplateResponse(request, QUOTE_DESK_TEMPLATE, {"quote_desk": desk})
        if notice:
            self.message_user(request, notice, level)
        return HttpResponseRedirect(reverse("admin:newsroom_article_change", args=[article.pk]) + "#quote-desk")


def quote_verb(verb: str, quote: Quote, request: HttpRequest) -> str:
    """Do what one button of the quote panel asks; returns what to tell the user. A 404 for an unknown verb."""
    user = request.user
    if verb in QUOTE_VERDICTS:
        editor = cast(AbstractUser, user)
        set_quote_verification(quotes=[quote], verification=QUOTE_VERDICTS[verb], editor=editor)
        return f"Quote {quote.get_verification_display().lower()}."
    if verb != "speaker":
        raise Http404("No such change to a quote.")
    form = SpeakerForm(request.POST)
    if not form.is_valid():
        raise ValidationError([m for errors in form.errors.values() for m in errors])
    name = form.cleaned_data["speaker"]
    people = list(Person.objects.filter(name__iexact=name)[:2])
    person = people[0] if len(people) == 1 else None
    correct_speaker(quote=quote, speaker=person, speaker_name=name, user=user)
    return f"Speaker now {quote.speaker_label}."


def quote_desk(
    user: AbstractUser | AnonymousUser, article: Article, *, notice: str = "", error: bool = False
) -> dict[str, Any]:
    """What the quote panel shows `user` of `article`, in two queries however many quotes it has."""
    open_to_user = article.status != Article.Status.PUBLISHED or can_publish(user)
    return {
        "article": article,
        "quotes": list(article.quotes.select_related("speaker").in_reading_order()),
        "people": list(Person.objects.order_by("name").values_list("name", flat=True)),
        "can_find": open_to_user and user.has_perm("newsroom.add_quote"),
        "can_correct": open_to_user and user.has_perm("newsroom.change_quote"),
        "can_verify": can_publish(user) and user.has_perm("newsroom.change_quote"),
        "notice": notice,
        "error": error,
    }


@admin.register(Article)
class ArticleAdmin(QuoteDeskAdmin, CompareVersionsAdmin):
    form = ArticleEditForm
    list_display = ["headline", "kind", "state", "published_at", "section", "match"]
    list_filter = [
        StateFilter,
        "kind",
        "section",
        "competition",
        ("authors", admin.RelatedOnlyFieldListFilter),
        "tags",
        "published_at",
        "updated_at",
    ]
    search_fields = ["headline", "standfirst", "body", "slug"]
    list_select_related = ["section", "match__home", "match__away"]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["match", "competition", "clubs", "people", "tags", "authors", "section"]
    date_hierarchy = "published_at"
    actions = ["publish_selected", "unpublish_selected"]
    inlines = [QuoteInline, CorrectionInline, PreviewLinkInline]
    fieldsets = [
        (None, {"fields": ["kind", "headline", "slug", "standfirst", "body", "authors"]}),
        ("About", {"fields": ["match", "competition", "clubs", "people", "section", "tags"]}),
        ("Picture", {"fields": ["hero_image", "hero_caption", "hero_credit", "hero_alt"], "classes": ["collapse"]}),
        ("Publishing", {"fields": list(PUBLISHING_FIELDS)}),
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: Article | None = None) -> list[str]:
        # The status is never a field: it moves only through the steps in the desk's status panel.
        return [] if can_publish(request.user) else list(PUBLISHING_FIELDS)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "match":
            # The chosen match reads as the picker lists it: date, competition and both clubs.
            kwargs["form_class"] = MatchChoiceField
            kwargs["queryset"] = Match.objects.select_related("season__competition", "home", "away")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "body":
            kwargs["widget"] = BodyWithPreview(attrs={"rows": 30})
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, models.DateTimeField) and formfield is not None:
            # Say which clock the times are on: an editor abroad should not schedule an hour out.
            zone = f"In the newsroom's time zone, {timezone.get_current_timezone_name()}."
            formfield.help_text = f"{formfield.help_text} {zone}".strip()
        return formfield

    def get_urls(self) -> list[URLPattern]:
        workflow = path(
            "<path:object_id>/workflow/",
            self.admin_site.admin_view(self.workflow_view),
            name="newsroom_article_workflow",
        )
        links = [
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
        return [workflow, *links, *super().get_urls()]

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
        if obj is not None and live_for_writer(request, obj):
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

    def save_formset(self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool) -> None:
        if formset.model is Correction:
            self.save_corrections(request, form, formset)
            return
        if formset.model is not Quote:
            super().save_formset(request, form, formset, change)
            return
        for quote in formset.save(commit=False):
            save_quote(quote=quote, user=request.user)
        for quote in formset.deleted_objects:
            check_quote_write(quote=quote, user=request.user)
            quote.delete()

    def save_corrections(self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet) -> None:
        editor = cast(AuthenticatedHttpRequest, request).user
        for correction in formset.save(commit=False):  # only new ones: saved corrections are read-only
            try:
                append_correction(article=form.instance, text=correction.text, editor=editor)
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, f"The correction was not added: {error_text(error)}", messages.ERROR)

    def get_form(self, request: HttpRequest, obj: Article | None = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        attrs: dict[str, Any] = {"allowed_steps": tuple(next_steps(obj or Article(), request.user))}
        if restoring(request):
            # Putting an old revision back replaces what is saved now on purpose (and keeps it in the history).
            attrs["checks_version"] = False
        return type(form.__name__, (form,), attrs)

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any | None = None,
    ) -> HttpResponse:
        # The desk: the writing column takes the width the admin's app list would, the status panel beside it.
        context["is_nav_sidebar_enabled"] = False
        article = obj if isinstance(obj, Article) else Article()
        steps = next_steps(article, request.user) if self.has_change_permission(request, obj) else []
        context["desk"] = {
            "steps": [(step, STEP_LABELS[step]) for step in steps],
            "events": list(article.events.select_related("user").order_by("-at")[:4]) if article.pk else [],
            "last_save": last_save(article) if article.pk else None,
        }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """After the story and its inlines are saved, the step its button asked for, if any."""
        super().save_related(request, form, formsets, change)
        step = form.cleaned_data.get("step")
        if not step:
            return
        article = form.instance
        data = {"step": step, "note": form.cleaned_data.get("step_note"), "at": form.cleaned_data.get("step_at")}
        try:
            take_step(article, cast(AuthenticatedHttpRequest, request).user, data)
        except (PermissionDenied, ValidationError) as error:
            label = STEP_LABELS[step].lower()
            self.message_user(request, f"Saved, but could not {label}: {error_text(error)}", messages.ERROR)
        else:
            self.message_user(request, f"{article.headline}: {article.state.lower()}.", messages.SUCCESS)

    def response_add(self, request: HttpRequest, obj: Article, post_url_continue: str | None = None) -> HttpResponse:
        return super().response_add(stay_after_step(request), obj, post_url_continue)

    def response_change(self, request: HttpRequest, obj: Article) -> HttpResponse:
        return super().response_change(stay_after_step(request), obj)

    def save_model(self, request: HttpRequest, obj: Article, form: ArticleEditForm, change: bool) -> None:
        if change and form.checks_version:
            save_article_edit(article=obj, opened_at=form.cleaned_data["opened_at"])
        else:
            super().save_model(request, obj, form, change)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        # The form's own check refuses a stale save with the editor's text kept. A save that passed it while
        # another committed (where the database cannot lock the row, as SQLite cannot) is rolled back by the
        # save's conditional UPDATE; the same request then runs once more, and the form's check now sees the
        # other save and shows the refusal with the editor's text still in the form.
        for attempt in range(2):
            try:
                return super().change_view(request, object_id, form_url, extra_context)
            except ArticleChangedMeanwhile as error:
                if attempt:
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


def stay_after_step(request: HttpRequest) -> HttpRequest:
    """A step taken from the editing screen comes back to it, as "Save and continue editing" does."""
    if request.POST.get("step") and "_continue" not in request.POST:
        post = request.POST.copy()
        post["_continue"] = "1"
        setattr(request, "POST", post)  # noqa: B010 (the stubs type request.POST as immutable)
    return request


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


class QuoteForm(forms.ModelForm):
    """The quote admin's form: a writer's quote must belong to a story not yet published."""

    user: AbstractUser | AnonymousUser  # the request's user, set by QuoteAdmin.get_form

    def clean(self) -> dict[str, Any]:
        super().clean()
        probe = Quote(source_article=self.cleaned_data.get("source_article"))
        if not can_publish(self.user) and is_live_quote(probe):
            self.add_error("source_article", "A writer's quote belongs to a story that is not yet published.")
        return self.cleaned_data


@admin.register(ArticleImage)
class ArticleImageAdmin(admin.ModelAdmin):
    """Pictures for story bodies: a writer uploads one with its alt text and embeds it as {{ image N }}."""

    list_display = ["__str__", "article", "caption", "credit"]
    list_filter = ["article__status", "created_at"]
    search_fields = ["alt", "caption", "credit", "article__headline"]
    list_select_related = ["article"]
    autocomplete_fields = ["article"]
    fields = ["article", "image", "alt", "caption", "credit", "embed_code"]
    readonly_fields = ["embed_code"]

    @admin.display(description="In the body, write")
    def embed_code(self, image: ArticleImage) -> str:
        return f"{{{{ image {image.pk} }}}}" if image.pk else "Save the picture to get its line for the body."

    def has_change_permission(self, request: HttpRequest, obj: ArticleImage | None = None) -> bool:
        return not self.live_for_writer(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: ArticleImage | None = None) -> bool:
        return not self.live_for_writer(request, obj) and super().has_delete_permission(request, obj)

    @staticmethod
    def live_for_writer(request: HttpRequest, image: ArticleImage | None) -> bool:
        return image is not None and live_for_writer(request, image.article)


@admin.register(Quote)
class QuoteAdmin(CompareVersionsAdmin):
    list_display = ["short_text", "speaker_label", "said_on", "occasion", "verification", "source_article"]
    list_filter = ["verification", "occasion", "said_on_precision", "language", "competition", "said_on", "tags"]
    search_fields = ["text", "translation", "speaker__name", "speaker_name", "context"]
    list_select_related = ["speaker", "source_article"]
    autocomplete_fields = ["speaker", "match", "club", "competition", "source_article", "tags"]
    readonly_fields = ["verified_by", "verified_at"]
    actions = [f"mark_{state}" for state in Quote.Verification.values]
    form = QuoteForm

    def get_readonly_fields(self, request: HttpRequest, obj: Quote | None = None) -> list[str]:
        return [*self.readonly_fields, *([] if can_publish(request.user) else ["verification"])]

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
            for state in Quote.Verification.values:
                actions.pop(f"mark_{state}", None)
        return actions

    def save_model(self, request: HttpRequest, obj: Quote, form: ModelForm, change: bool) -> None:
        save_quote(quote=obj, user=request.user)

    @admin.display(description="Quote")
    def short_text(self, obj: Quote) -> str:
        return obj.text if len(obj.text) <= 90 else obj.text[:89] + "…"

    @admin.display(description="Speaker")
    def speaker_label(self, obj: Quote) -> str:
        return obj.speaker_label


def verification_action(state: Quote.Verification) -> Any:
    """The admin bulk action that marks the chosen quotes `state`, through set_quote_verification."""

    def mark(admin_: QuoteAdmin, request: AuthenticatedHttpRequest, queryset: QuerySet[Quote]) -> None:
        count = set_quote_verification(quotes=queryset, verification=state, editor=request.user)
        admin_.message_user(request, f"{count} quote(s) marked {state.label.lower()}.", messages.SUCCESS)

    return admin.action(description=f"Mark selected quotes: {state.label.lower()}")(mark)


for _state in Quote.Verification:
    setattr(QuoteAdmin, f"mark_{_state.value}", verification_action(_state))


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
