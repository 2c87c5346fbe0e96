"""A story's way through the newsroom, in Chromium: a writer drafts it with a league table embedded and
submits it, an editor asks for a change, the writer makes it and submits again, the editor schedules it, and at
its time it is on the home page, the table in it, with no job run in between."""

import datetime
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from newsroom.models import Article
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
HEADLINE = "Flick keeps faith with his Clasico side"
WRITER_ONLY = ["add_article", "change_article", "view_article", "add_quote", "change_quote", "view_quote"]


@pytest.fixture
def staff(django_user_model) -> None:
    newsroom = Permission.objects.filter(content_type__app_label="newsroom")
    writer = django_user_model.objects.create_user("writer", password="pw", is_staff=True)
    writer.user_permissions.set(newsroom.filter(codename__in=WRITER_ONLY))
    editor = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    editor.user_permissions.set(newsroom)


@pytest.fixture
def desks(browser, live_server, staff) -> Iterator[dict[str, object]]:
    """A signed-in browser page for each of the writer and the editor, and one for a reader."""
    contexts, pages = [], {}
    for name in ("writer", "editor", "reader"):
        context = browser.new_context(viewport={"width": 1280, "height": 1400})
        page = context.new_page()
        if name != "reader":
            page.goto(f"{live_server.url}/admin/login/")
            page.fill("#id_username", name)
            page.fill("#id_password", "pw")
            page.click("input[type=submit]")
        contexts.append(context)
        pages[name] = page
    yield pages
    for context in contexts:
        context.close()


def take_step(page, live_server, article: Article, step: str, **fields: str) -> None:
    page.goto(f"{live_server.url}/admin/newsroom/article/{article.pk}/workflow/")
    for name, value in fields.items():
        page.fill(f"#id_{name}", value)
    page.click(f"button[value={step}]")
    page.wait_for_load_state()
    assert page.locator(".messagelist .success").count() == 1, page.content()[:2000]


def test_a_story_from_draft_to_the_home_page(live_server, desks, artifacts: Path):
    writer, editor, reader = desks["writer"], desks["editor"], desks["reader"]
    played = factories.MatchFactory(played=True, home__name="Barcelona", away__name="Real Madrid")
    played.season.clubs.add(played.home, played.away)
    table = f"{{{{ table {played.season.competition.code} {played.season.label} }}}}"
    errors: list[str] = []
    for page in desks.values():
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    writer.goto(f"{live_server.url}/admin/newsroom/article/add/")
    writer.fill("#id_headline", HEADLINE)
    writer.fill("#id_body", f"Hansi Flick names an unchanged side.\n\n{table}\n")
    writer.click("input[name=_continue]")
    writer.wait_for_load_state()
    article = Article.objects.get(headline=HEADLINE)
    take_step(writer, live_server, article, "submit", note="Ready for a look.")

    take_step(editor, live_server, article, "request_changes", note="Say who is on the bench.")
    writer.goto(f"{live_server.url}/admin/newsroom/article/{article.pk}/workflow/")
    assert "Say who is on the bench." in writer.content()
    writer.goto(f"{live_server.url}/admin/newsroom/article/{article.pk}/change/")
    writer.fill("#id_body", f"Hansi Flick names an unchanged side. Gavi is on the bench.\n\n{table}\n")
    writer.click("input[name=_continue]")
    writer.wait_for_load_state()
    take_step(writer, live_server, article, "submit", note="Bench added.")

    # Far enough ahead for the checks before it on a slow machine; the test then waits for it.
    go_live = timezone.localtime() + datetime.timedelta(seconds=15)
    take_step(editor, live_server, article, "schedule", at=go_live.strftime("%Y-%m-%dT%H:%M:%S"))
    editor.screenshot(path=str(artifacts / "workflow-scheduled.png"), full_page=True)
    assert "Scheduled" in editor.locator(".workflow__state").inner_text()

    reader.goto(f"{live_server.url}/")
    assert HEADLINE not in reader.content()
    while timezone.localtime() <= go_live:
        time.sleep(0.5)
    reader.goto(f"{live_server.url}/")
    assert HEADLINE in reader.content()
    reader.click(f"text={HEADLINE}")
    assert "Gavi is on the bench." in reader.content()
    embedded = reader.locator(".story-embed--table")
    assert embedded.count() == 1 and "Real Madrid" in embedded.inner_text()
    actions = list(Article.objects.get(pk=article.pk).events.order_by("pk").values_list("action", flat=True))
    assert actions == ["submitted", "changes_requested", "submitted", "scheduled"]
    assert errors == []
