"""The quote panel in a real browser: finding and confirming swap the panel in place, the unsaved form kept."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from newsroom.models import Quote
from newsroom.roles import EDITOR
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_finds_and_confirms_a_quote_without_leaving_the_form(
    live_server, page, django_user_model, artifacts: Path
):
    editor = django_user_model.objects.create_user("eva", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR))
    factories.PersonFactory(name="Luis Reyes", aliases=["Reyes"])
    article = factories.ArticleFactory(headline="Madrid win", body="Madrid won.\n\n“We go again,” Reyes said.")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda r: r.status >= 400 and "favicon" not in r.url and errors.append(f"{r.status} {r.url}"))
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "eva")
    page.fill("#id_password", "pw")
    page.click("input[type=submit]")
    url = f"{live_server.url}/admin/newsroom/article/{article.pk}/change/"
    page.goto(url)
    page.fill("#id_headline", "Madrid win, unsaved")

    page.get_by_role("button", name="Find quotes in the text").click()
    page.get_by_text("Found 1 new quote(s) in the text.").wait_for(timeout=10_000)
    page.locator("#quote-desk").get_by_role("button", name="Confirm").click()
    page.get_by_text("Quote verified against a transcript.").wait_for(timeout=10_000)
    page.screenshot(path=artifacts / "quote-desk.png", full_page=True)

    assert page.url == url
    assert page.input_value("#id_headline") == "Madrid win, unsaved"
    assert "Luis Reyes" in page.inner_text("#quote-desk")
    assert list(Quote.objects.values_list("verification", flat=True)) == ["verified_transcript"]
    assert errors == []
