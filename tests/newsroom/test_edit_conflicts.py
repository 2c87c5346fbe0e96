"""Two editors on one article: the second save of a stale version is refused, with nothing the editor typed lost."""

import datetime

import pytest
import reversion
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from newsroom.actions import ArticleChangedMeanwhile, publish_article, save_article_edit
from newsroom.editing import ArticleEditForm, parse_version, saved_at_label, text_diff
from newsroom.models import Article
from tests import factories

pytestmark = pytest.mark.django_db


def make_editor(django_user_model, username, first_name, last_name):
    user = django_user_model.objects.create_user(
        username, password="pw", is_staff=True, first_name=first_name, last_name=last_name
    )
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="newsroom"))
    return user


@pytest.fixture
def sid(django_user_model):
    return make_editor(django_user_model, "sid", "Sid", "Lowe")


@pytest.fixture
def guillem(django_user_model):
    return make_editor(django_user_model, "guillem", "Guillem", "Balague")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def change_url(article):
    return reverse("admin:newsroom_article_change", args=[article.pk])


def open_form(client, article):
    """The change form's fields as a browser would send them back unchanged."""
    response = client.get(change_url(article))
    assert response.status_code == 200
    form = response.context["adminform"].form
    return {
        "kind": article.kind,
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "status": article.status,
        "published_at_0": "",
        "published_at_1": "",
        "content_updated_at_0": "",
        "content_updated_at_1": "",
        "opened_at": form["opened_at"].value(),
        "quotes-TOTAL_FORMS": "0",
        "quotes-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "preview_links-TOTAL_FORMS": "0",
        "preview_links-INITIAL_FORMS": "0",
    }


@pytest.fixture
def article():
    return factories.ArticleFactory(
        headline="Alonso poised for Madrid",
        standfirst="The Leverkusen coach is expected to succeed Ancelotti.",
        body="Xabi Alonso will leave Leverkusen.\n\nAncelotti is linked with Brazil.",
    )


def test_the_second_save_of_a_stale_version_is_refused_and_keeps_the_text(article, sid, guillem):
    first, second = logged_in(sid), logged_in(guillem)
    sids_form, guillems_form = open_form(first, article), open_form(second, article)

    sids_form["headline"] = "Alonso confirmed at Madrid"
    assert first.post(change_url(article), sids_form).status_code == 302
    guillems_form["body"] = "Xabi Alonso will leave Leverkusen this summer.\n\nAncelotti is linked with Brazil."
    response = second.post(change_url(article), guillems_form)

    assert response.status_code == 200
    article.refresh_from_db()
    assert article.headline == "Alonso confirmed at Madrid"
    assert article.body.startswith("Xabi Alonso will leave Leverkusen.")
    page = response.content.decode()
    saved = reversion.models.Version.objects.get_for_object(article).first().revision.date_created
    assert f"Sid Lowe saved this article at {saved_at_label(saved)}, after you opened it." in page
    assert "Xabi Alonso will leave Leverkusen this summer." in page  # still in the form
    diff = page[page.index('id="edit-conflict"') :]
    assert "-Alonso confirmed at Madrid" in diff
    assert "+Alonso poised for Madrid" in diff


def test_saving_again_after_the_refusal_is_a_deliberate_replace(article, sid, guillem):
    first, second = logged_in(sid), logged_in(guillem)
    sids_form, guillems_form = open_form(first, article), open_form(second, article)
    sids_form["headline"] = "Sid's headline"
    first.post(change_url(article), sids_form)
    guillems_form["headline"] = "Guillem's headline"

    refused = second.post(change_url(article), guillems_form)
    guillems_form["opened_at"] = refused.context["adminform"].form["opened_at"].value()
    assert second.post(change_url(article), guillems_form).status_code == 302

    article.refresh_from_db()
    assert article.headline == "Guillem's headline"


def test_a_save_of_the_current_version_succeeds_and_records_who(article, sid):
    client = logged_in(sid)
    form = open_form(client, article)
    form["headline"] = "Alonso confirmed"

    assert client.post(change_url(article), form).status_code == 302

    article.refresh_from_db()
    assert article.headline == "Alonso confirmed"
    assert reversion.models.Version.objects.get_for_object(article).first().revision.user == sid
    second = open_form(client, article)
    second["headline"] = "Alonso confirmed at Real Madrid"
    assert client.post(change_url(article), second).status_code == 302


@pytest.mark.parametrize("opened_at", ["", "yesterday", "2025-05-09T12:00:00"])
def test_a_form_without_a_usable_version_is_a_form_error(article, sid, opened_at):
    client = logged_in(sid)
    form = open_form(client, article) | {"opened_at": opened_at, "headline": "Changed"}

    response = client.post(change_url(article), form)

    assert response.status_code == 200
    assert "does not say which version" in response.content.decode()
    article.refresh_from_db()
    assert article.headline == "Alonso poised for Madrid"


