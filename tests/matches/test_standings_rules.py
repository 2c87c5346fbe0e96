"""Small rules with no table around them: the score that counts, and when a match is polled. No database."""

import datetime as dt

import pytest

from matches.standings import counted_score, polls

KICKOFF = dt.datetime(2025, 5, 11, 14, 15, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("ft", "awarded", "counted"),
    [((1, 1), None, (1, 1)), ((1, 1), (0, 2), (0, 2)), (None, (0, 2), (0, 2)), (None, None, None)],
)
def test_the_awarded_score_counts_over_the_pitch(ft, awarded, counted):
    assert counted_score(ft=ft, awarded=awarded) == counted


@pytest.mark.parametrize(
    ("in_play", "scheduled", "now", "polled"),
    [
        (True, False, KICKOFF + dt.timedelta(days=3), True),  # in play, whatever the clock says
        (False, True, KICKOFF - dt.timedelta(hours=1), True),  # line-ups are out
        (False, True, KICKOFF - dt.timedelta(hours=1, seconds=1), False),
        (False, True, KICKOFF + dt.timedelta(hours=4), True),  # a late start
        (False, True, KICKOFF + dt.timedelta(hours=4, seconds=1), False),
        (False, False, KICKOFF, False),  # finished, postponed or awarded
    ],
)
def test_when_a_match_is_polled(in_play, scheduled, now, polled):
    assert polls(in_play=in_play, scheduled=scheduled, kickoff=KICKOFF, now=now) is polled
