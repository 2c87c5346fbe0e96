"""An unpublished article as it will appear: to staff at its own address, and to anyone holding a preview link.

Its page is the article's page (`article_context`) with three differences: a banner saying what it is, the
story's own quotes as they will show once it is published (the public archive hides an unpublished article's
quotes), and a cache key of its own, so a preview's rendering and the public page's never stand in for each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from newsroom.models import Article, ArticleQuerySet, PreviewLink, Quote
from newsroom.pages.article import article_context


@dataclass(frozen=True)
class PreviewBanner:
    """What the banner above a preview says: for staff, the article's state and a way to edit it; for a link's
    holder, who shared it and until when (and no way into the admin)."""

    status: str = ""
    scheduled_for: dt.datetime | None = None
    edit_url: str = ""
    shared_by: str = ""
    expires_at: dt.datetime | None = None


def any_article(slug: str) -> ArticleQuerySet:
    """An article whatever its state, with what its page shows: for staff, who may read drafts."""
    return Article.objects.for_page().filter(slug=slug)


def staff_banner(article: Article) -> PreviewBanner:
    scheduled = article.is_scheduled
    return PreviewBanner(
        status=article.get_status_display(),
        scheduled_for=article.published_at if scheduled else None,
        edit_url=reverse("admin:newsroom_article_change", args=[article.pk]),
    )


def link_banner(link: PreviewLink) -> PreviewBanner:
    """Precondition: the link has `created_by` loaded (`PreviewLink.objects.for_page()`)."""
    editor = link.created_by
    return PreviewBanner(shared_by=editor.get_full_name() or editor.get_username(), expires_at=link.expires_at)


def preview_context(article: Article, banner: PreviewBanner) -> dict[str, object]:
    """What the preview template shows; the article must come from `Article.objects.for_page()`."""
    context = article_context(article)
    own_quotes = Quote.objects.exclude(verification=Quote.Verification.REJECTED).filter(source_article=article)
    context["quotes"] = own_quotes.with_related().in_reading_order()
    context["page_version"] = f"preview-{context['page_version']}"
    context["banner"] = banner
    return context
