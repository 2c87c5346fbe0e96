"""Filters and tags for the public site's templates: kick-off times, scores, rounds, bylines, canonical URLs."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import urlencode

from django import template
from django.template import Context
from django.utils import timezone
from django.utils.dateformat import format as format_date

from matches.facts import ordinal as _ordinal
from matches.models import Match
from newsroom.views.rounds import round_label as _round_label
from people.models import Person

register = template.Library()

# Kick-off formats by name, each with the time last so a match whose time is not known yet can drop it.
KICKOFF_FORMATS = {"long": "l j F Y, H:i", "short": "D j M, H:i", "day": "D j M", "time": "H:i"}
SCORE_DASH = "\u2013"  # an en dash, as scores are printed


@register.filter
def kickoff(match: Match, style: str = "long") -> str:
    """Kick-off in the competition's local time: "Sunday 11 May 2025, 16:15" (long), "Sun 11 May, 16:15"
    (short), "Sun 11 May" (day) or "16:15" (time). The built-in `date` filter would move it back into the site's
    time zone. With the time not known yet, the date alone, or "TBC" for the time."""
    fmt = KICKOFF_FORMATS[style]
    if not match.kickoff_time_known:
        fmt = fmt.removesuffix("H:i").removesuffix(", ") or "\\T\\B\\C"
    return format_date(match.local_kickoff(), fmt)


@register.filter
def kickoff_iso(match: Match) -> str:
    """For <time datetime>: the local kick-off with its offset, or the day alone when the time is unknown."""
    local = match.local_kickoff()
    return local.isoformat(timespec="minutes") if match.kickoff_time_known else local.date().isoformat()


@register.filter
def round_label(match: Match) -> str:
    return _round_label(match)


@register.filter
def score(match: Match) -> str:
    """The score that counts (2-1 with an en dash; the awarded one if awarded), or "" before kick-off."""
    counted = match.counted_score
    return pair(*counted) if counted else ""


@register.filter
def pair(home: int | None, away: int | None) -> str:
    """Two halves of a score side by side: `{{ match.home_ht|pair:match.away_ht }}`."""
    return "" if home is None or away is None else f"{home}{SCORE_DASH}{away}"


@register.filter
def names(people: Iterable[object]) -> str:
    """ "Ana, Ben and Cal": a byline's names. Plain text, escaped by the template like any other."""
    listed = [str(person) for person in people]
    return " and ".join([", ".join(listed[:-1]), listed[-1]]) if len(listed) > 1 else "".join(listed)


@register.filter
def age(person: Person) -> int | None:
    """Age in whole years today, or None without a birth date."""
    born = person.birth_date
    if born is None:
        return None
    today = timezone.localdate()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


@register.filter
def local_date(value: datetime.datetime | None) -> str:
    """A publication date as the site prints it, "Friday 9 May 2025", in the site's time zone."""
    return format_date(timezone.localtime(value), "l j F Y") if value else ""


@register.filter
def web_url(url: str) -> str:
    """The URL if it is an http(s) one, else "": a stored source link never becomes a `javascript:` href."""
    return url if url.lower().startswith(("https://", "http://")) else ""


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
}


@register.filter
def nav_area(url_name: str | None) -> str:
    return next((area for area, names in NAV_AREAS.items() if url_name in names), "")


@register.filter
def get(mapping: dict, key: object) -> object:
    """`{{ clubs|get:row.club }}`: a dictionary's value by a variable key, or None."""
    return mapping.get(key) if mapping else None


@register.filter
def signed(number: int | None) -> str:
    """A goal difference as tables print it: +12, 0, and a real minus sign (U+2212) before a deficit."""
    if number is None:
        return ""
    return f"+{number}" if number > 0 else f"\u2212{-number}" if number < 0 else "0"


@register.filter
def ordinal(number: int | None) -> str:
    """1st, 2nd, 3rd, 11th, 22nd (matches.facts.ordinal, as a filter)."""
    return "" if number is None else _ordinal(number)


@register.filter
def points_gap(gap: int | None) -> str:
    """Points behind the leader: "Leaders" for none, "4 points", "1 point"."""
    if gap is None:
        return ""
    return "Top" if gap == 0 else f"{gap} point{'' if gap == 1 else 's'}"
