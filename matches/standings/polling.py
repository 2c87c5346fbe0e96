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
