"""Articles, and the tag and section lists of them."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from newsroom.actions import can_preview
from newsroom.models import Article, Section, Tag
from newsroom.pages.article import article_context, public_article, renamed_article
from newsroom.pages.paging import page_of
from newsroom.views.previews import staff_preview

ARTICLES_PER_PAGE = 20


def article(request: HttpRequest, slug: str) -> HttpResponse:
    """A published article; a draft or a scheduled one is a 404, as if it did not exist, except to staff, who see
    it with a banner. A published story's old address sends the reader to its current one for good, in one hop.
    A preview is surrounded by what the site knows of its match; a report by its match card; any story by related
    ones."""
    article = public_article(slug).first()
    if article is None:
        renamed = renamed_article(slug).first()
        if renamed is not None:
            return redirect(renamed, permanent=True)
        if can_preview(request.user):
            return staff_preview(request, slug)  # who is asking is read only here, so public pages vary by nothing
        raise Http404("No such article.")
    return render(request, "newsroom/article.html", article_context(article))


def tag(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    page = page_of(request, Article.objects.listed().filter(tags=tag), ARTICLES_PER_PAGE)
    context = {"heading": tag.name, "kicker": "Tag", "page_obj": page}
    return render(request, "newsroom/article_list.html", context)


def section(request: HttpRequest, slug: str) -> HttpResponse:
    section = get_object_or_404(Section, slug=slug)
    page = page_of(request, Article.objects.listed().filter(section=section), ARTICLES_PER_PAGE)
    context = {"heading": section.name, "kicker": "Section", "description": section.description, "page_obj": page}
    return render(request, "newsroom/article_list.html", context)
