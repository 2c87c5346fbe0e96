"""Invariants of the pure football rules, over generated seasons: whatever the results, these must hold.

The seasons are realistic: a double round robin among distinct clubs (circle-method fixtures, one match
per club per matchday, the matchday's weekend as its date), played up to some matchday bar a few postponed
matches, or any subset of it, with small non-negative scores. Pure: no database.
"""

import datetime as dt
from collections import Counter
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matches.standings import (
    BUNDESLIGA,
    LA_LIGA,
    PREMIER_LEAGUE,
    SERIE_A,
    UCL_LEAGUE_PHASE,
    Leg,
    Result,
    Zone,
    compute_table,
    decide_tie,
    leaders,
    longest_runs,
    points_by_matchday,
    race_facts,
    rules_for,
    tie_rules,
)

# Every edition of UEFA's group rules too: they rank in their own way (head-to-head in turn, re-applied).
ALL_RULES = [LA_LIGA, SERIE_A, PREMIER_LEAGUE, BUNDESLIGA, UCL_LEAGUE_PHASE] + [
    rules_for("ucl_league_phase", season) for season in ("2011-12", "2015-16", "2019-20", "2022-23")
]
# Accents and mixed case on purpose: the last-resort order is by name, and must not depend on input order.
CLUBS = [
    "Alavés",
    "Athletic Club",
    "Atlético Madrid",
    "Barcelona",
    "Betis",
    "Celta",
    "Espanyol",
    "Getafe",
    "Girona",
    "Las Palmas",
    "Leganés",
    "real Sociedad",
]
SEASON_START = dt.date(2024, 8, 16)  # a Friday: matchday n is played Friday to Monday of week n
ZONES = (Zone("title", 1, 1), Zone("europe", 1, 3), Zone("relegation", 5, 6))
EXAMPLES = settings(max_examples=60, deadline=None)

club_lists = st.lists(st.sampled_from(CLUBS), min_size=2, max_size=8, unique=True)
# Mostly the common low scores, so that clubs end level often and the tie-breaks are exercised.
scores = st.one_of(
    st.sampled_from([(0, 0), (1, 1), (1, 0), (0, 1), (2, 1), (1, 2)]), st.tuples(st.integers(0, 5), st.integers(0, 5))
)


