"""The four roles on every path: admin change views, inlines, bulk actions, and the actions called directly.

Each refused path is tried and must change nothing; the paths each role is meant to have must work.
"""

import importlib
from html.parser import HTMLParser

import pytest
from django.apps import apps as django_apps
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse
from reversion.models import Version

from newsroom.actions import check_label_write, publish_article, save_quote, set_quote_verification
from newsroom.models import Article, Author, Quote, Section, Tag
from newsroom.roles import ARCHIVE_ACCESS, DATA_DESK, EDITOR, JOURNALIST, ROLES, WRITER, install_roles
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def roles():
    # Installed by migration 0007; installed again in case a transactional test emptied the tables since.
    install_roles(django_apps)


class FormReader(HTMLParser):
    """What a browser would submit from the admin's change form, unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self.select: str | None = None
        self.textarea: str | None = None
        self.options: list[tuple[str, bool]] = []

    def add(self, name: str, value: str) -> None:
        if "__prefix__" not in name:
            self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "form" in a and a["form"] != "article_form":
            return  # a control that belongs to another form (or none) is not sent with this one
        if tag == "input" and a.get("name") and a.get("type") not in {"submit", "file", "button"}:
            if a.get("type") not in {"checkbox", "radio"} or "checked" in a:
                self.add(a["name"], a.get("value", "on" if a.get("type") == "checkbox" else ""))
        elif tag == "select" and a.get("name"):
            self.select, self.options = a["name"], []
        elif tag == "option" and self.select is not None:
            self.options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and a.get("name") and "__prefix__" not in a["name"]:
            self.textarea = a["name"]
            self.add(self.textarea, "")

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.data[self.textarea][-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self.select is not None:
            chosen = [value for value, selected in self.options if selected]
            for value in chosen or [v for v, _ in self.options[:1]]:
                self.add(self.select, value)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.data[self.textarea][-1] = self.data[self.textarea][-1].removeprefix("\n")
            self.textarea = None


def form_data(client: Client, url: str, **changes: str | list[str]) -> dict[str, list[str] | str]:
    """The change form at `url` as `client` sees it, with `changes` made."""
    response = client.get(url)
    assert response.status_code == 200
    reader = FormReader()
    reader.feed(response.content.decode())
    data: dict[str, list[str] | str] = dict(reader.data)
    data.pop("csrfmiddlewaretoken", None)
    return {**data, **changes}


@pytest.fixture
def login(django_user_model):
    def log_in(role: str, **extra_permissions: str) -> Client:
        user = django_user_model.objects.create_user(role.lower().replace(" ", ""), is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        for codename in extra_permissions.values():
            user.user_permissions.add(Permission.objects.get(codename=codename))
        client = Client()
        client.force_login(user)
        client.user = user
        return client

    return log_in


def fake_request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def changelist_url(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


@pytest.fixture
def live_quote():
    article = factories.ArticleFactory(published=True)
    return factories.QuoteFactory(source_article=article, text="We will fight to the end.")


@pytest.fixture
def draft_quote():
    article = factories.ArticleFactory()
    return factories.QuoteFactory(
        source_article=article, text="We will fight to the end.", verification=Quote.Verification.UNVERIFIED
    )


def inline_article_data(admin_client, article, **quote_changes: str):
    """The article's change form with its first quote changed inline."""
    data = form_data(admin_client, change_url(article))
    return {**data, **{f"quotes-0-{field}": value for field, value in quote_changes.items()}}


# The migration's roles


def test_the_roles_hold_exactly_their_permissions():
    held = {
        group.name: {
            f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")
        }
        for group in Group.objects.filter(name__in=ROLES)
    }
    assert held == {name: set(names) for name, names in ROLES.items()}
    assert "newsroom.publish_article" in held[EDITOR]
    assert not {"newsroom.publish_article", "newsroom.change_tag"} & held[WRITER]
    assert not any(".delete_" in name for name in held[WRITER] | held[JOURNALIST])
    # A journalist writes nothing but their own API tokens; editors hold the same; writers and the desk neither.
    assert all(".view_" in name for name in held[JOURNALIST] - set(ARCHIVE_ACCESS))
    assert set(ARCHIVE_ACCESS) <= held[JOURNALIST] & held[EDITOR]
    assert not set(ARCHIVE_ACCESS) & (held[WRITER] | held[DATA_DESK])
    assert {"matches.change_match", "people.change_person", "people.add_managermoveupdate"} <= held[DATA_DESK]
    assert not {n for n in held[DATA_DESK] if n.startswith("newsroom.")} - {"newsroom.view_article"}


