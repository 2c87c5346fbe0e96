"""Revision history in the admin: every save of an article, quote or manager move is kept; any two versions
compare field by field; restoring an old version saves it as a new one, losing nothing."""

import pytest
import reversion
from django.contrib.auth.models import Permission
from django.urls import reverse
from reversion.models import Version

from matches.revisions import compare_versions, diff
from newsroom.models import Article, Quote
from people.models import ManagerMove
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=["newsroom", "people"]))
    return user


def saved(obj, user, **changes):
    """Save `obj` with `changes` as one revision by `user`, as the admin does."""
    with reversion.create_revision():
        for name, value in changes.items():
            setattr(obj, name, value)
        obj.save()
        reversion.set_user(user)
    return Version.objects.get_for_object(obj).first()


def test_two_versions_compare_field_by_field(editor):
    article = factories.ArticleFactory(headline="Flick names his side", body="One.\n\nTwo.")
    first = saved(article, editor)
    section = factories.SectionFactory(name="Previews")
    second = saved(article, editor, headline="Flick names an unchanged side", body="One.\n\nThree.", section=section)

    changes = {change.label: change for change in compare_versions(Article, first, second)}

    assert set(changes) == {"headline", "body", "section"}
    assert (changes["headline"].before, changes["headline"].after) == (
        "Flick names his side",
        "Flick names an unchanged side",
    )
    assert (changes["section"].before, changes["section"].after) == ("", "Previews")  # named, not numbered
    assert [(line.kind, line.text) for line in changes["body"].lines if line.kind in ("added", "removed")] == [
        ("removed", "Two."),
        ("added", "Three."),
    ]


def test_a_short_value_has_no_line_diff():
    assert diff("A", "B") == []


def test_the_history_page_lets_an_editor_pick_two_versions(client, editor):
    article = factories.ArticleFactory(headline="First")
    saved(article, editor)
    saved(article, editor, headline="Second")
    client.force_login(editor)

    html = client.get(reverse("admin:newsroom_article_history", args=[article.pk])).content.decode()

    ids = [str(v.pk) for v in Version.objects.get_for_object(article)]
    assert all(f'name="older" value="{pk}"' in html and f'name="newer" value="{pk}"' in html for pk in ids)
    assert 'action="compare/"' in html


@pytest.mark.parametrize(
    ("admin_name", "make", "field", "value"),
    [
        ("newsroom_article", lambda: factories.ArticleFactory(headline="Before"), "headline", "After"),
        ("newsroom_quote", lambda: factories.QuoteFactory(text="Before"), "text", "After"),
        ("people_managermove", lambda: factories.ManagerMoveFactory(summary="Before"), "summary", "After"),
    ],
)
def test_the_compare_page_shows_both_sides_escaped(client, editor, admin_name, make, field, value):
    obj = make()
    older = saved(obj, editor)
    newer = saved(obj, editor, **{field: f"{value} <script>alert(1)</script>"})
    client.force_login(editor)

    url = reverse(f"admin:{admin_name}_compare", args=[obj.pk])
    response = client.get(url, {"older": older.pk, "newer": newer.pk})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Before" in html
    assert "After &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_versions_given_the_wrong_way_round_still_read_older_to_newer(client, editor):
    article = factories.ArticleFactory(headline="Old")
    older = saved(article, editor)
    newer = saved(article, editor, headline="New")
    client.force_login(editor)

    url = reverse("admin:newsroom_article_compare", args=[article.pk])
    html = client.get(url, {"older": newer.pk, "newer": older.pk}).content.decode()

    assert html.index("<td>Old</td>") < html.index("<td>New</td>")


@pytest.mark.parametrize("params", [{}, {"older": "x", "newer": "1"}, {"older": "999999", "newer": "999998"}])
def test_a_missing_or_foreign_version_is_a_404(client, editor, params):
    article = factories.ArticleFactory()
    saved(article, editor)
    client.force_login(editor)

    response = client.get(reverse("admin:newsroom_article_compare", args=[article.pk]), params)

    assert response.status_code == 404


def test_another_objects_version_is_not_compared(client, editor):
    mine, other = factories.ArticleFactory(), factories.ArticleFactory()
    own = saved(mine, editor)
    foreign = saved(other, editor)
    client.force_login(editor)

    url = reverse("admin:newsroom_article_compare", args=[mine.pk])
    assert client.get(url, {"older": own.pk, "newer": foreign.pk}).status_code == 404


def test_comparing_needs_permission_to_see_the_history(client, django_user_model, editor):
    article = factories.ArticleFactory()
    older, newer = saved(article, editor), saved(article, editor, headline="Other")
    outsider = django_user_model.objects.create_user("outsider", password="pw", is_staff=True)
    client.force_login(outsider)

    url = reverse("admin:newsroom_article_compare", args=[article.pk])
    assert client.get(url, {"older": older.pk, "newer": newer.pk}).status_code == 403
    client.logout()
    assert client.get(url, {"older": older.pk, "newer": newer.pk}).status_code == 302  # to the login


def test_restoring_an_old_version_saves_it_as_a_new_one(client, editor):
    move = factories.ManagerMoveFactory(summary="Alonso poised to leave Leverkusen")
    first = saved(move, editor)
    saved(move, editor, summary="Alonso agrees to join Real Madrid")
    client.force_login(editor)
    form_url = reverse("admin:people_managermove_revision", args=[move.pk, first.pk])
    form = client.get(form_url).context["adminform"].form

    data = {name: form[name].value() or "" for name in form.fields}
    data |= {"updates-TOTAL_FORMS": "0", "updates-INITIAL_FORMS": "0"}
    response = client.post(form_url, data)

    assert response.status_code == 302
    move.refresh_from_db()
    assert move.summary == "Alonso poised to leave Leverkusen"
    assert Version.objects.get_for_object(move).count() == 3  # both earlier versions kept


def test_quote_and_move_admins_keep_revisions():
    from django.contrib import admin

    from matches.revisions import CompareVersionsAdmin

    for model in (Article, Quote, ManagerMove):
        assert isinstance(admin.site._registry[model], CompareVersionsAdmin)


def test_unchanged_stretches_of_a_long_text_are_cut_to_a_gap():
    before = "\n".join(f"Paragraph {n}." for n in range(1, 21))
    after = before.replace("Paragraph 10.", "Paragraph ten.")

    lines = [(line.kind, line.text) for line in diff(before, after)]

    assert lines == [
        ("gap", "…"),
        ("same", "Paragraph 9."),
        ("removed", "Paragraph 10."),
        ("added", "Paragraph ten."),
        ("same", "Paragraph 11."),
        ("gap", "…"),
    ]
