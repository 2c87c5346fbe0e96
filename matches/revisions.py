"""Revision history in the admin: what changed between any two saved versions of an object, field by field.

django-reversion keeps the versions and restores one as a new revision (its own revision view); this adds the
comparison it lacks. `CompareVersionsAdmin` is a VersionAdmin with a "compare" page behind the history list,
for any admin that keeps revisions (articles, quotes, manager moves). It lives in `matches`, the app every
other app may use, beside `naming` and `display`, so the people and newsroom admins share one.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Literal

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from reversion.admin import VersionAdmin
from reversion.models import Version

LineKind = Literal["same", "added", "removed", "gap"]
# Unchanged lines kept around each change, as a reader needs them to find the place.
CONTEXT_LINES = 1


@dataclass(frozen=True)
class DiffLine:
    kind: LineKind
    text: str


@dataclass(frozen=True)
class FieldChange:
    """One field that differs between two versions: its values as text, and for long text a line diff."""

    label: str
    before: str
    after: str
    lines: list[DiffLine]


def compare_versions(model: type[models.Model], older: Version, newer: Version) -> list[FieldChange]:
    """The editable fields of `model` whose stored values differ between `older` and `newer`, in the model's
    order. Related rows are named (one query per changed relation), never just numbered."""
    before, after = older.field_dict, newer.field_dict
    changes = []
    for field in model._meta.get_fields():
        attname = getattr(field, "attname", None)
        # Timestamps the model keeps for itself (auto_now) are not an editor's change.
        if attname is None or not getattr(field, "editable", False) or attname not in before.keys() | after.keys():
            continue
        old, new = before.get(attname), after.get(attname)
        if _normalised(old) == _normalised(new):
            continue
        old_text, new_text = _as_text(field, old), _as_text(field, new)
        changes.append(
            FieldChange(str(getattr(field, "verbose_name", attname)), old_text, new_text, diff(old_text, new_text))
        )
    return changes


def diff(before: str, after: str) -> list[DiffLine]:
    """A line diff for text of more than one line, unchanged stretches cut to a gap; none for a short value
    (shown before and after instead)."""
    if "\n" not in before and "\n" not in after:
        return []
    kinds: dict[str, LineKind] = {"  ": "same", "- ": "removed", "+ ": "added"}
    lines = [
        DiffLine(kinds[line[:2]], line[2:])
        for line in difflib.ndiff(before.splitlines(), after.splitlines())
        if line[:2] in kinds
    ]
    changed = [i for i, line in enumerate(lines) if line.kind != "same"]
    kept = {i for c in changed for i in range(c - CONTEXT_LINES, c + CONTEXT_LINES + 1)}
    shown: list[DiffLine] = []
    for i, line in enumerate(lines):
        if i in kept:
            shown.append(line)
        elif not shown or shown[-1].kind != "gap":
            shown.append(DiffLine("gap", "…"))
    return shown


def _normalised(value: object) -> object:
    return sorted(map(str, value)) if isinstance(value, list | tuple | set) else value


def _as_text(field: Any, value: object) -> str:
    """A stored value as an editor reads it: a related row by its name, a choice by its label."""
    if value is None or value == "":
        return ""
    if field.is_relation and field.related_model is not None:
        ids = value if isinstance(value, list | tuple | set) else [value]
        names = {str(obj.pk): str(obj) for obj in field.related_model._default_manager.filter(pk__in=ids)}
        return ", ".join(names.get(str(pk), f"#{pk} (deleted)") for pk in ids)
    choices = dict(field.flatchoices) if getattr(field, "choices", None) else {}
    return str(choices.get(value, value))


class CompareVersionsAdmin(VersionAdmin):
    """A VersionAdmin whose history page can compare any two versions (`?older=<id>&newer=<id>`)."""

    object_history_template = "admin/revisions/object_history.html"

    def get_urls(self) -> list[URLPattern]:
        info = self.opts.app_label, self.opts.model_name
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name="{}_{}_compare".format(*info),
        )
        return [compare, *super().get_urls()]

    def history_view(self, request: HttpRequest, object_id: str, extra_context: dict | None = None) -> HttpResponse:
        """reversion's history list, each row also carrying its version's id for the compare form."""
        response = super().history_view(request, object_id, extra_context)
        if isinstance(response, TemplateResponse) and response.context_data:
            for action in response.context_data.get("action_list", []):
                # reversion links each row to <object>/history/<version id>/.
                action["version_id"] = int(action["url"].rstrip("/").rsplit("/", 1)[1])
        return response

    def compare_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Two versions of one object side by side; anyone who may see the history may compare."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = get_object_or_404(self.model, pk=unquote(object_id))
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        older, newer = (self._version(versions, request.GET.get(name)) for name in ("older", "newer"))
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": obj,
            "title": f"Compare versions of {obj}",
            "older": older,
            "newer": newer,
            "changes": compare_versions(self.model, older, newer),
        }
        return TemplateResponse(request, "admin/revisions/compare.html", context)

    @staticmethod
    def _version(versions: QuerySet[Version], version_id: str | None) -> Version:
        if not version_id or not version_id.isdigit():
            raise Http404("Choose two saved versions to compare.")
        version = versions.filter(pk=int(version_id)).first()
        if version is None:
            raise Http404("That version is not one of this object's.")
        return version