def test_the_roles_migration_is_idempotent_and_reversible():
    migration = importlib.import_module("newsroom.migrations.0007_roles")
    Group.objects.get(name=WRITER).permissions.add(Permission.objects.get(codename="publish_article"))

    migration.add_roles(django_apps, None)
    migration.add_roles(django_apps, None)
    assert Group.objects.filter(name__in=ROLES).count() == 4
    assert not Group.objects.get(name=WRITER).permissions.filter(codename="publish_article").exists()

    migration.drop_roles(django_apps, None)
    assert not Group.objects.filter(name__in=ROLES).exists()
    migration.add_roles(django_apps, None)
    assert Group.objects.get(name=EDITOR).permissions.filter(codename="publish_article").exists()


# (a) A quote on a published story


def test_a_writer_sees_a_live_quote_read_only_and_cannot_rewrite_it(login, admin_client, live_quote, client):
    writer = login(WRITER)
    data = form_data(admin_client, change_url(live_quote), text="We never said that.")

    page = writer.get(change_url(live_quote))
    assert page.status_code == 200
    assert 'name="text"' not in page.content.decode()
    assert writer.post(change_url(live_quote), data).status_code == 403
    with pytest.raises(PermissionDenied):
        save_quote(quote=Quote(pk=live_quote.pk, text="Rewritten", source_article_id=None), user=writer.user)

    live_quote.refresh_from_db()
    assert live_quote.text == "We will fight to the end."
    assert "We will fight to the end." in client.get(reverse("quotes")).content.decode()


def test_a_writer_cannot_rewrite_a_live_quote_inline_on_its_story(login, admin_client, live_quote):
    writer = login(WRITER)
    article = live_quote.source_article
    data = inline_article_data(admin_client, article, text="We never said that.")

    assert writer.post(change_url(article), data).status_code == 403
    inline = next(i for i in admin.site._registry[Article].get_inline_instances(fake_request(writer.user)))
    assert not inline.has_change_permission(fake_request(writer.user), article)
    assert not inline.has_add_permission(fake_request(writer.user), article)
    live_quote.refresh_from_db()
    assert live_quote.text == "We will fight to the end."


def test_a_writer_cannot_move_a_draft_quote_onto_a_live_story(login, admin_client, draft_quote, live_quote):
    writer = login(WRITER)
    data = form_data(admin_client, change_url(draft_quote), source_article=str(live_quote.source_article_id))

    response = writer.post(change_url(draft_quote), data)

    assert response.status_code == 200
    assert "not yet published" in response.content.decode()
    draft_quote.refresh_from_db()
    assert draft_quote.source_article_id != live_quote.source_article_id


def test_a_writer_edits_the_quotes_of_a_draft_in_both_admins(login, admin_client, draft_quote):
    writer = login(WRITER)

    data = form_data(admin_client, change_url(draft_quote), text="We will fight until the very end.")
    assert writer.post(change_url(draft_quote), data).status_code == 302
    article = draft_quote.source_article
    data = inline_article_data(admin_client, article, text="Fight to the end, always.")
    assert writer.post(change_url(article), data).status_code == 302

    draft_quote.refresh_from_db()
    assert draft_quote.text == "Fight to the end, always."
    assert draft_quote.verification == Quote.Verification.UNVERIFIED


def test_an_editor_rewrites_a_live_quote_in_both_admins(login, admin_client, live_quote):
    editor = login(EDITOR)

    data = form_data(admin_client, change_url(live_quote), text="Corrected once.")
    assert editor.post(change_url(live_quote), data).status_code == 302
    live_quote.refresh_from_db()
    assert live_quote.text == "Corrected once."

    data = inline_article_data(admin_client, live_quote.source_article, text="Corrected twice.")
    assert editor.post(change_url(live_quote.source_article), data).status_code == 302
    live_quote.refresh_from_db()
    assert live_quote.text == "Corrected twice."


# (b) Verification is an editor's call


@pytest.mark.parametrize("state", ["verified_transcript", "rejected", "disputed"])
def test_a_writer_cannot_set_a_verification(login, admin_client, draft_quote, state):
    writer = login(WRITER)
    article = draft_quote.source_article

    added = writer.post(
        reverse("admin:newsroom_quote_add"),
        {"text": "A new quote.", "source_article": article.pk, "occasion": "other", "verification": state}
        | {"language": "en", "said_on_precision": "day"},
    )
    inline = inline_article_data(admin_client, article, verification=state)
    assert writer.post(change_url(article), inline).status_code == 302
    changed = form_data(admin_client, change_url(draft_quote), verification=state)
    assert writer.post(change_url(draft_quote), changed).status_code == 302

    assert added.status_code == 302
    assert set(article.quotes.values_list("verification", flat=True)) == {"unverified"}
    with pytest.raises(PermissionDenied):
        save_quote(quote=Quote(source_article=article, text="Mine.", verification=state), user=writer.user)
    draft_quote.verification = state
    with pytest.raises(PermissionDenied):
        save_quote(quote=draft_quote, user=writer.user)
    assert set(article.quotes.values_list("verification", flat=True)) == {"unverified"}


