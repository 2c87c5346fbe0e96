"""Unpublished articles as they will appear: to staff at the article's own address, and through a preview link.

Every preview answers `Cache-Control: private, no-store`: no shared cache may keep one and hand it to the public.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control

from newsroom.models import Article, PreviewLink
from newsroom.pages.previews import any_article, link_banner, preview_context, staff_banner


@cache_control(private=True, no_store=True)
def staff_preview(request: HttpRequest, slug: str) -> HttpResponse:
    """A draft or a scheduled article for staff who may read it (the article view decides who): a 404 if none."""
    article = get_object_or_404(any_article(slug))
    return render(request, "newsroom/article_preview.html", preview_context(article, staff_banner(article)))


@cache_control(private=True, no_store=True)
def preview_link(request: HttpRequest, token: str) -> HttpResponse:
    """A signed link: a 404 for a token that is not one of ours, a 410 for one expired or revoked, the published
    page for an article published since, else the article as it will appear."""
    link = PreviewLink.objects.for_token(token).for_page().first()
    if link is None:
        raise Http404("No such preview link.")
    if link.is_revoked or link.is_expired:
        return render(request, "newsroom/preview_gone.html", {"link": link}, status=410)
    article: Article = get_object_or_404(Article.objects.for_page().filter(pk=link.article_id))
    if article.is_live:
        return redirect(article)
    return render(request, "newsroom/article_preview.html", preview_context(article, link_banner(link)))