def double_round_robin(clubs: list[str]) -> list[tuple[int, str, str]]:
    """(matchday, home, away) for every club at home to every other, each club once per matchday."""
    teams: list[str | None] = [*clubs, None] if len(clubs) % 2 else list(clubs)  # None: the club resting
    rounds = len(teams) - 1
    fixtures = []
    for r in range(rounds):
        for i in range(len(teams) // 2):
            a, b = teams[i], teams[-1 - i]
            if a is not None and b is not None:
                home, away = (a, b) if (r + i) % 2 else (b, a)
                fixtures += [(r + 1, home, away), (r + 1 + rounds, away, home)]
        teams = [teams[0], teams[-1], *teams[1:-1]]
    return fixtures


@st.composite
def seasons(draw) -> tuple[list[str], list[Result]]:
    """The season's clubs and the results played so far: either every fixture up to a matchday but a few
    postponed ones (how a season looks), or any subset of the fixtures (to reach odder corners)."""
    clubs = draw(club_lists)
    fixtures = double_round_robin(clubs)
    through = draw(st.integers(0, 2 * (len(clubs) - 1))) if draw(st.booleans()) else None
    results = []
    for n, (matchday, home, away) in enumerate(fixtures):
        played = draw(st.booleans()) if through is None else matchday <= through and draw(st.integers(0, 5)) > 0
        if played:
            home_goals, away_goals = draw(scores)
            day = SEASON_START + dt.timedelta(weeks=matchday - 1, days=draw(st.integers(0, 3)))
            results.append(Result(n, home, away, home_goals, away_goals, day, matchday))
    return clubs, results


deductions_for = st.dictionaries(st.sampled_from(CLUBS), st.integers(0, 6), max_size=2)


def of_season(deductions: dict[str, int], clubs: list[str]) -> dict[str, int]:
    """The deductions of the season's own clubs (a deduction alone gives a club a row)."""
    return {club: points for club, points in deductions.items() if club in clubs}


def test_the_fixture_generator_is_a_double_round_robin():
    for n in range(2, 9):
        clubs = CLUBS[:n]
        fixtures = double_round_robin(clubs)
        assert sorted((h, a) for _, h, a in fixtures) == sorted((h, a) for h in clubs for a in clubs if h != a)
        per_round = Counter((md, club) for md, h, a in fixtures for club in (h, a))
        assert max(per_round.values()) == 1


@EXAMPLES
@given(season=seasons(), rules=st.sampled_from(ALL_RULES))
def test_positions_are_a_permutation_of_the_clubs(season, rules):
    clubs, results = season
    rows = compute_table(results, rules=rules, clubs=clubs)
    assert sorted(row.position for row in rows) == list(range(1, len(clubs) + 1))
    assert [row.position for row in rows] == list(range(1, len(rows) + 1))
    assert sorted(row.club for row in rows) == sorted(clubs)
    assert all(a.points >= b.points for a, b in pairwise(rows))


@EXAMPLES
@given(data=st.data(), season=seasons(), rules=st.sampled_from(ALL_RULES), deductions=deductions_for)
def test_the_order_of_the_results_never_changes_the_table(data, season, rules, deductions):
    clubs, results = season
    shuffled = data.draw(st.permutations(results), label="shuffled results")
    other_clubs = data.draw(st.permutations(clubs), label="shuffled clubs")  # clubs without results yet too
    for venue in ("all", "home", "away"):
        expected = compute_table(results, rules=rules, clubs=clubs, deductions=deductions, venue=venue)
        assert compute_table(shuffled, rules=rules, clubs=other_clubs, deductions=deductions, venue=venue) == expected


@EXAMPLES
@given(season=seasons(), rules=st.sampled_from(ALL_RULES))
def test_home_and_away_tables_add_up_to_the_overall_table(season, rules):
    clubs, results = season
    by_venue = {
        venue: {row.club: row for row in compute_table(results, rules=rules, clubs=clubs, venue=venue)}
        for venue in ("all", "home", "away")
    }
    fields = ("played", "won", "drawn", "lost", "goals_for", "goals_against", "goal_difference", "points")
    for club, overall in by_venue["all"].items():
        home, away = by_venue["home"][club], by_venue["away"][club]
        for field in fields:
            assert getattr(home, field) + getattr(away, field) == getattr(overall, field), (club, field)


@st.composite
def ties(draw) -> tuple[list[Leg], int]:
    """A valid two-legged tie, with its second leg played or not, as (legs, expected_legs)."""
    first, second = draw(st.lists(st.sampled_from(CLUBS), min_size=2, max_size=2, unique=True))
    leg1 = Leg(first, second, draw(scores))
    if not draw(st.booleans()):
        return [leg1], 2
    ft = draw(scores)
    level_after_90 = leg1.ft[0] + ft[1] == leg1.ft[1] + ft[0]
    et = None
    if level_after_90 and draw(st.booleans()):
        extra = draw(st.tuples(st.integers(0, 2), st.integers(0, 2)))
        et = (ft[0] + extra[0], ft[1] + extra[1])
    final = et or ft
    pens = None
    if leg1.ft[0] + final[1] == leg1.ft[1] + final[0]:
        pens = draw(st.tuples(st.integers(0, 10), st.integers(0, 10)).filter(lambda p: p[0] != p[1]))
    return [leg1, Leg(second, first, ft, et=et, pens=pens)], 2


@EXAMPLES
@given(tie=ties())
def test_a_ties_aggregate_is_the_sum_of_its_legs_with_extra_time_and_without_penalties(tie):
    legs, expected = tie
    outcome = decide_tie(legs, expected_legs=expected)
    first, second = legs[0].home, legs[0].away
    first_goals = legs[0].ft[0] + sum((leg.et or leg.ft)[1] for leg in legs[1:])
    second_goals = legs[0].ft[1] + sum((leg.et or leg.ft)[0] for leg in legs[1:])
    assert (outcome.first, outcome.second, outcome.aggregate) == (first, second, (first_goals, second_goals))
    if len(legs) < expected:
        assert (outcome.winner, outcome.loser, outcome.decided) == (None, None, None)
    elif outcome.decided == "penalties":
        assert first_goals == second_goals
        assert outcome.pens == (legs[-1].pens[1], legs[-1].pens[0])  # the second leg is at `second`'s ground
        assert outcome.winner == (first if outcome.pens[0] > outcome.pens[1] else second)
    else:
        assert outcome.winner == (first if first_goals > second_goals else second)
        assert outcome.decided == ("extra_time" if legs[-1].et else "aggregate")
    if outcome.winner:
        assert {outcome.winner, outcome.loser} == {first, second}


@EXAMPLES
@given(season=seasons(), rules=st.sampled_from(ALL_RULES), deductions=deductions_for)
def test_race_facts_stay_within_what_the_table_allows(season, rules, deductions):
    clubs, results = season
    table = compute_table(results, rules=rules, clubs=clubs, deductions=of_season(deductions, clubs))
    facts = race_facts(table, matches_per_club=2 * (len(clubs) - 1), zones=ZONES, win_points=rules.win_points)
    assert [(f.club, f.position, f.points) for f in facts] == [(r.club, r.position, r.points) for r in table]
    for f in facts:
        assert 1 <= f.best_position <= f.position <= f.worst_position <= len(clubs), f
        assert f.max_points >= f.points
        assert f.max_points == f.points + rules.win_points * f.matches_left
        assert f.gap_to_leader >= 0
        assert all(status in ("certain", "impossible", "open") for status in f.zones.values())


@EXAMPLES
@given(season=seasons(), rules=st.sampled_from(ALL_RULES), deductions=deductions_for)
def test_the_points_race_ends_on_each_clubs_points_in_the_table(season, rules, deductions):
    clubs, results = season
    deductions = of_season(deductions, clubs)
    table = {row.club: row for row in compute_table(results, rules=rules, clubs=clubs, deductions=deductions)}
    race = points_by_matchday(results, clubs=clubs, rules=rules, deductions=deductions)
    assert list(race) == clubs
    for club, line in race.items():
        if table[club].played == 0:
            assert line == []
            continue
        assert line[-1] == table[club].points, club
        assert len(line) == max(r.matchday for r in results if r.involves(club))
        assert all(later >= earlier for earlier, later in pairwise(line))


@EXAMPLES
@given(season=seasons(), n=st.integers(0, 4), data=st.data())
def test_leaders_are_the_top_rows_and_the_clubs_asked_for_in_table_order(season, n, data):
    clubs, results = season
    rows = compute_table(results, rules=LA_LIGA, clubs=clubs)
    also = data.draw(st.sets(st.sampled_from(CLUBS)), label="also")
    drawn = leaders(rows, n, also=also)
    table_order = [row.club for row in rows]
    assert drawn == sorted(drawn, key=table_order.index)
    assert set(drawn) == set(table_order[:n]) | (also & set(clubs))


@EXAMPLES
@given(data=st.data(), season=seasons())
def test_runs_do_not_depend_on_input_order_and_nest_as_their_kinds_do(data, season):
    clubs, results = season
    shuffled = data.draw(st.permutations(results), label="shuffled")
    for club in clubs:
        longest = longest_runs(results, club)
        assert longest_runs(shuffled, club) == longest
        played = sum(r.involves(club) for r in results)
        assert longest.winning.length <= longest.unbeaten.length <= played
        assert longest.losing.length <= longest.winless.length <= played
        for kind in ("winning", "unbeaten", "winless", "losing", "scoring", "clean_sheets"):
            run = getattr(longest, kind)
            assert (run.start is None) == (run.length == 0)
            assert run.start is None or run.start <= run.end


@EXAMPLES
@given(first_leg=scores, second_leg=scores, season=st.sampled_from(["2018-19", "2020-21", "2021-22", "2024-25"]))
def test_a_tie_never_goes_to_the_club_with_fewer_goals_and_away_goals_settle_it_before_extra_time(
    first_leg, second_leg, season
):
    rules = tie_rules("uefa.cl", season)
    legs = [Leg("A", "B", first_leg), Leg("B", "A", second_leg)]
    aggregate = (first_leg[0] + second_leg[1], first_leg[1] + second_leg[0])
    away = (second_leg[1], first_leg[1])
    level = aggregate[0] == aggregate[1] and (not rules.away_goals or away[0] == away[1])
    if level:  # the 90 minutes settle nothing: the tie is not over without extra time or penalties
        with pytest.raises(ValueError, match="level with no shoot-out"):
            decide_tie(legs, rules=rules)
        return
    outcome = decide_tie(legs, rules=rules)
    winner, loser = (0, 1) if outcome.winner == "A" else (1, 0)
    assert aggregate[winner] >= aggregate[loser]
    assert outcome.decided == ("aggregate" if aggregate[0] != aggregate[1] else "away_goals")
    assert away[winner] > away[loser] or outcome.decided == "aggregate"