def test_a_writer_cannot_add_a_quote_straight_to_the_archive_or_a_live_story(login, live_quote):
    writer = login(WRITER)
    before = Quote.objects.count()

    for source in ["", str(live_quote.source_article_id)]:
        response = writer.post(
            reverse("admin:newsroom_quote_add"),
            {"text": "Straight in.", "source_article": source, "occasion": "other"},
        )
        assert response.status_code == 200
        assert "not yet published" in response.content.decode()

    with pytest.raises(PermissionDenied):
        save_quote(quote=Quote(text="Straight in."), user=writer.user)
    assert Quote.objects.count() == before


def test_an_editor_sets_a_verification_in_the_form(login, admin_client, draft_quote):
    editor = login(EDITOR)

    data = form_data(admin_client, change_url(draft_quote), verification="disputed")
    assert editor.post(change_url(draft_quote), data).status_code == 302

    draft_quote.refresh_from_db()
    assert draft_quote.verification == Quote.Verification.DISPUTED


# (c) The verify and reject bulk actions


@pytest.mark.parametrize("role", [WRITER, JOURNALIST])
@pytest.mark.parametrize("action", ["mark_verified", "mark_rejected"])
def test_the_bulk_verification_actions_are_hidden_and_refused(login, draft_quote, role, action):
    user = login(role)

    page = user.get(changelist_url(Quote))
    assert page.status_code == 200
    assert action not in page.content.decode()
    response = user.post(changelist_url(Quote), {"action": action, "_selected_action": [draft_quote.pk]})
    assert response.status_code in {200, 302, 403}  # the list again, or back to it: nothing run
    with pytest.raises(PermissionDenied):
        set_quote_verification(quotes=[draft_quote], verification="verified_transcript", editor=user.user)

    draft_quote.refresh_from_db()
    assert draft_quote.verification == Quote.Verification.UNVERIFIED


def test_an_editor_runs_the_bulk_verification_actions(login, draft_quote):
    editor = login(EDITOR)

    response = editor.post(changelist_url(Quote), {"action": "mark_rejected", "_selected_action": [draft_quote.pk]})

    assert response.status_code == 302
    draft_quote.refresh_from_db()
    assert draft_quote.verification == Quote.Verification.REJECTED


# (d) Sections, tags and authors a live story shows


def live_label(model):
    article = factories.ArticleFactory(published=True)
    label = getattr(factories, f"{model.__name__}Factory")()
    if model is Section:
        article.section = label
        article.save()
    else:
        getattr(article, f"{model.__name__.lower()}s").add(label)
    return label


LABELS = [Tag, Section, Author]


@pytest.mark.parametrize("model", LABELS, ids=lambda m: m.__name__)
def test_a_writer_cannot_rename_or_delete_a_label_a_live_story_shows(login, admin_client, model):
    model_name = model.__name__.lower()
    # Even granted change and delete on top of the role, a writer is refused what readers see.
    writer = login(WRITER, change=f"change_{model_name}", delete=f"delete_{model_name}")
    label = live_label(model)
    data = form_data(admin_client, change_url(label), name="Renamed")
    delete_url = reverse(f"admin:newsroom_{model_name}_delete", args=[label.pk])

    assert writer.post(change_url(label), data).status_code == 403
    assert writer.post(delete_url, {"post": "yes"}).status_code == 403
    bulk = writer.post(
        changelist_url(model), {"action": "delete_selected", "_selected_action": [label.pk], "post": "yes"}
    )
    assert bulk.status_code == 403
    with pytest.raises(PermissionDenied):
        check_label_write(label=label, user=writer.user)

    label.refresh_from_db()
    assert label.name != "Renamed"


@pytest.mark.parametrize("model", LABELS, ids=lambda m: m.__name__)
def test_a_writer_granted_it_renames_a_label_no_live_story_shows(login, admin_client, model):
    writer = login(WRITER, change=f"change_{model.__name__.lower()}")
    label = getattr(factories, f"{model.__name__}Factory")()
    factories.ArticleFactory().tags.add(factories.TagFactory())  # a draft's label is fair game

    assert (
        writer.post(change_url(label), form_data(admin_client, change_url(label), name="Renamed")).status_code == 302
    )
    label.refresh_from_db()
    assert label.name == "Renamed"


