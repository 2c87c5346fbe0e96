"""When a page showing a match keeps asking for its score: from a little before kick-off (line-ups, a late
start) until the match is over."""

from __future__ import annotations

import datetime as dt

POLL_BEFORE_KICKOFF = dt.timedelta(hours=1)
POLL_AFTER_KICKOFF = dt.timedelta(hours=4)


def polls(*, in_play: bool, scheduled: bool, kickoff: dt.datetime, now: dt.datetime) -> bool:
    """A match in play is always polled; a scheduled one from an hour before kick-off to four hours after
    it (a delayed start); a finished, postponed or awarded one never."""
    if in_play:
        return True
    return scheduled and kickoff - POLL_BEFORE_KICKOFF <= now <= kickoff + POLL_AFTER_KICKOFF


def polling_changes_at(
    *, in_play: bool, scheduled: bool, kickoff: dt.datetime, now: dt.datetime
) -> dt.datetime | None:
    """The next moment `polls` turns by the clock alone (a score or status change aside), or None if it never
    will: a page that shows whether a match polls is good until then."""
    if in_play or not scheduled:
        return None
    for moment in (kickoff - POLL_BEFORE_KICKOFF, kickoff + POLL_AFTER_KICKOFF):
        if now < moment:
            return moment
    return None
