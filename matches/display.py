"""How Pressbox writes football for readers: kick-off times, scores, rounds, ordinals, numbers, lists of names.

The one home of these helpers: template filters, page read models, SEO, feeds, the admin and the match facts
all call them, so a score or a kick-off reads the same everywhere. It lives in `matches`, the app every other
app may use, and leans on Django's own helpers (humanize's ordinal and apnumber, `get_text_list`,
`pluralize`, `dateformat`) rather than copies of them. Plain text only: templates escape it as usual.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.humanize.templatetags.humanize import apnumber
from django.contrib.humanize.templatetags.humanize import ordinal as humanize_ordinal
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.text import get_text_list

from matches.models import Competition, Match, Stage

SCORE_DASH = "\u2013"  # an en dash, as scores are printed: 2-1 with the dash
RANGE_DASH = "\u2013"  # and ranges of places
MINUS = "\u2212"  # a real minus sign before a goal deficit
# Kick-off formats by name, each with the time last so a match whose time is not known yet can drop it.
KICKOFF_FORMATS = {"long": "l j F Y, H:i", "short": "D j M, H:i", "day": "D j M", "time": "H:i"}
LEG_NAMES = {1: "first leg", 2: "second leg"}


# ---- Numbers and names ---------------------------------------------------------------------------------


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 11th, 22nd."""
    return str(humanize_ordinal(n))


def words(n: int) -> str:
    """A count in running text, newspaper style: "no", "one" to "nine" in words, 10 and up in figures."""
    return "no" if n == 0 else str(apnumber(n))


def counted(n: int, noun: str, plural_suffix: str = "s") -> str:
    """ "four matches", "one point", "no points" (pass "es" for a noun such as "match")."""
    return f"{words(n)} {noun}{pluralize(n, plural_suffix)}"


def figure(n: int, noun: str, plural_suffix: str = "s") -> str:
    """ "4 points", "1 point": a count in figures, as tables and notes print them."""
    return f"{n} {noun}{pluralize(n, plural_suffix)}"


def and_list(items: Iterable[object]) -> str:
    """ "Ana, Ben and Cal": names in a sentence or a byline."""
    return str(get_text_list([str(item) for item in items], "and"))


def signed(number: int) -> str:
    """A goal difference as tables print it: +12, 0, and a real minus sign before a deficit."""
    return f"+{number}" if number > 0 else f"{MINUS}{-number}" if number < 0 else "0"


def places(first: int, last: int) -> str:
    """ "1st", or "1st" to "5th" joined by an en dash."""
    return ordinal(first) if first == last else f"{ordinal(first)}{RANGE_DASH}{ordinal(last)}"


# ---- Dates ---------------------------------------------------------------------------------------------


def long_date(day: dt.date) -> str:
    """ "Saturday 10 May 2025"."""
    return format_date(day, "l j F Y")


def local_date(moment: dt.datetime | None) -> str:
    """A publication date in the site's time zone, "Friday 9 May 2025"; "" for none."""
    return long_date(timezone.localtime(moment)) if moment else ""


# ---- Kick-off ------------------------------------------------------------------------------------------


def kickoff_text(local: dt.datetime, *, time_known: bool, style: str = "long") -> str:
    """A local kick-off: "Sunday 11 May 2025, 16:15" (long), "Sun 11 May, 16:15" (short), "Sun 11 May" (day)
    or "16:15" (time). With the time not fixed yet, the date alone, or "TBC" for the time."""
    fmt = KICKOFF_FORMATS[style]
    if not time_known:
        fmt = fmt.removesuffix("H:i").removesuffix(", ") or "\\T\\B\\C"
    return format_date(local, fmt)


def kickoff_iso_text(local: dt.datetime, *, time_known: bool) -> str:
    """For <time datetime>: the local kick-off with its offset, or the day alone when the time is unknown."""
    return local.isoformat(timespec="minutes") if time_known else local.date().isoformat()


def kickoff(match: Match, style: str = "long") -> str:
    """`kickoff_text` for a match, in its competition's local time (needs season__competition loaded)."""
    return kickoff_text(match.local_kickoff(), time_known=match.kickoff_time_known, style=style)


def kickoff_iso(match: Match) -> str:
    return kickoff_iso_text(match.local_kickoff(), time_known=match.kickoff_time_known)


def match_label(match: Match) -> str:
    """A match as a picker lists it: "FC Barcelona v Real Madrid CF · La Liga · Sun 11 May 2025" (needs
    season__competition, home and away loaded)."""
    day = format_date(match.local_kickoff(), "D j M Y")
    return f"{match.home.name} v {match.away.name} · {match.season.competition.display_name} · {day}"


# ---- Scores --------------------------------------------------------------------------------------------


def pair(home: int | None, away: int | None) -> str:
    """Two sides of a score joined by an en dash; "" when either is missing."""
    return "" if home is None or away is None else f"{home}{SCORE_DASH}{away}"


def score(match: Match) -> str:
    """The score that counts (the awarded one if awarded), or "" before kick-off."""
    counted_score = match.counted_score
    return pair(*counted_score) if counted_score else ""


# ---- Rounds --------------------------------------------------------------------------------------------


def matchday_title(competition: Competition, matchday: int, *, group_stage: bool = False) -> str:
    """ "Matchday 35"; in a league phase inside a cup (the Champions League) "League phase · Matchday 3", or it
    would read as a league's; in a group stage "Group stage · Matchday 3"."""
    if competition.kind == Competition.Kind.LEAGUE:
        return f"Matchday {matchday}"
    return f"{'Group stage' if group_stage else 'League phase'} · Matchday {matchday}"


def round_title(match: Match) -> str:
    """The heading a fixture list puts over the match's round (needs season__competition loaded)."""
    if match.stage == Stage.GROUP:
        return f"Group {match.group} · Matchday {match.matchday}" if match.matchday else f"Group {match.group}"
    if match.matchday is None:
        return match.round_name if match.stage == Stage.OTHER else match.get_stage_display()
    if match.season.competition.kind == Competition.Kind.LEAGUE:
        return match.round_name
    return matchday_title(match.season.competition, match.matchday)


def round_label(match: Match) -> str:
    """The round with the leg, for a match on its own: "Semi-final, second leg"."""
    title = round_title(match)
    return f"{title}, {LEG_NAMES[match.leg]}" if match.leg in LEG_NAMES else title
