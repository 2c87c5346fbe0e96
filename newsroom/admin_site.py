"""The admin site: Django's own, with autocomplete that lets a model admin choose how a row is labelled.

A match picker should show the date, competition and both clubs, not just "A v B" (there are a dozen
Clasicos). A model admin with an `autocomplete_label(obj)` method sets the text its rows show in every
autocomplete that points at it; the others keep `str(obj)`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.db.models import Model
from django.http import HttpRequest, HttpResponse


class LabelledAutocompleteView(AutocompleteJsonView):
    def serialize_result(self, obj: Model, to_field_name: str) -> dict[str, Any]:
        label = getattr(self.model_admin, "autocomplete_label", str)
        return {"id": str(getattr(obj, to_field_name)), "text": label(obj)}


class PressboxAdminSite(admin.AdminSite):
    site_header = "Pressbox newsroom"
    site_title = "Pressbox"
    index_title = "The desk"

    def autocomplete_view(self, request: HttpRequest) -> HttpResponse:
        response = LabelledAutocompleteView.as_view(admin_site=self)(request)
        assert isinstance(response, HttpResponse)  # a JsonResponse, or the admin's own error responses
        return response


class PressboxAdminConfig(AdminConfig):
    """Django's admin app, on the site above (INSTALLED_APPS names this in place of django.contrib.admin)."""

    default_site = "newsroom.admin_site.PressboxAdminSite"