def test_hostile_text_shows_escaped_in_the_diff(article, sid, guillem):
    first, second = logged_in(sid), logged_in(guillem)
    sids_form, guillems_form = open_form(first, article), open_form(second, article)
    sids_form["headline"] = '<script>alert("sid")</script>'
    first.post(change_url(article), sids_form)
    guillems_form["headline"] = "<img src=x onerror=alert(1)>"

    page = second.post(change_url(article), guillems_form).content.decode()

    diff = page[page.index('id="edit-conflict"') : page.index("</table>", page.index('id="edit-conflict"'))]
    assert "<script>" not in diff and "<img" not in diff
    assert "-&lt;script&gt;alert(&quot;sid&quot;)&lt;/script&gt;" in diff
    assert "+&lt;img src=x onerror=alert(1)&gt;" in diff


def test_a_publish_meanwhile_refuses_the_stale_form_that_would_undo_it(article, sid, guillem):
    form = open_form(logged_in(guillem), article)
    publish_article(article=article, editor=sid)

    response = logged_in(guillem).post(change_url(article), form | {"headline": "Changed"})

    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.headline == "Alonso poised for Madrid"


def test_bulk_publish_and_unpublish_still_work(article, sid):
    client = logged_in(sid)
    changelist = reverse("admin:newsroom_article_changelist")

    client.post(changelist, {"action": "publish_selected", "_selected_action": [article.pk]})
    assert Article.objects.published().filter(pk=article.pk).exists()
    client.post(changelist, {"action": "unpublish_selected", "_selected_action": [article.pk]})
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_adding_an_article_needs_no_version(sid):
    response = logged_in(sid).post(
        reverse("admin:newsroom_article_add"),
        {"kind": "news", "headline": "New", "slug": "new", "body": "Body.", "status": "draft"}
        | {"quotes-TOTAL_FORMS": "0", "quotes-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 302
    assert Article.objects.filter(slug="new").exists()


def test_of_two_saves_racing_from_one_version_only_one_passes(article):
    opened_at = article.updated_at
    mine = Article.objects.get(pk=article.pk)
    theirs = Article.objects.get(pk=article.pk)
    mine.headline, theirs.headline = "Mine", "Theirs"

    save_article_edit(article=mine, opened_at=opened_at)
    with pytest.raises(ArticleChangedMeanwhile):
        save_article_edit(article=theirs, opened_at=opened_at)

    article.refresh_from_db()
    assert article.headline == "Mine"


def test_a_stale_save_that_slips_past_the_form_check_is_refused_without_a_500(article, sid, monkeypatch):
    """Where the database cannot lock the row (SQLite), another save may commit between check and save."""
    client = logged_in(sid)
    form = open_form(client, article) | {"headline": "Mine"}
    opened_at = datetime.datetime.fromisoformat(form["opened_at"])

    def saved_meanwhile(*, article, opened_at):
        return save_article_edit(article=article, opened_at=opened_at - datetime.timedelta(days=1))

    monkeypatch.setattr("newsroom.admin.save_article_edit", saved_meanwhile)

    response = client.post(change_url(article), form)

    assert response.status_code == 302
    assert response.url == change_url(article)
    article.refresh_from_db()
    assert article.headline == "Alonso poised for Madrid"
    assert article.updated_at == opened_at


def test_the_diff_leaves_out_fields_that_agree():
    saved = {"headline": "Same", "standfirst": "", "body": "One.\n\nTwo."}
    yours = {"headline": "Same", "standfirst": "", "body": "One.\n\nTwo, changed."}

    lines = text_diff(saved, yours)

    assert [line.text for line in lines if line.kind == "field"] == ["body"]
    assert [(line.kind, line.text) for line in lines if line.kind in {"removed", "added"}] == [
        ("removed", "-Two."),
        ("added", "+Two, changed."),
    ]


def test_restoring_an_old_revision_still_works(article, sid):
    """A restore puts an old version back on purpose, over whatever is saved now; reversion's form has no version."""
    client = logged_in(sid)
    form = open_form(client, article)
    client.post(change_url(article), form | {"headline": "First edit"})
    first = reversion.models.Version.objects.get_for_object(article).first()
    client.post(change_url(article), open_form(client, article) | {"headline": "Second edit"})
    revision_url = reverse("admin:newsroom_article_revision", args=[article.pk, first.pk])
    assert client.get(revision_url).status_code == 200

    restore = form | {"headline": "First edit"}
    del restore["opened_at"]
    response = client.post(revision_url, restore)

    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.headline == "First edit"


def test_recovering_a_deleted_article_still_works(article, sid):
    client = logged_in(sid)
    form = open_form(client, article)
    client.post(change_url(article), form | {"headline": "Saved once"})
    version = reversion.models.Version.objects.get_for_object(article).first()
    pk = article.pk
    article.delete()
    recover_url = reverse("admin:newsroom_article_recover", args=[version.pk])
    assert client.get(recover_url).status_code == 200

    restore = form | {"headline": "Saved once"}
    del restore["opened_at"]
    assert client.post(recover_url, restore).status_code == 302

    assert Article.objects.get(pk=pk).headline == "Saved once"


def test_the_refusal_shows_what_the_other_editor_changed_since_the_form_was_opened(article, sid, guillem):
    first, second = logged_in(sid), logged_in(guillem)
    assert (
        first.post(change_url(article), open_form(first, article)).status_code == 302
    )  # on record, as admin saves are
    sids_form, guillems_form = open_form(first, article), open_form(second, article)
    sids_form["body"] = "Xabi Alonso will leave Leverkusen.\n\nAncelotti is expected to coach Brazil."
    assert first.post(change_url(article), sids_form).status_code == 302
    guillems_form["headline"] = "Alonso to Madrid"

    response = second.post(change_url(article), guillems_form)

    conflict = response.context["adminform"].form.conflict
    meanwhile = [(line.kind, line.text) for line in conflict.meanwhile if line.kind in {"removed", "added", "field"}]
    assert meanwhile == [
        ("field", "body"),
        ("removed", "-Ancelotti is linked with Brazil."),
        ("added", "+Ancelotti is expected to coach Brazil."),
    ]
    page = response.content.decode()
    assert "What Sid Lowe changed" in page and "+Ancelotti is expected to coach Brazil." in page
    # The form keeps Guillem's headline; the body, which only Sid changed, now reads as Sid saved it.
    form = response.context["adminform"].form
    assert form["headline"].value() == "Alonso to Madrid"
    assert form["body"].value() == sids_form["body"]
    assert conflict.taken == ("body",)
    assert [line.text for line in conflict.diff if line.kind == "field"] == ["headline"]
    assert "You had not changed the body: it is now in the form as Sid Lowe saved it." in page

    # Saving again now keeps both changes.
    guillems_form["opened_at"] = form["opened_at"].value()
    guillems_form["body"] = form["body"].value()
    assert second.post(change_url(article), guillems_form).status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.body) == ("Alonso to Madrid", sids_form["body"])


def test_a_field_both_editors_changed_keeps_the_one_being_saved(article, sid, guillem):
    first, second = logged_in(sid), logged_in(guillem)
    assert first.post(change_url(article), open_form(first, article)).status_code == 302
    sids_form, guillems_form = open_form(first, article), open_form(second, article)
    first.post(change_url(article), sids_form | {"headline": "Sid's"})

    response = second.post(change_url(article), guillems_form | {"headline": "Guillem's\r\n"})

    conflict = response.context["adminform"].form.conflict
    assert conflict.taken == ()
    assert response.context["adminform"].form["headline"].value() == "Guillem's\r\n"


def test_without_the_opened_version_on_record_the_refusal_still_shows_the_difference(article, sid, guillem):
    form = open_form(logged_in(guillem), article)
    Article.objects.filter(pk=article.pk).update(
        headline="Changed in a shell", updated_at=article.updated_at.replace(year=2030)
    )

    response = logged_in(guillem).post(change_url(article), form | {"headline": "Guillem's"})

    conflict = response.context["adminform"].form.conflict
    assert conflict.meanwhile is None
    assert ("removed", "-Changed in a shell") in [(line.kind, line.text) for line in conflict.diff]
    assert "What someone changed" not in response.content.decode()


def test_a_save_that_loses_a_race_the_database_could_not_lock_keeps_the_text_and_shows_the_diff(
    article, sid, guillem, monkeypatch
):
    """SQLite cannot lock the row: another save commits between the form's check and this save. The save is
    rolled back and the form comes back as for any stale save: the text kept, the other editor named."""
    client = logged_in(guillem)
    form = open_form(client, article) | {"body": "Guillem's body."}
    sids = open_form(logged_in(sid), article) | {"headline": "Sid got there first"}
    assert logged_in(sid).post(change_url(article), sids).status_code == 302
    checks = ArticleEditForm.clean

    def checked_before_sid_committed(self):
        """The first check runs as if Sid's save had not committed yet; the save itself then meets it."""
        if getattr(checked_before_sid_committed, "done", False):
            return checks(self)
        checked_before_sid_committed.done = True
        self.checks_version = False
        try:
            cleaned = checks(self)
        finally:
            del self.checks_version
        cleaned["opened_at"] = parse_version(self.data["opened_at"])
        return cleaned

    monkeypatch.setattr(ArticleEditForm, "clean", checked_before_sid_committed)

    response = client.post(change_url(article), form)

    assert response.status_code == 200
    article.refresh_from_db()
    assert article.headline == "Sid got there first" and article.body.startswith("Xabi Alonso")
    assert response.context["adminform"].form["body"].value() == "Guillem's body."
    assert "Sid Lowe saved this article at" in response.content.decode()
