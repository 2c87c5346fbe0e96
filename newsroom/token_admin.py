"""Personal API tokens in the admin: a journalist makes and revokes their own; a superuser sees everyone's.

The secret is shown once, on the page that answers the add form (never in a message: messages travel in a
cookie or the session), with `Cache-Control: no-store`. Nothing in the admin ever shows a token's digest.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ForeignKey, QuerySet
from django.forms import ModelChoiceField, ModelForm
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from newsroom.actions import create_api_token, may_manage_token, revoke_api_token
from newsroom.http import AuthenticatedHttpRequest
from newsroom.models import ApiToken, ApiTokenQuerySet

SHOWN_AFTER_CREATION = (
    "name",
    "prefix",
    "owner",
    "state",
    "created_at",
    "created_by",
    "last_used_at",
    "expires_at",
    "revoked_at",
    "revoked_by",
)


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["owner", "name", "expires_at"]

    def clean_expires_at(self) -> Any:
        expires_at = self.cleaned_data.get("expires_at")
        if expires_at is not None and expires_at <= timezone.now():
            raise ValidationError("Choose a time in the future, or leave it empty for a token that does not expire.")
        return expires_at


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("active", "Active"), ("expired", "Expired"), ("revoked", "Revoked")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        assert isinstance(queryset, ApiTokenQuerySet)  # ApiTokenAdmin.get_queryset's
        match self.value():
            case "active":
                return queryset.active(timezone.now())
            case "expired":
                return queryset.expired(timezone.now())
            case "revoked":
                return queryset.revoked()
        return queryset


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    form = ApiTokenForm
    list_display = ["name", "prefix_shown", "owner", "state", "created_at", "last_used_at", "expires_at"]
    list_filter = [StateFilter, "created_at"]
    search_fields = ["name", "prefix"]
    actions = ["revoke_selected"]

    def get_queryset(self, request: HttpRequest) -> ApiTokenQuerySet:
        tokens = ApiToken.objects.for_list()
        return tokens if request.user.is_superuser else tokens.owned_by(request.user)

    def get_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> tuple[str, ...]:
        if obj is not None:
            return SHOWN_AFTER_CREATION
        return ("owner", "name", "expires_at") if request.user.is_superuser else ("name", "expires_at")

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> tuple[str, ...]:
        # Nothing on a token changes once it is made, but its revocation (the action).
        return SHOWN_AFTER_CREATION if obj is not None else ()

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        return {"owner": request.user.pk}

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField | None:
        if db_field.name == "owner":
            kwargs["queryset"] = get_user_model().objects.filter(is_active=True).order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_view_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return may_manage_token(request.user, owner_id=obj.owner_id if obj else None, verb="view")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return may_manage_token(request.user, owner_id=request.user.pk, verb="add")

    def has_change_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return may_manage_token(request.user, owner_id=obj.owner_id if obj else None, verb="change")

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # Read-only once made: no save buttons to press for nothing.
        nothing_to_save = {"show_save": False, "show_save_and_continue": False, "show_save_and_add_another": False}
        return super().change_view(request, object_id, form_url, {**(extra_context or {}), **nothing_to_save})

    def save_model(self, request: HttpRequest, obj: ApiToken, form: ModelForm, change: bool) -> None:
        if change:
            return  # every field is read-only once the token exists: there is nothing to save
        assert isinstance(request.user, get_user_model())  # the admin lets in only signed-in staff
        owner = obj.owner if request.user.is_superuser else request.user
        token, secret = create_api_token(
            owner=owner, name=obj.name, created_by=request.user, expires_at=obj.expires_at
        )
        obj.pk = token.pk
        obj.refresh_from_db()
        request._new_api_token_secret = secret  # type: ignore[attr-defined]  # for response_add, this request only

    def response_add(self, request: HttpRequest, obj: ApiToken, post_url_continue: str | None = None) -> HttpResponse:
        """The one page that shows the secret, answering the add form itself (no redirect, nothing stored)."""
        secret = getattr(request, "_new_api_token_secret", None)
        if secret is None:
            return super().response_add(request, obj, post_url_continue)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Copy your new API token",
            "token": obj,
            "secret": secret,
            "example_url": request.build_absolute_uri(reverse("api:quotes")),
        }
        response = TemplateResponse(request, "admin/newsroom/apitoken/created.html", context)
        response["Cache-Control"] = "no-store"
        return response

    @admin.display(description="Token starts")
    def prefix_shown(self, token: ApiToken) -> str:
        return f"{token.prefix}…"

    @admin.display(description="State")
    def state(self, token: ApiToken) -> str:
        if token.revoked_at is not None:
            return f"Revoked {timezone.localtime(token.revoked_at):%d %b %Y, %H:%M}"
        if token.is_expired():
            return "Expired"
        return "Active"

    @admin.action(description="Revoke selected API tokens", permissions=["change"])
    def revoke_selected(self, request: AuthenticatedHttpRequest, queryset: QuerySet[ApiToken]) -> None:
        revoked = 0
        for token in queryset.filter(revoked_at__isnull=True):
            try:
                revoke_api_token(token=token, revoked_by=request.user)
                revoked += 1
            except PermissionDenied as error:
                self.message_user(request, f"{token}: {error}", messages.ERROR)
        self.message_user(request, f"Revoked {revoked} API token(s): they stop working at once.", messages.SUCCESS)
