"""The moves tracker in a browser: a filter swaps the results in place with htmx and the address follows."""

import datetime as dt
from pathlib import Path

import pytest

from people.actions import create_move, record_move_update
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = dt.date


@pytest.fixture
def moves() -> None:
    leverkusen, madrid, brazil = (factories.ClubFactory(name=n) for n in ("Leverkusen", "Madrid", "Brazil"))
    alonso = factories.TenureFactory(club=leverkusen, start_date=D(2022, 10, 5)).person
    ancelotti = factories.TenureFactory(club=madrid, start_date=D(2021, 6, 1)).person
    for person, old, new, status in (
        (alonso, leverkusen, madrid, "in_talks"),
        (ancelotti, madrid, brazil, "rumoured"),
    ):
        move = create_move(person=person, from_club=old, to_club=new, on=D(2025, 5, 9))
        record_move_update(move=move, date=D(2025, 5, 9), status=status, summary="Reported.", source_name="Press")


@pytest.mark.parametrize("width", [390, 1280])
def test_a_filter_swaps_the_results_and_the_address_follows(live_server, browser, moves, width: int, artifacts: Path):
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/moves/?as_of=2025-05-09")
        assert page.locator(".move").count() == 2
        page.select_option("#status", "in_talks")
        page.wait_for_url("**/moves/?*status=in_talks*")
        assert "as_of=2025-05-09" in page.url
        page.wait_for_function("document.querySelectorAll('.move').length === 1")
        assert page.locator(".move .badge").inner_text().lower() == "in talks"
        assert page.locator("h1").count() == 1  # swapped in place, not a page inside the page
        page.screenshot(path=str(artifacts / f"moves-tracker-{width}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
        assert not overflow
    finally:
        context.close()
