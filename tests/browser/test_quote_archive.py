"""The quote archive in a real browser: typing and choosing filter the results in place, the address keeps
step, the facet drop-downs (outside the form, joined to it by its id) send their choice along with the words and
dates, and a quote's page carries its citations."""

import datetime
from pathlib import Path

import pytest

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_journalist_searches_filters_and_cites(live_server, page, artifacts: Path):
    ancelotti = factories.PersonFactory(name="Carlo Ancelotti", slug="carlo-ancelotti")
    flick = factories.PersonFactory(name="Hansi Flick", slug="hansi-flick")
    factories.QuoteFactory(speaker=ancelotti, text="The honeymoon never ends.", said_on=datetime.date(2025, 5, 9))
    factories.QuoteFactory(speaker=flick, text="The honeymoon is for the fans.", said_on=datetime.date(2025, 5, 8))
    factories.QuoteFactory(speaker=flick, text="We go again.", said_on=datetime.date(2025, 5, 7))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/quotes/")

    page.fill("#archive-q", "honeymoon")
    page.get_by_text("1\N{EN DASH}2 of 2 quotes").wait_for(timeout=10_000)
    assert "q=honeymoon" in page.url and "We go again." not in page.inner_text("#quote-results")
    assert page.locator("#quote-results mark").first.inner_text().lower() == "honeymoon"

    page.select_option("#facet-speaker", "hansi-flick")
    page.get_by_text("1\N{EN DASH}1 of 1 quote by Hansi Flick").wait_for(timeout=10_000)
    assert "speaker=hansi-flick" in page.url and "q=honeymoon" in page.url

    page.fill("#archive-from", "2025-05-09")
    page.get_by_text("No quotes by Hansi Flick match.").wait_for(timeout=10_000)
    page.screenshot(path=artifacts / "quote-archive.png", full_page=True)

    page.goto(f"{live_server.url}/quotes/?q=never")
    page.get_by_role("link", name="Cite this quote").click()
    page.get_by_role("heading", name="Cite this quote").wait_for(timeout=10_000)
    assert "@misc{pressbox-quote-" in page.inner_text("#citation-bibtex")
    assert errors == []
