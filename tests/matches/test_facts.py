import datetime

import pytest

from matches.facts import match_facts
from matches.models import Match, Season
from matches.tables import season_table

pytestmark = pytest.mark.django_db


@pytest.fixture
def seasons(demo_newsroom) -> None:
    """La Liga 2024-25 and Bundesliga 2023-24 among the demo's seasons, loaded once per worker."""


def clasico() -> Match:
    return Match.objects.with_related().get(
        home__name="FC Barcelona", away__name="Real Madrid CF", round_name="Matchday 35"
    )


def test_the_clasico_as_of_kick_off(seasons, django_assert_num_queries):
    match = clasico()

    with django_assert_num_queries(3):  # clubs (which say there are no deductions), matches, meetings
        facts = match_facts(match)

    barca, real = facts.home, facts.away
    assert (barca.row.position, barca.row.points, barca.row.played) == (1, 79, 34)
    assert (real.row.position, real.row.points, real.row.played) == (2, 75, 34)
    assert (barca.race.matches_left, real.race.matches_left) == (4, 4)
    assert (barca.race.max_points, real.race.max_points) == (91, 87)
    assert barca.race.gap_to_leader == 0
    assert real.race.gap_to_leader == 4
    assert barca.race.gap_below == 4
    assert facts.headline_fact == "Barcelona are four points clear of Real Madrid with four matches left."
    assert barca.race.zones["title"] == "open"
    assert barca.race.zones["champions_league"] == "certain"
    assert "Champions League place secured" in barca.decided


def test_the_clasico_meetings(seasons):
    facts = match_facts(clasico())

    # The 2024-25 league meeting before it: Real Madrid 0-4 Barcelona, 26 October 2024.
    assert [(m.home.name, m.home_score, m.away_score) for m in facts.meetings_this_season] == [
        ("Real Madrid CF", 0, 4)
    ]
    assert facts.meetings[0] == facts.meetings_this_season[0]


def test_after_the_final_day_the_title_is_decided(seasons):
    final = Match.objects.with_related().filter(season__competition__code="es.1").order_by("kickoff").last()

    facts = match_facts(final)
    table = season_table(final.season)

    barca = next(f for f in table.race() if f.club == "fc-barcelona")
    assert barca.zones["title"] == "certain"
    assert facts.table.rows  # the table before the last kick-off is not empty


def test_leverkusen_unbeaten_season(seasons):
    season = Season.objects.select_related("competition").get(competition__code="de.1", label="2023-24")
    table = season_table(season)

    leverkusen = table.rows[0]
    assert leverkusen.club == "bayer-04-leverkusen"
    assert (leverkusen.played, leverkusen.won, leverkusen.drawn, leverkusen.lost, leverkusen.points) == (
        34,
        28,
        6,
        0,
        90,
    )
    runs = table.runs("bayer-04-leverkusen")
    assert runs.unbeaten.length == 34
    assert (runs.unbeaten.start, runs.unbeaten.end) == (datetime.date(2023, 8, 19), datetime.date(2024, 5, 18))


def test_table_as_it_stood_before_a_kick_off_ignores_later_matches_that_day(seasons):
    match = clasico()
    later_same_day = Match.objects.filter(kickoff_date=match.kickoff_date, kickoff__gt=match.kickoff)

    table = season_table(match.season, before=match.kickoff)

    counted = sum(row.played for row in table.rows) // 2
    assert counted == Match.objects.filter(season=match.season, kickoff__lt=match.kickoff).played().count()
    assert later_same_day.exists() or counted > 0


def test_every_zone_the_data_defines_has_words():
    from matches.facts import ZONE_LABELS
    from matches.standings import ZONES

    names = {zone.name for zones in ZONES.values() for zone in zones}
    assert names <= ZONE_LABELS.keys()


def test_an_editor_sees_the_facts_in_the_admin(admin_client, seasons):
    match = clasico()

    html = admin_client.get(f"/admin/matches/match/{match.pk}/change/").content.decode()

    assert "Barcelona are four points clear of Real Madrid with four matches left." in html
    assert "Barcelona: 1, 79 pts from 34, 4 left (max 91), 0 behind the leader" in html
