"""Articles, and the tag and section lists of them."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from newsroom.actions import can_preview
from newsroom.http import may_be_signed_in
from newsroom.models import Article, Section, Tag
from newsroom.page_cache import depends_on, public_page
from newsroom.pages.article import article_context, public_article, renamed_article
from newsroom.pages.paging import page_of
from newsroom.pages.shows import listing_shows
from newsroom.views.previews import staff_preview

ARTICLES_PER_PAGE = 20


@public_page()
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
        if may_be_signed_in(request) and can_preview(request.user):
            return staff_preview(request, slug)  # who is asking is read only here, so public pages vary by nothing
        raise Http404("No such article.")
    context = article_context(article)
    depends_on(request, context["shows"])  # type: ignore[arg-type]
    return render(request, "newsroom/article.html", context)


@public_page(params=["page"])
def tag(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    page = page_of(request, Article.objects.listed().filter(tags=tag), ARTICLES_PER_PAGE)
    context = {"heading": tag.name, "kicker": "Tag", "page_obj": page}
    depends_on(request, listing_shows(f"tag:{tag.pk}"))
    return render(request, "newsroom/article_list.html", context)


@public_page(params=["page"])
def section(request: HttpRequest, slug: str) -> HttpResponse:
    section = get_object_or_404(Section, slug=slug)
    page = page_of(request, Article.objects.listed().filter(section=section), ARTICLES_PER_PAGE)
    depends_on(request, listing_shows(f"section:{section.pk}"))
    context = {"heading": section.name, "kicker": "Section", "description": section.description, "page_obj": page}
    return render(request, "newsroom/article_list.html", context)
