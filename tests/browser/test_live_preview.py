"""A score entered by the data desk shows on an open preview within one poll, without a reload."""

import datetime
import json
import urllib.request
from pathlib import Path

import pytest
from django.utils import timezone

from newsroom.models import Article
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TOKEN = "browser-test-desk-token"


@pytest.fixture
def preview_about_to_kick_off(settings) -> Article:
    settings.SCORE_API_TOKEN = TOKEN
    settings.LIVE_POLL_SECONDS = 1
    la_liga = factories.CompetitionFactory(code="es.1", name="LaLiga", short_name="La Liga")
    season = factories.SeasonFactory(competition=la_liga, label="2024-25")
    barca = factories.ClubFactory(name="FC Barcelona", short_name="Barcelona", slug="fc-barcelona")
    real = factories.ClubFactory(name="Real Madrid CF", short_name="Real Madrid", slug="real-madrid-cf")
    season.clubs.add(barca, real)
    match = factories.MatchFactory(
        season=season, home=barca, away=real, round_name="Matchday 35", matchday=35,
        kickoff=timezone.now() + datetime.timedelta(minutes=5),
    )  # fmt: skip
    return factories.ArticleFactory(
        kind=Article.Kind.PREVIEW, headline="Barcelona host Real Madrid", published=True, match=match
    )


def post_score(base_url: str, match_id: int, body: dict) -> int:
    request = urllib.request.Request(
        f"{base_url}/api/v1/matches/{match_id}/score",
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


def test_a_posted_score_reaches_the_open_preview(live_server, page, preview_about_to_kick_off, artifacts: Path):
    article = preview_about_to_kick_off
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    score = page.get_by_test_id("score").first
    points = page.get_by_test_id("row-fc-barcelona").get_by_test_id("points")
    assert score.inner_text() == "v"
    assert points.inner_text() == "0"
    page.evaluate("window.__sameDocument = true")

    assert post_score(live_server.url, article.match_id, {"home": 1, "away": 0, "minute": 9}) == 200

    page.wait_for_function(
        "() => document.querySelector('[data-testid=score]').textContent.trim() === '1\u20130'", timeout=10_000
    )
    page.wait_for_function(
        "() => document.querySelector('[data-testid=row-fc-barcelona] [data-testid=points]').textContent === '3'",
        timeout=10_000,
    )
    assert "as it stands" in page.locator(".live-table").inner_text().lower()
    assert page.evaluate("window.__sameDocument") is True  # no reload happened
    page.screenshot(path=str(artifacts / "live-preview.png"), full_page=True)
    assert errors == []  # no CSP refusals or script errors


def test_polling_stops_at_full_time(live_server, page, preview_about_to_kick_off):
    article = preview_about_to_kick_off
    page.goto(f"{live_server.url}{article.get_absolute_url()}")

    post_score(live_server.url, article.match_id, {"home": 2, "away": 2, "status": "finished"})
    page.wait_for_function(
        "() => document.querySelector('[data-testid=status]').textContent.trim() === 'Full-time'", timeout=10_000
    )
    # The score and the table each stop on their own next poll, a moment apart.
    page.wait_for_function("() => document.querySelectorAll('[data-poll]').length === 0", timeout=10_000)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.wait_for_timeout(2_500)  # more than two poll intervals

    assert [url for url in requests if "/score/" in url or "/table/" in url] == []


def test_a_reader_elsewhere_also_sees_kick_off_in_their_own_time(live_server, browser):
    la_liga = factories.CompetitionFactory(code="es.1", name="LaLiga", timezone="Europe/Madrid")
    match = factories.MatchFactory(
        season=factories.SeasonFactory(competition=la_liga),
        kickoff=datetime.datetime(2025, 5, 11, 14, 15, tzinfo=datetime.UTC),  # 16:15 in Barcelona
    )
    article = factories.ArticleFactory(kind=Article.Kind.PREVIEW, published=True, match=match)
    context = browser.new_context(timezone_id="America/New_York", locale="en-US")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}{article.get_absolute_url()}")
        card = page.locator(".match-card").inner_text()
    finally:
        context.close()

    assert "16:15" in card and "local time" in card
    assert "(10:15 your time)" in card
