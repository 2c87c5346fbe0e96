"""Filters and tags for the public site's templates: `{% load pressbox %}`.

The filters are the display helpers of `matches.display` under their template names, so a page, a feed and a
search engine's metadata print a kick-off or a score the same way; the rest is about pages themselves
(canonical address, navigation, safe links).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import urlencode

from django import template
from django.template import Context

from matches import display
from matches.models import Match
from people.models import MoveStatus

register = template.Library()

register.filter("local_date", display.local_date)
register.filter("round_label", display.round_label)
register.filter("score", display.score)


@register.filter
def kickoff(match: Match, style: str = "long") -> str:
    """Kick-off in the competition's local time (display.kickoff); the built-in `date` filter would move it
    back into the site's time zone."""
    return display.kickoff(match, style)


@register.filter
def kickoff_iso(match: Match) -> str:
    return display.kickoff_iso(match)


@register.filter
def pair(home: int | None, away: int | None) -> str:
    """Two halves of a score side by side: `{{ match.home_ht|pair:match.away_ht }}`."""
    return display.pair(home, away)


@register.filter
def names(people: Iterable[object]) -> str:
    """ "Ana, Ben and Cal": a byline's names. Plain text, escaped by the template like any other."""
    return display.and_list(people)


@register.filter
def signed(number: int | None) -> str:
    return "" if number is None else display.signed(number)


@register.filter
def ordinal(number: int | None) -> str:
    return "" if number is None else display.ordinal(number)


@register.filter
def points_gap(gap: int | None) -> str:
    """Points behind the leader: "Top" for none, "4 points", "1 point"."""
    if gap is None:
        return ""
    return "Top" if gap == 0 else display.figure(gap, "point")


@register.filter
def web_url(url: str) -> str:
    """The URL if it is an http(s) one, else "": a stored source link never becomes a `javascript:` href."""
    return url if url.lower().startswith(("https://", "http://")) else ""


@register.filter
def move_status(value: str) -> str:
    """A move status's label ("in_talks" → "In talks"), for statuses read as plain values (as of a day)."""
    return MoveStatus(value).label if value in MoveStatus.values else value


@register.filter
def source_href(url: str) -> str:
    """A source's link: an http(s) address, or an address on this site ("/articles/…", never "//host"), else ""."""
    if url.startswith("/") and not url.startswith("//"):
        return url
    return web_url(url)


@register.filter
def get(mapping: Mapping | None, key: object) -> object:
    """`{{ clubs|get:row.club }}`: a dictionary's value by a variable key, or None."""
    return mapping.get(key) if mapping else None


@register.simple_tag(takes_context=True)
def canonical_url(context: Context, **params: object) -> str:
    """The page's own address without tracking or stray query strings; pass the parameters that make it a
    different page (`page=page_obj.number`). Page 1 and empty values are left out."""
    request = context["request"]
    kept = {name: value for name, value in params.items() if value and not (name == "page" and value == 1)}
    query = f"?{urlencode(kept)}" if kept else ""
    return request.build_absolute_uri(request.path) + query


# Which part of the main navigation each page belongs to, by URL name.
NAV_AREAS = {
    "news": {"home", "article", "tag", "section"},
    "competitions": {"competitions", "competition", "season", "match", "club"},
    "quotes": {"quotes", "quote", "person"},
    "moves": {"moves"},
}


@register.filter
def nav_area(url_name: str | None) -> str:
    return next((area for area, names in NAV_AREAS.items() if url_name in names), "")
