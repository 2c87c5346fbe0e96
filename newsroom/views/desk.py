"""The writing desk's preview beside the body: the story as posted from the editing form, as readers will see it.

Staff only, and only by POST (the form posts itself here into the frame beside the body); nothing is saved.
The admin's own page frames it, which the site's policy (frame-ancestors 'none') otherwise forbids.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.csp import CSP
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_POST

from newsroom.pages.article import unsaved_article, unsaved_context

FRAMED_BY_THE_ADMIN: dict[str, Any] = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}


@require_POST
@staff_member_required
@xframe_options_sameorigin
@csp_override(FRAMED_BY_THE_ADMIN)
def article_draft_preview(request: HttpRequest) -> HttpResponse:
    if not (request.user.has_perm("newsroom.add_article") or request.user.has_perm("newsroom.change_article")):
        raise PermissionDenied
    context = unsaved_context(unsaved_article(request.POST))
    return render(request, "newsroom/article_unsaved.html", context)
