"""The article edit form's presence line: who else has the story open, and whether it was saved since."""

from __future__ import annotations

from django import forms
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from newsroom.editing import last_save, parse_version, user_label
from newsroom.http import AuthenticatedHttpRequest
from newsroom.models import Article
from newsroom.presence import mark_open


class PresenceForm(forms.Form):
    opened_at = forms.CharField()

    def clean_opened_at(self) -> object:
        opened_at = parse_version(self.cleaned_data["opened_at"])
        if opened_at is None:
            raise forms.ValidationError("Give the version the form was opened at, as an ISO 8601 time with a zone.")
        return opened_at


@require_GET
@never_cache
@staff_member_required
def article_presence(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """An HTML fragment for htmx: staff who may change articles only; polling marks the caller present."""
    if not request.user.has_perm("newsroom.change_article"):
        raise PermissionDenied
    form = PresenceForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_text(), content_type="text/plain")
    article = get_object_or_404(Article.objects.only("pk", "updated_at"), pk=pk)
    others = mark_open(article_id=article.pk, user_id=request.user.pk, name=user_label(request.user))
    saved = last_save(article) if article.updated_at != form.cleaned_data["opened_at"] else None
    return render(request, "admin/newsroom/article/presence.html", {"others": others, "saved": saved})
