"""The admin's match form follows the one score rule (matches.standings.scores) and says what is wrong."""

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
