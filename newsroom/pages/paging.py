"""Pagination for the public lists."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def page_of(request: HttpRequest, items: QuerySet, per_page: int) -> Page:
    """The page `?page=` asks for. A number that is not a page gives the nearest real one (not a number: the
    first, past the end or below 1: the last), so a stale or hand-edited link still lands on a list."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