@pytest.mark.parametrize("model", LABELS, ids=lambda m: m.__name__)
def test_the_writer_role_cannot_rename_any_label_but_adds_tags(login, admin_client, model):
    writer = login(WRITER)
    label = getattr(factories, f"{model.__name__}Factory")()

    assert (
        writer.post(change_url(label), form_data(admin_client, change_url(label), name="Renamed")).status_code == 403
    )
    if model is Tag:
        response = writer.post(reverse("admin:newsroom_tag_add"), {"name": "El Clasico", "slug": "el-clasico"})
        assert response.status_code == 302
        assert Tag.objects.filter(slug="el-clasico").exists()


@pytest.mark.parametrize("model", LABELS, ids=lambda m: m.__name__)
def test_an_editor_renames_and_deletes_a_label_a_live_story_shows(login, admin_client, model):
    editor = login(EDITOR)
    label = live_label(model)

    assert (
        editor.post(change_url(label), form_data(admin_client, change_url(label), name="Renamed")).status_code == 302
    )
    label.refresh_from_db()
    assert label.name == "Renamed"
    delete_url = reverse(f"admin:newsroom_{model.__name__.lower()}_delete", args=[label.pk])
    assert editor.post(delete_url, {"post": "yes"}).status_code == 302
    assert not model.objects.filter(pk=label.pk).exists()


# The data desk and the journalist


def test_the_data_desk_edits_a_match_and_a_person(login, admin_client):
    desk = login(DATA_DESK)
    match = factories.MatchFactory()
    person = factories.TenureFactory().person

    data = form_data(admin_client, change_url(match), status="finished", home_score="2", away_score="2")
    assert desk.post(change_url(match), data).status_code == 302
    data = form_data(admin_client, change_url(person), known_as="Carletto")
    assert desk.post(change_url(person), data).status_code == 302

    match.refresh_from_db()
    person.refresh_from_db()
    assert (match.status, match.home_score, match.away_score) == ("finished", 2, 2)
    assert person.known_as == "Carletto"


def test_the_data_desk_cannot_publish_or_write_a_story(login, admin_client):
    desk = login(DATA_DESK)
    article = factories.ArticleFactory(headline="As drafted")

    assert desk.get(change_url(article)).status_code == 200  # view only
    data = form_data(admin_client, change_url(article), headline="Changed", status="published")
    assert desk.post(change_url(article), data).status_code == 403
    desk.post(changelist_url(Article), {"action": "publish_selected", "_selected_action": [article.pk]})
    with pytest.raises(PermissionDenied):
        publish_article(article=article, editor=desk.user)
    assert desk.get(changelist_url(Quote)).status_code == 403

    article.refresh_from_db()
    assert (article.status, article.headline) == (Article.Status.DRAFT, "As drafted")


def test_a_journalist_views_quotes_but_changes_nothing(login, admin_client, live_quote, draft_quote):
    journalist = login(JOURNALIST)
    article = live_quote.source_article

    assert journalist.get(changelist_url(Quote)).status_code == 200
    assert journalist.get(change_url(live_quote)).status_code == 200
    data = form_data(admin_client, change_url(draft_quote), text="Rewritten.")
    assert journalist.post(change_url(draft_quote), data).status_code == 403
    added = journalist.post(reverse("admin:newsroom_quote_add"), {"text": "New.", "source_article": article.pk})
    assert added.status_code == 403
    data = inline_article_data(admin_client, article, text="Rewritten.")
    assert journalist.post(change_url(article), data).status_code == 403
    with pytest.raises(PermissionDenied):
        save_quote(quote=draft_quote, user=journalist.user)
    with pytest.raises(PermissionDenied):
        publish_article(article=article, editor=journalist.user)
    match = factories.MatchFactory()
    assert journalist.get(change_url(match)).status_code == 200
    assert journalist.post(change_url(match), form_data(admin_client, change_url(match))).status_code == 403

    assert set(Quote.objects.values_list("text", flat=True)) == {"We will fight to the end."}
    assert Quote.objects.count() == 2


def test_a_writer_cannot_revert_a_live_quote_to_an_earlier_version(login, admin_client, live_quote):
    editor, writer = login(EDITOR), login(WRITER)
    assert editor.post(change_url(live_quote), form_data(admin_client, change_url(live_quote))).status_code == 302
    data = form_data(admin_client, change_url(live_quote), text="Corrected.")
    assert editor.post(change_url(live_quote), data).status_code == 302
    first = Version.objects.get_for_object(live_quote).last()
    revision_url = reverse("admin:newsroom_quote_revision", args=[live_quote.pk, first.pk])

    assert writer.post(revision_url, {**data, "text": "We will fight to the end."}).status_code == 403

    live_quote.refresh_from_db()
    assert live_quote.text == "Corrected."
