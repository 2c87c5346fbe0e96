"""The admin's match form follows the one score rule (matches.standings.scores) and says what is wrong."""

import datetime as dt

import pytest
from django.contrib import admin
from django.forms.models import model_to_dict

from matches.models import Match, Stage
from tests import factories

pytestmark = pytest.mark.django_db


def match_form(rf, admin_user, match, **changes):
    request = rf.post("/")
    request.user = admin_user
    form_class = admin.site._registry[Match].get_form(request, match)
    data = {k: v for k, v in model_to_dict(match).items() if v is not None}
    data["kickoff_0"], data["kickoff_1"] = match.kickoff.strftime("%Y-%m-%d"), match.kickoff.strftime("%H:%M:%S")
    data.update(changes)
    return form_class(data, instance=match)


@pytest.mark.parametrize(
    ("stage", "changes", "field", "words"),
    [
        (Stage.LEAGUE, {"home_et": 2, "away_et": 1}, "home_et", "counts in a table"),
        (Stage.LEAGUE, {"home_pens": 4, "away_pens": 2}, "home_pens", "counts in a table"),
        (Stage.FINAL, {"home_et": 3, "away_et": 1}, "home_et", "won in 90 minutes"),
        (
            Stage.FINAL,
            {"home_score": 1, "away_score": 1, "home_et": 1, "away_et": 1, "home_pens": 4, "away_pens": 4},
            "home_pens",
            "cannot end level",
        ),
        (Stage.LEAGUE, {"home_ht": 5, "away_ht": 0}, "home_ht", "more goals than full time"),
        (Stage.LEAGUE, {"status": "half_time", "minute": 150}, "minute", "Half-time comes at"),
        (Stage.LEAGUE, {"home_et": 2}, "home_et", "both sides"),
    ],
)
def test_an_inconsistent_score_is_a_form_error(rf, admin_user, stage, changes, field, words):
    match = factories.MatchFactory(stage=stage, played=True)

    form = match_form(rf, admin_user, match, **changes)

    assert not form.is_valid()
    assert set(form.errors) == {field}
    assert any(words in message for message in form.errors[field])
    match.refresh_from_db()
    assert (match.home_et, match.home_pens, match.minute) == (None, None, None)


def test_a_consistent_correction_is_taken(rf, admin_user):
    match = factories.MatchFactory(stage=Stage.FINAL, round_name="Final", played=True, home_score=1, away_score=1)

    form = match_form(rf, admin_user, match, home_et=1, away_et=1, home_pens=5, away_pens=3)

    assert form.is_valid(), form.errors


def test_a_second_leg_corrected_in_the_admin_settles_its_tie_again(client, admin_user):
    """Barcelona v Inter 2024-25's semi-final: a second leg first entered 3-3 after extra time (the tie level at
    6-6, to be decided on penalties) and corrected to Inter's 4-3: Inter go through on aggregate after extra
    time. Through the admin's change view, as an editor corrects it."""
    from django.urls import reverse

    season = factories.SeasonFactory(competition__code="uefa.cl", label="2024-25")
    barcelona, inter = factories.ClubFactory(name="FC Barcelona"), factories.ClubFactory(name="Inter")
    tie = factories.TieFactory(season=season, stage=Stage.SEMI_FINAL, club_a=barcelona, club_b=inter)
    common = {"season": season, "stage": Stage.SEMI_FINAL, "tie": tie, "status": Match.Status.FINISHED}
    factories.MatchFactory(
        **common,
        round_name="Semi-finals, 1st Leg",
        leg=1,
        home=barcelona,
        away=inter,
        kickoff=dt.datetime(2025, 4, 30, 19, 0, tzinfo=dt.UTC),
        home_score=3,
        away_score=3,
    )
    second = factories.MatchFactory(
        **common,
        round_name="Semi-finals, 2nd Leg",
        leg=2,
        home=inter,
        away=barcelona,
        kickoff=dt.datetime(2025, 5, 6, 19, 0, tzinfo=dt.UTC),
        home_score=3,
        away_score=3,
        home_et=3,
        away_et=3,
        home_pens=1,
        away_pens=4,
    )
    client.force_login(admin_user)
    changes = {"home_et": 4, "away_et": 3, "home_pens": "", "away_pens": ""}
    data = {k: v for k, v in model_to_dict(second).items() if v is not None}
    data["kickoff_0"], data["kickoff_1"] = second.kickoff.strftime("%Y-%m-%d"), second.kickoff.strftime("%H:%M:%S")
    data.update(changes)

    response = client.post(reverse("admin:matches_match_change", args=[second.pk]), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    tie.refresh_from_db()
    assert (tie.winner, tie.decided_by) == (inter, "extra_time")
    assert (tie.club_a_goals, tie.club_b_goals) == (6, 7)
