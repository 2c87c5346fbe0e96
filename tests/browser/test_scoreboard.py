"""The match page's score sits in the middle of the scoreboard, under the "v" between the two names."""

import datetime
from pathlib import Path

import pytest

from matches.models import Match
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def semi_final() -> Match:
    """A long name on one side and a short one on the other, decided in extra time and on penalties."""
    ucl = factories.CompetitionFactory(code="uefa.cl", name="UEFA Champions League", short_name="Champions League")
    return factories.MatchFactory(
        season=factories.SeasonFactory(competition=ucl),
        home=factories.ClubFactory(name="FC Internazionale Milano"),
        away=factories.ClubFactory(name="FC Barcelona"),
        round_name="Semi-final",
        kickoff=datetime.datetime(2025, 5, 6, 19, 0, tzinfo=datetime.UTC),
        status=Match.Status.FINISHED,
        home_score=3, away_score=3, home_ht=2, away_ht=0, home_et=4, away_et=3,
    )  # fmt: skip


def centre(box: dict) -> float:
    return box["x"] + box["width"] / 2


@pytest.mark.parametrize("width", [390, 768, 1280])
def test_the_score_is_centred_on_the_scoreboard(live_server, browser, semi_final, width: int, artifacts: Path):
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}{semi_final.get_absolute_url()}")
        page.locator(".scoreboard").screenshot(path=str(artifacts / f"scoreboard-{width}.png"))
        board = page.locator(".scoreboard").bounding_box()
        score = page.get_by_test_id("score").bounding_box()
        versus = page.locator(".scoreboard__versus").bounding_box()
        status = page.get_by_test_id("status").bounding_box()
    finally:
        context.close()

    assert abs(centre(score) - centre(board)) <= 3
    assert abs(centre(score) - centre(versus)) <= 3  # between the names, wherever they sit
    assert status["x"] >= score["x"] + score["width"] or status["y"] >= score["y"] + score["height"]
