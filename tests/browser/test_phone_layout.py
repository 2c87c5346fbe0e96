"""On a phone a reader meets the match first: the card and the table come before the story's text, and no page
is wider than the screen. On a desktop the same pages keep the card beside the text."""

import datetime

import pytest

from matches.models import Match
from newsroom.models import Article
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
KICKOFF = datetime.datetime(2025, 5, 11, 14, 15, tzinfo=datetime.UTC)
BODY = "\n\n".join(
    f"Paragraph {n} of the preview: Barcelona are four points clear of Real Madrid with four matches left."
    for n in range(1, 13)
)


@pytest.fixture
def clasico_preview() -> Article:
    """A preview whose match has a table at kick-off and five results of form on each side."""
    la_liga = factories.CompetitionFactory(code="es.1", name="LaLiga EA Sports", short_name="La Liga")
    season = factories.SeasonFactory(competition=la_liga, label="2024-25")
    barca = factories.ClubFactory(name="FC Barcelona", short_name="Barcelona", slug="fc-barcelona")
    real = factories.ClubFactory(name="Real Madrid CF", short_name="Real Madrid", slug="real-madrid-cf")
    others = [factories.ClubFactory(name=f"Club de Fútbol Número {n}") for n in range(5)]
    season.clubs.add(barca, real, *others)
    for day, other in enumerate(others, start=1):
        played = KICKOFF - datetime.timedelta(days=7 * day)
        factories.MatchFactory(season=season, home=barca, away=other, played=True, kickoff=played)
        factories.MatchFactory(
            season=season, home=other, away=real, status=Match.Status.FINISHED, home_score=1, away_score=1,
            kickoff=played,
        )  # fmt: skip
    match = factories.MatchFactory(
        season=season, home=barca, away=real, round_name="Matchday 35", matchday=35, kickoff=KICKOFF,
        venue=factories.VenueFactory(name="Estadi Olímpic Lluís Companys"),
    )  # fmt: skip
    return factories.ArticleFactory(
        kind=Article.Kind.PREVIEW, headline="Barcelona can take a giant step towards the title in the Clasico",
        published=True, match=match, body=BODY,
    )  # fmt: skip


def top(page, selector: str) -> float:
    return page.locator(selector).first.bounding_box()["y"]


def scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


# What sticks out of the page's column: on a phone that is past the screen's margin, or past the screen.
STICKING_OUT = """() => {
    const edge = document.querySelector('main').getBoundingClientRect().right + 0.5;
    return [...document.querySelectorAll('main *')]
        .filter(e => e.getBoundingClientRect().right > edge && e.getBoundingClientRect().width > 1)
        .map(e => `${e.tagName.toLowerCase()}.${e.className}`);
}"""


def sticking_out(page) -> list[str]:
    return page.evaluate(STICKING_OUT)


def test_on_a_phone_the_preview_shows_the_match_before_the_text(live_server, browser, clasico_preview, artifacts):
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}{clasico_preview.get_absolute_url()}")
        page.screenshot(path=str(artifacts / "preview-phone.png"), full_page=True)
        headline, card, table = top(page, ".story__headline"), top(page, ".match-card"), top(page, ".live-table")
        text = top(page, ".story__body p")
        width, wide = scroll_width(page), sticking_out(page)
    finally:
        context.close()

    assert headline < card < table < text
    assert width <= PHONE["width"]
    assert wide == []


def test_on_a_desktop_the_match_stays_beside_the_text(live_server, browser, clasico_preview, artifacts):
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}{clasico_preview.get_absolute_url()}")
        page.screenshot(path=str(artifacts / "preview-desktop.png"), full_page=True)
        card = page.locator(".match-card").bounding_box()
        text = page.locator(".story__body").bounding_box()
        headline = page.locator(".story__headline").bounding_box()
        width = scroll_width(page)
    finally:
        context.close()

    assert card["x"] >= text["x"] + text["width"]  # a column of its own, to the right of the text
    assert card["y"] <= headline["y"] + headline["height"]  # level with the top of the story, as before
    assert width <= DESKTOP["width"]


def test_on_a_phone_the_match_page_leads_with_the_score(live_server, browser, clasico_preview, artifacts):
    match = clasico_preview.match
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}{match.get_absolute_url()}")
        page.screenshot(path=str(artifacts / "match-phone.png"), full_page=True)
        card, table, coverage = top(page, ".scoreboard"), top(page, ".live-table"), top(page, ".teaser")
        width, wide = scroll_width(page), sticking_out(page)
    finally:
        context.close()

    assert card < table < coverage
    assert width <= PHONE["width"]
    assert wide == []
