"""Two editors with one article open: each sees the other, and the second's stale save is refused, text kept."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editors(django_user_model) -> list[str]:
    for username, first, last in [("sid", "Sid", "Lowe"), ("guillem", "Guillem", "Balague")]:
        user = django_user_model.objects.create_user(
            username, password="pw", is_staff=True, first_name=first, last_name=last
        )
        user.user_permissions.set(Permission.objects.filter(content_type__app_label="newsroom"))
    return ["sid", "guillem"]


@pytest.fixture
def two_pages(browser, live_server, editors) -> Iterator[list[object]]:
    contexts = [browser.new_context(viewport={"width": 1280, "height": 1600}) for _ in editors]
    pages = []
    for context, username in zip(contexts, editors, strict=True):
        page = context.new_page()
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", "pw")
        page.click("input[type=submit]")
        pages.append(page)
    yield pages
    for context in contexts:
        context.close()


def test_two_editors_see_each_other_and_the_stale_save_is_refused(live_server, two_pages, artifacts: Path):
    article = factories.ArticleFactory(headline="Alonso poised for Madrid", body="Alonso will leave Leverkusen.")
    sid, guillem = two_pages
    errors: list[str] = []
    for page in two_pages:
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    url = f"{live_server.url}/admin/newsroom/article/{article.pk}/change/"
    with sid.expect_response(lambda response: "/presence/" in response.url):  # Sid's first poll marks him there
        sid.goto(url)
    guillem.goto(url)

    guillem.get_by_text("Also open by Sid Lowe.").wait_for(timeout=10_000)
    sid.evaluate("htmx.trigger('#article-presence', 'visible-again')")  # not wait the ten seconds for its poll
    sid.get_by_text("Also open by Guillem Balague.").wait_for(timeout=10_000)

    sid.fill("#id_headline", "Alonso confirmed at Madrid")
    sid.click("input[name=_continue]")
    sid.wait_for_selector(".messagelist .success")
    guillem.evaluate("htmx.trigger('#article-presence', 'visible-again')")
    guillem.get_by_text("Sid Lowe saved this article at").wait_for(timeout=10_000)
    guillem.fill("#id_body", "Alonso will leave Leverkusen this summer.")
    guillem.click("input[name=_continue]")
    guillem.wait_for_selector("#edit-conflict")
    guillem.screenshot(path=artifacts / "edit-conflict.png", full_page=True)

    assert "Sid Lowe saved this article at" in guillem.inner_text(".errorlist.nonfield")
    assert guillem.input_value("#id_body") == "Alonso will leave Leverkusen this summer."
    assert "-Alonso confirmed at Madrid" in guillem.inner_text("#edit-conflict")
    article.refresh_from_db()
    assert (article.headline, article.body) == ("Alonso confirmed at Madrid", "Alonso will leave Leverkusen.")
    assert errors == []
