"""The editorial workflow: draft, in review, changes requested, scheduled, published, unpublished. Every step is
an action that checks who may take it and from where, and lands on the article's timeline; a scheduled story
goes live at its time with no job to run, and is out of every public page until then."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from newsroom.actions import next_steps, publish_article, request_changes, submit_for_review, unpublish_article
from newsroom.models import Article, ArticleEvent
from tests import factories
from tests.test_permissions import form_data

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2025, 5, 9, 10, 0, tzinfo=datetime.UTC)
Status = Article.Status


@pytest.fixture
def draft():
    return factories.ArticleFactory(headline="Flick names his side")


def test_a_story_goes_from_draft_through_review_to_published(draft, writer, editor):
    submit_for_review(article=draft, writer=writer)
    request_changes(article=draft, editor=editor, note="Add Alonso's quote.")
    submit_for_review(article=draft, writer=writer, note="Added.")
    publish_article(article=draft, editor=editor)
    unpublish_article(article=draft, editor=editor, note="Legal asked.")

    draft.refresh_from_db()
    assert draft.status == Status.UNPUBLISHED
    timeline = [(e.action, e.from_status, e.to_status, e.user.username, e.note) for e in draft.events.order_by("pk")]
    assert timeline == [
        ("submitted", "draft", "in_review", "writer", ""),
        ("changes_requested", "in_review", "changes_requested", "editor", "Add Alonso's quote."),
        ("submitted", "changes_requested", "in_review", "writer", "Added."),
        ("published", "in_review", "published", "editor", ""),
        ("unpublished", "published", "unpublished", "editor", "Legal asked."),
    ]


@pytest.mark.parametrize(
    ("status", "act", "complaint"),
    [
        (Status.IN_REVIEW, "submit", "cannot be submitted"),
        (Status.PUBLISHED, "submit", "cannot be submitted"),
        (Status.DRAFT, "request_changes", "Only a story in review"),
        (Status.DRAFT, "unpublish", "Only a published or scheduled story"),
        (Status.UNPUBLISHED, "unpublish", "Only a published or scheduled story"),
    ],
)
def test_a_step_from_the_wrong_state_is_refused_and_changes_nothing(writer, editor, status, act, complaint):
    article = factories.ArticleFactory(status=status, published_at=NOW)
    steps = {
        "submit": lambda: submit_for_review(article=article, writer=writer),
        "request_changes": lambda: request_changes(article=article, editor=editor, note="x"),
        "unpublish": lambda: unpublish_article(article=article, editor=editor),
    }

    with pytest.raises(ValidationError, match=complaint):
        steps[act]()

    article.refresh_from_db()
    assert article.status == status
    assert not article.events.exists()


def test_asking_for_changes_needs_a_note(draft, writer, editor):
    submit_for_review(article=draft, writer=writer)
    with pytest.raises(ValidationError, match="Say what should change"):
        request_changes(article=draft, editor=editor, note="  ")


def test_a_writer_cannot_publish_schedule_unpublish_or_send_back(draft, writer):
    submit_for_review(article=draft, writer=writer)
    for step in (
        lambda: publish_article(article=draft, editor=writer),
        lambda: publish_article(article=draft, editor=writer, at=NOW + datetime.timedelta(days=1)),
        lambda: unpublish_article(article=draft, editor=writer),
        lambda: request_changes(article=draft, editor=writer, note="x"),
    ):
        with pytest.raises(PermissionDenied):
            step()
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW


def test_someone_without_change_permission_cannot_submit(draft, django_user_model):
    reader = django_user_model.objects.create_user("reader", password="pw", is_staff=True)
    with pytest.raises(PermissionDenied):
        submit_for_review(article=draft, writer=reader)


def test_next_steps_follow_the_role_and_the_state(draft, writer, editor):
    assert next_steps(draft, writer) == ["submit"]
    assert next_steps(draft, editor) == ["submit", "publish", "schedule"]
    submit_for_review(article=draft, writer=writer)
    assert next_steps(draft, writer) == []
    assert next_steps(draft, editor) == ["request_changes", "publish", "schedule"]
    publish_article(article=draft, editor=editor)
    assert next_steps(draft, editor) == ["publish", "schedule", "unpublish"]


# ---- Scheduling ------------------------------------------------------------------------------------------------


def public_paths(article: Article) -> dict[str, str]:
    tag = article.tags.get()
    return {
        "page": article.get_absolute_url(),
        "home": "/",
        "tag": tag.get_absolute_url() if hasattr(tag, "get_absolute_url") else f"/tags/{tag.slug}/",
        "feed": "/feeds/latest.rss",
        "atom": "/feeds/latest.atom",
        "news sitemap": "/news-sitemap.xml",
        "sitemap": "/sitemap-articles.xml",
        "search": "/search/?q=Clasico",
        "quotes": "/quotes/",
    }


def shows(html: str) -> bool:
    """Whether a page carries the story: its headline, its address or its quote."""
    return any(
        mark in html for mark in ("Clasico line-ups", "/articles/clasico-line-ups/", "We are ready for Sunday.")
    )


def test_a_scheduled_story_is_nowhere_public_until_its_time_then_everywhere(client, editor):
    with time_machine.travel(NOW, tick=False):
        article = factories.ArticleFactory(headline="Clasico line-ups: Flick's side", slug="clasico-line-ups")
        article.tags.add(factories.TagFactory(name="Clasico"))
        factories.QuoteFactory(source_article=article, text="We are ready for Sunday.")
        publish_article(article=article, editor=editor, at=NOW + datetime.timedelta(hours=2))
        article.refresh_from_db()
        assert article.state == "Scheduled"
        paths = public_paths(article)
        for name, url in paths.items():
            response = client.get(url)
            html = response.content.decode()
            assert not shows(html), name
        assert client.get(paths["page"]).status_code == 404

    with time_machine.travel(NOW + datetime.timedelta(hours=2, seconds=1), tick=False):
        article.refresh_from_db()
        assert article.state == "Published"  # no job ran: the time came
        seen = {name: client.get(url).content.decode() for name, url in public_paths(article).items()}
        assert [name for name, html in seen.items() if not shows(html)] == []


# ---- The admin's workflow page ---------------------------------------------------------------------------------


def test_the_editing_form_always_shows_the_status_and_the_way_on(client, draft, writer):
    client.force_login(writer)
    html = client.get(reverse("admin:newsroom_article_change", args=[draft.pk])).content.decode()
    assert 'class="desk-state desk-state--draft">Draft<' in html
    assert 'name="step" value="submit"' in html and "Save and submit for review" in html
    assert 'value="publish"' not in html and 'value="schedule"' not in html
    assert reverse("admin:newsroom_article_workflow", args=[draft.pk]) in html


def test_a_writer_submits_from_the_workflow_page_and_sees_only_that_step(client, draft, writer):
    client.force_login(writer)
    url = reverse("admin:newsroom_article_workflow", args=[draft.pk])
    html = client.get(url).content.decode()
    assert 'value="submit"' in html and 'value="publish"' not in html

    response = client.post(url, {"step": "submit", "note": "Ready <b>now</b>"})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    timeline = client.get(url).content.decode()
    assert "Submitted for review" in timeline and "Ready &lt;b&gt;now&lt;/b&gt;" in timeline


def test_a_writer_posting_an_editors_step_is_refused(client, draft, writer):
    client.force_login(writer)
    url = reverse("admin:newsroom_article_workflow", args=[draft.pk])
    assert client.post(url, {"step": "publish"}).status_code == 403
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


@pytest.mark.parametrize(
    ("at", "error"),
    [("", "Give the time the story goes live."), ("2020-01-01T10:00", "needs a time in the future")],
)
def test_scheduling_needs_a_future_time(client, draft, editor, at, error):
    client.force_login(editor)
    url = reverse("admin:newsroom_article_workflow", args=[draft.pk])
    response = client.post(url, {"step": "schedule", "at": at})
    assert response.status_code == 200
    assert error in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_an_editor_schedules_from_the_workflow_page(client, draft, editor):
    client.force_login(editor)
    url = reverse("admin:newsroom_article_workflow", args=[draft.pk])
    with time_machine.travel(NOW, tick=False):
        response = client.post(url, {"step": "schedule", "at": "2025-05-11T15:00", "note": "Before kick-off"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.published_at == datetime.datetime(2025, 5, 11, 14, 0, tzinfo=datetime.UTC)  # 15:00 in London
    event = draft.events.get()
    assert (event.action, event.go_live_at) == (ArticleEvent.Action.SCHEDULED, draft.published_at)


def test_the_status_field_cannot_be_edited_in_the_form(client, draft, editor):
    client.force_login(editor)
    form = client.get(reverse("admin:newsroom_article_change", args=[draft.pk])).context["adminform"].form
    assert "status" not in form.fields


def test_an_unknown_step_is_a_form_error_not_a_500(client, draft, editor):
    client.force_login(editor)
    url = reverse("admin:newsroom_article_workflow", args=[draft.pk])
    response = client.post(url, {"step": "delete-everything\x00"})
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


@pytest.mark.parametrize(
    ("state", "expected"),
    [("scheduled", {"later"}), ("live", {"live"}), ("in_review", {"review"}), ("draft", {"draft"}), ("", None)],
)
def test_the_article_list_filters_by_state(client, editor, state, expected):
    with time_machine.travel(NOW, tick=False):
        factories.ArticleFactory(
            headline="later", status=Status.PUBLISHED, published_at=NOW + datetime.timedelta(days=1)
        )
        factories.ArticleFactory(
            headline="live", status=Status.PUBLISHED, published_at=NOW - datetime.timedelta(days=1)
        )
        factories.ArticleFactory(headline="review", status=Status.IN_REVIEW)
        factories.ArticleFactory(headline="draft")
        client.force_login(editor)
        response = client.get(reverse("admin:newsroom_article_changelist"), {"state": state} if state else {})
    shown = {article.headline for article in response.context["cl"].result_list}
    assert shown == (expected or {"later", "live", "review", "draft"})


def test_the_article_list_filters_by_kind_section_competition_author_date_and_searches(client, editor):
    section, competition, author = (
        factories.SectionFactory(),
        factories.CompetitionFactory(),
        factories.AuthorFactory(),
    )
    factories.ArticleFactory(
        headline="wanted",
        kind=Article.Kind.REPORT,
        section=section,
        competition=competition,
        authors=[author],
        body="Alonso said farewell.",
        status=Status.PUBLISHED,
        published_at=datetime.datetime(2025, 5, 9, 12, tzinfo=datetime.UTC),
    )
    factories.ArticleFactory(headline="other", published=True)
    client.force_login(editor)
    url = reverse("admin:newsroom_article_changelist")
    for query in [
        {"kind__exact": "report"},
        {"section__id__exact": section.pk},
        {"competition__id__exact": competition.pk},
        {"authors__id__exact": author.pk},
        {"published_at__year": "2025", "published_at__month": "5"},
        {"q": "farewell"},
    ]:
        response = client.get(url, query)
        assert response.status_code == 200, query
        assert [article.headline for article in response.context["cl"].result_list] == ["wanted"], query


def test_bulk_publishing_is_offered_to_editors_only(client, editor, writer):
    url = reverse("admin:newsroom_article_changelist")
    draft = factories.ArticleFactory(headline="bulk")
    for user, offered in [(editor, True), (writer, False)]:
        client.force_login(user)
        html = client.get(url).content.decode()
        assert ('value="publish_selected"' in html) is offered and ('value="unpublish_selected"' in html) is offered
    response = client.post(url, {"action": "publish_selected", "_selected_action": [draft.pk]})  # as the writer
    draft.refresh_from_db()
    assert response.status_code in {200, 302} and draft.status == Status.DRAFT


# ---- Writing: the story beside the text ------------------------------------------------------------------------


def test_the_body_has_the_story_beside_it(client, draft, writer):
    client.force_login(writer)
    html = client.get(reverse("admin:newsroom_article_change", args=[draft.pk])).content.decode()
    preview = reverse("article_draft_preview")
    assert f'formaction="{preview}" formtarget="article-preview"' in html
    assert '<iframe name="article-preview"' in html
    assert "js/admin-desk.js" in html


def test_the_preview_renders_the_posted_text_as_readers_will_see_it_and_saves_nothing(
    client, draft, writer, django_assert_max_num_queries
):
    client.force_login(writer)
    posted = {
        "headline": "Flick\x0b names <b>his</b> side",
        "standfirst": "Lewandowski starts.",
        "body": "He *starts*.\n\n<script>alert(1)</script>\n\n[bad](javascript:alert(1))",
        "kind": "preview",
    }
    response = client.post(reverse("article_draft_preview"), posted)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Flick  names &lt;b&gt;his&lt;/b&gt; side" in html  # the vertical tab cleaned, the tag escaped
    assert "<em>starts</em>" in html
    assert "<script>alert(1)" not in html and 'href="javascript' not in html
    assert 'name="robots" content="noindex"' in html
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    draft.refresh_from_db()
    assert draft.headline == "Flick names his side"
    assert not Article.objects.exclude(pk=draft.pk).exists()


def test_the_preview_is_for_staff_who_write_and_only_by_post(client, django_user_model, writer):
    url = reverse("article_draft_preview")
    assert client.post(url, {"body": "x"}).status_code == 302  # to the login
    outsider = django_user_model.objects.create_user("outsider", password="pw", is_staff=True)
    client.force_login(outsider)
    assert client.post(url, {"body": "x"}).status_code == 403
    client.force_login(writer)
    assert client.get(url).status_code == 405


def test_the_form_says_which_time_zone_its_times_are_in(client, draft, editor):
    client.force_login(editor)
    form = client.get(reverse("admin:newsroom_article_change", args=[draft.pk])).context["adminform"].form
    assert "In the newsroom's time zone, Europe/London." in form.fields["published_at"].help_text


def test_the_match_picker_shows_date_competition_and_both_clubs(client, editor):
    match = factories.MatchFactory(kickoff=datetime.datetime(2025, 5, 11, 14, 15, tzinfo=datetime.UTC))
    client.force_login(editor)
    editor.user_permissions.add(Permission.objects.get(codename="view_match"))

    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "newsroom", "model_name": "article", "field_name": "match", "term": match.home.name},
    )

    competition = match.season.competition.display_name
    [result] = response.json()["results"]
    assert result["text"] == f"{match.home.name} v {match.away.name} · {competition} · Sun 11 May 2025"
    article = factories.ArticleFactory(match=match)
    form = client.get(reverse("admin:newsroom_article_change", args=[article.pk])).content.decode()
    assert f"{match.home.name} v {match.away.name} · {competition} · Sun 11 May 2025" in form


def test_the_preview_beside_the_body_renders_its_embeds(client, writer):
    match = factories.MatchFactory(kickoff=datetime.datetime(2025, 5, 11, 14, 15, tzinfo=datetime.UTC))
    client.force_login(writer)

    body = f"Before.\n\n{{{{ match {match.pk} }}}}\n\nAfter."
    html = client.post(reverse("article_draft_preview"), {"headline": "H", "body": body}).content.decode()

    assert match.home.name in html and match.away.name in html
    assert "{{ match" not in html


# ---- Steps taken from the editing screen itself: save, then step ---------------------------------------------


def desk_post(client, article, **changes):
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    return client.post(url, form_data(client, url, **changes))


def test_a_writer_saves_and_submits_in_one_click_and_stays_on_the_story(client, draft, writer):
    client.force_login(writer)

    response = desk_post(client, draft, body="The rewritten body.", step="submit", step_note="Ready")

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:newsroom_article_change", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.body == "The rewritten body." and draft.status == Article.Status.IN_REVIEW
    event = draft.events.get()
    assert (event.action, event.user, event.note) == ("submitted", writer, "Ready")


def test_a_writer_cannot_publish_from_the_editing_screen_and_nothing_is_saved(client, draft, writer):
    client.force_login(writer)

    response = desk_post(client, draft, body="Sneaked in.", step="publish")

    assert response.status_code == 200
    assert "is not a step you can take on this story now" in response.content.decode()
    draft.refresh_from_db()
    assert draft.body != "Sneaked in." and draft.status == Article.Status.DRAFT and not draft.events.exists()


def test_scheduling_from_the_editing_screen_needs_a_future_time(client, draft, editor):
    client.force_login(editor)

    for at, problem in [
        ("", "Give the time the story goes live."),
        ("2020-01-01T10:00", "needs a time in the future"),
    ]:
        response = desk_post(client, draft, body="Scheduled body.", step="schedule", step_at=at)
        assert response.status_code == 200 and problem in response.content.decode()
        draft.refresh_from_db()
        assert draft.body != "Scheduled body." and draft.status == Article.Status.DRAFT

    go_live = (timezone.localtime() + datetime.timedelta(days=2)).replace(second=0, microsecond=0)
    response = desk_post(client, draft, body="Scheduled body.", step="schedule", step_at=f"{go_live:%Y-%m-%dT%H:%M}")

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.body == "Scheduled body." and draft.is_scheduled and draft.published_at == go_live


def test_an_editor_asks_for_changes_from_the_editing_screen_with_a_note(client, draft, writer, editor):
    submit_for_review(article=draft, writer=writer)
    client.force_login(editor)

    response = desk_post(client, draft, step="request_changes", step_note="Check the <b>gap</b> to second.")

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Article.Status.CHANGES_REQUESTED
    assert draft.events.latest("at").note == "Check the <b>gap</b> to second."
    page = client.get(reverse("admin:newsroom_article_change", args=[draft.pk])).content.decode()
    assert "Check the &lt;b&gt;gap&lt;/b&gt; to second." in page  # the timeline beside the text, escaped


def test_a_new_story_can_be_saved_and_submitted_at_once(client, writer):
    client.force_login(writer)
    url = reverse("admin:newsroom_article_add")
    data = form_data(client, url, kind="news", headline="Fresh", slug="fresh", body="Text.", step="submit")

    response = client.post(url, data)

    assert response.status_code == 302
    article = Article.objects.get(slug="fresh")
    assert article.status == Article.Status.IN_REVIEW
    assert response["Location"] == reverse("admin:newsroom_article_change", args=[article.pk])
