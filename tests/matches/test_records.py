"""Records in charge read from the database: spans inside, across and beyond seasons, in fixed queries.

The demo tests check the figures on the real results shipped in ../shared (de.1 2023-24 and 2024-25, es.1,
it.1 and uefa.cl 2024-25); the others build synthetic seasons.
"""

import datetime as dt

import pytest

from matches.models import Club, Match
from matches.records import Span, records_in_charge
from tests import factories

D = dt.date


@pytest.fixture
def season_of_matches(db):
    """Alpha's league season: a match a fortnight from 1 August 2024 to 1 May 2025, all won 1-0 except a
    2-2 draw on 26 December and a 0-1 defeat on 2 March 2025; then a cup match after extra time."""
    season = factories.SeasonFactory(label="2024-25", start_date=D(2024, 8, 1), end_date=D(2025, 5, 31))
    alpha = factories.ClubFactory(name="Alpha")
    days = [D(2024, 8, 1) + dt.timedelta(days=14 * n) for n in range(20)]
    for n, day in enumerate(days):
        other = factories.ClubFactory()
        score = (2, 2) if day == D(2024, 12, 26) else (0, 1) if day == D(2025, 3, 6) else (1, 0)
        kickoff = dt.datetime.combine(day, dt.time(18), tzinfo=dt.UTC)
        factories.MatchFactory(
            season=season,
            home=alpha,
            away=other,
            kickoff=kickoff,
            home_score=score[0],
            away_score=score[1],
            status=Match.Status.FINISHED,
            matchday=n + 1,
        )
    return alpha, days


def test_a_tenure_starting_and_ending_mid_season(season_of_matches, django_assert_num_queries):
    alpha, days = season_of_matches
    span = Span(alpha.pk, days[5], days[9])
    with django_assert_num_queries(2):
        found = records_in_charge([span])[span]
    assert found.overall.played == 5
    assert found.seasons == ("2024-25",)
    assert found.covers_whole_span


def test_a_tenure_longer_than_the_data_says_what_it_covers(season_of_matches):
    alpha, days = season_of_matches
    span = Span(alpha.pk, D(2022, 10, 5), None)
    found = records_in_charge([span])[span]
    assert found.overall.played == 20
    assert not found.covers_whole_span
    assert (found.covered_from, found.covered_to) == (days[0], days[-1])


def test_queries_do_not_grow_with_spans_and_matches(season_of_matches, django_assert_num_queries):
    alpha, days = season_of_matches
    spans = [Span(alpha.pk, day) for day in days]
    with django_assert_num_queries(2):
        found = records_in_charge(spans)
    assert [found[s].overall.played for s in spans] == list(range(20, 0, -1))


def test_no_matches_no_record(db, django_assert_num_queries):
    club = factories.ClubFactory()
    span = Span(club.pk, D(2024, 1, 1))
    found = records_in_charge([span])[span]
    assert found.overall.played == 0 and found.competitions == () and not found.covers_whole_span
    assert records_in_charge([]) == {}


# ---- The real results ------------------------------------------------------------------------------------------


def span_of(name: str, start: dt.date, end: dt.date | None) -> Span:
    return Span(Club.objects.get(name=name).pk, start, end)


@pytest.mark.demo
@pytest.mark.django_db
def test_alonso_at_leverkusen_across_a_season_boundary_and_beyond_the_data(demo_newsroom):
    span = span_of("Bayer 04 Leverkusen", D(2022, 10, 5), D(2025, 5, 31))
    found = records_in_charge([span])[span]
    assert found.seasons == ("2023-24", "2024-25")
    assert not found.covers_whole_span  # appointed in October 2022: 2022-23 is not in the data
    bundesliga = next(line for line in found.competitions if line.competition.code == "de.1")
    season = {line.label: line.record for line in bundesliga.seasons}
    unbeaten = season["2023-24"]
    assert (unbeaten.played, unbeaten.won, unbeaten.drawn, unbeaten.lost) == (34, 28, 6, 0)
    assert (unbeaten.goals_for, unbeaten.goals_against, unbeaten.points) == (89, 24, 90)
    assert unbeaten.unbeaten.length == 34
    # The run went on into 2024-25 (a win at Mönchengladbach) until the defeat by Leipzig: 35 league matches.
    assert bundesliga.record.unbeaten.length == 35
    assert bundesliga.record.unbeaten.end == D(2024, 8, 23)
    assert (season["2024-25"].played, season["2024-25"].points) == (34, 69)


@pytest.mark.demo
@pytest.mark.django_db
def test_a_tenure_ending_mid_season_and_its_successor_starting_mid_season(demo_newsroom):
    juric = span_of("AS Roma", D(2024, 9, 18), D(2024, 11, 10))
    ranieri = span_of("AS Roma", D(2024, 11, 14), D(2025, 5, 31))
    found = records_in_charge([juric, ranieri])
    assert found[juric].covers_whole_span
    # From November to May: 2024-25's data covers it all, though the last match was before its last day.
    assert found[ranieri].covers_whole_span
    total = found[juric].overall.played + found[ranieri].overall.played
    roma = Club.objects.get(name="AS Roma")
    in_league = Match.objects.for_club(roma).played().filter(season__competition__code="it.1")
    assert total == in_league.filter(kickoff_date__gte=D(2024, 9, 18)).count()
    assert found[juric].overall.played == 8
    assert found[ranieri].overall.played == 26


@pytest.mark.demo
@pytest.mark.django_db
def test_ancelotti_at_real_madrid_covers_only_his_last_season(demo_newsroom):
    span = span_of("Real Madrid CF", D(2021, 6, 1), D(2025, 5, 25))
    found = records_in_charge([span])[span]
    assert found.seasons == ("2024-25",)
    league = {line.competition.code: line.record for line in found.competitions}
    assert (league["es.1"].played, league["es.1"].won, league["es.1"].drawn, league["es.1"].lost) == (38, 26, 6, 6)
    assert league["es.1"].points == 84
    assert league["uefa.cl"].played == 14
