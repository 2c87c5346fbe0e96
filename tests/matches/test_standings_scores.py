"""The one rule of a consistent score (matches.standings.scores), without a database."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from matches.standings.scores import MAX_GOALS, match_kind, score_problems

GOALS = st.integers(0, 9)
PAIRS = st.tuples(GOALS, GOALS)


def parts(**kwargs):
    return [(p.part, p.message) for p in score_problems(**kwargs)]


@pytest.mark.parametrize(
    ("kwargs", "part", "words"),
    [
        ({"kind": "single", "ft": (1, 1), "et": (0, 1)}, "et", "must include the 90 minutes"),
        ({"kind": "single", "ft": (2, 1), "et": (3, 1)}, "et", "won in 90 minutes"),
        ({"kind": "table", "ft": (1, 1), "et": (2, 1)}, "et", "no extra time in a match that counts in a table"),
        ({"kind": "table", "ft": (1, 1), "pens": (4, 2)}, "pens", "no shoot-out in a match that counts in a table"),
        ({"kind": "first_leg", "ft": (1, 1), "pens": (4, 2)}, "pens", "first leg"),
        ({"kind": "single", "ft": (1, 1), "et": (2, 2), "pens": (4, 4)}, "pens", "cannot end level"),
        ({"kind": "single", "ft": (1, 1), "et": (2, 1), "pens": (4, 3)}, "pens", "had a winner"),
        ({"kind": "single", "ft": (2, 0), "pens": (4, 3)}, "pens", "had a winner"),
        ({"kind": "table", "ft": (1, 1), "ht": (2, 0)}, "ht", "more goals than full time"),
        ({"kind": "table", "ft": None, "ht": (1, 0)}, "ht", "needs a score after 90 minutes"),
        ({"kind": "table", "ft": (-1, 0)}, "ft", "from 0 to 99"),
        ({"kind": "table", "ft": (True, 0)}, "ft", "from 0 to 99"),
        ({"kind": "table", "ft": (40000, 0)}, "ft", "from 0 to 99"),
        ({"kind": "table", "ft": (1, 0), "minute": 151}, "minute", "from 0 to 150"),
        ({"kind": "table", "ft": (1, 0), "minute": True}, "minute", "from 0 to 150"),
        ({"kind": "table", "ft": (1, 0), "minute": 150, "half_time": True}, "minute", "Half-time comes at"),
        # A second leg: the aggregate after 90 minutes decides whether there is extra time.
        ({"kind": "second_leg", "ft": (1, 0), "et": (2, 0), "first_leg": (0, 2)}, "et", "not level (1-2)"),
        ({"kind": "second_leg", "ft": (0, 1), "pens": (1, 4), "first_leg": (2, 0)}, "pens", "not level (2-1)"),
    ],
)
def test_an_inconsistent_score_is_named_by_its_part(kwargs, part, words):
    problems = parts(**kwargs)
    assert [p for p, _ in problems] == [part]
    assert words in problems[0][1]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kind": "table", "ft": (4, 3), "ht": (4, 2)},
        {"kind": "table", "ft": None},
        {"kind": "single", "ft": (1, 1), "et": (1, 1), "pens": (5, 4)},
        {"kind": "single", "ft": (0, 0), "pens": (4, 2)},  # a cup that goes straight to penalties
        # Inter v Barcelona 2024-25: 3-3 in the first leg, 3-3 and 4-3 after extra time in the second.
        {"kind": "second_leg", "ft": (3, 3), "et": (4, 3), "first_leg": (3, 3)},
        # Liverpool v PSG 2024-25: 0-1 at Anfield after 0-1 in Paris, 1-4 on penalties.
        {"kind": "second_leg", "ft": (0, 1), "et": (0, 1), "pens": (1, 4), "first_leg": (1, 0)},
        # An unknown first leg: the aggregate is not checked.
        {"kind": "second_leg", "ft": (0, 1), "et": (0, 1), "pens": (1, 4)},
        {"kind": "single", "ft": (1, 1), "minute": 105, "half_time": True},
        {"kind": "table", "ft": (MAX_GOALS, 0), "minute": 45, "half_time": True},
    ],
)
def test_a_consistent_score_has_no_problem(kwargs):
    assert parts(**kwargs) == []


@pytest.mark.parametrize(
    ("in_table", "leg", "kind"),
    [
        (True, None, "table"),
        (True, 1, "table"),
        (False, None, "single"),
        (False, 1, "first_leg"),
        (False, 2, "second_leg"),
    ],
)
def test_match_kind(in_table, leg, kind):
    assert match_kind(in_table=in_table, leg=leg) == kind


@given(PAIRS, PAIRS)
def test_a_match_won_in_90_minutes_takes_no_extra_time(ft, extra):
    et = (ft[0] + extra[0], ft[1] + extra[1])
    problems = parts(kind="single", ft=ft, et=et)
    assert bool(problems) == (ft[0] != ft[1])


@given(PAIRS, PAIRS)
def test_a_shoot_out_has_a_winner(last, pens):
    problems = parts(kind="single", ft=last, pens=pens)
    assert bool(problems) == (last[0] != last[1] or pens[0] == pens[1])
