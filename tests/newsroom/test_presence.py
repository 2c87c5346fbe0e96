"""The article form's presence line: who else has the story open, and whether it was saved since."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.test import Client, override_settings
from django.urls import reverse

from newsroom.actions import save_article_edit
from newsroom.models import Article
from newsroom.presence import mark_open
from tests import factories

pytestmark = pytest.mark.django_db


def make_editor(django_user_model, username, first_name="", last_name=""):
    user = django_user_model.objects.create_user(
        username, password="pw", is_staff=True, first_name=first_name, last_name=last_name
    )
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="newsroom", codename="change_article"))
    return user


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def article():
    return factories.ArticleFactory()


def poll(client, article, opened_at=None):
    opened_at = opened_at or article.updated_at.isoformat()
    return client.get(
        reverse("article_presence", args=[article.pk]), {"opened_at": opened_at}, headers={"HX-Request": "true"}
    )


def test_each_editor_sees_the_other(article, django_user_model):
    sid = logged_in(make_editor(django_user_model, "sid", "Sid", "Lowe"))
    guillem = logged_in(make_editor(django_user_model, "guillem", "Guillem", "Balague"))

    alone = poll(sid, article)
    seen_by_guillem = poll(guillem, article)
    seen_by_sid = poll(sid, article)

    assert alone.status_code == 200 and "Also open by" not in alone.content.decode()
    assert "Also open by Sid Lowe." in seen_by_guillem.content.decode()
    assert "Also open by Guillem Balague." in seen_by_sid.content.decode()
    assert "<html" not in seen_by_sid.content.decode()
    assert "no-cache" in seen_by_sid["Cache-Control"]


def test_a_save_since_the_form_was_opened_is_announced(article, django_user_model):
    opened_at = article.updated_at.isoformat()
    article.headline = "Changed"
    save_article_edit(article=article, opened_at=article.updated_at)

    response = poll(logged_in(make_editor(django_user_model, "sid")), article, opened_at)

    assert "saved this article at" in response.content.decode()
    fresh = poll(logged_in(make_editor(django_user_model, "guillem")), article)
    assert "saved this article" not in fresh.content.decode()


def test_an_editor_who_stopped_polling_has_left(article, django_user_model, time_machine):
    time_machine.move_to("2026-11-30 12:00:00Z", tick=False)
    poll(logged_in(make_editor(django_user_model, "sid", "Sid", "Lowe")), article)
    time_machine.move_to("2026-11-30 12:00:31Z", tick=False)

    response = poll(logged_in(make_editor(django_user_model, "guillem")), article)

    assert "Sid Lowe" not in response.content.decode()


def test_anonymous_and_non_staff_users_are_refused(article, client, django_user_model):
    url = reverse("article_presence", args=[article.pk])
    assert client.get(url, {"opened_at": article.updated_at.isoformat()}).status_code == 302

    reader = django_user_model.objects.create_user("reader", password="pw")
    assert logged_in(reader).get(url, {"opened_at": article.updated_at.isoformat()}).status_code == 302

    staff_without_articles = django_user_model.objects.create_user("clerk", password="pw", is_staff=True)
    assert poll(logged_in(staff_without_articles), article).status_code == 403


@pytest.mark.parametrize("query", [{}, {"opened_at": "yesterday"}, {"opened_at": "2025-05-09T12:00:00"}])
def test_a_malformed_version_is_a_400(article, django_user_model, query):
    client = logged_in(make_editor(django_user_model, "sid"))
    assert client.get(reverse("article_presence", args=[article.pk]), query).status_code == 400


def test_an_unknown_article_is_a_404(django_user_model):
    client = logged_in(make_editor(django_user_model, "sid"))
    response = client.get(reverse("article_presence", args=[999999]), {"opened_at": "2025-05-09T12:00:00+00:00"})
    assert response.status_code == 404


@pytest.mark.parametrize(("saved_since", "expected"), [(False, 5), (True, 6)])
def test_poll_budget(article, django_user_model, django_assert_num_queries, saved_since, expected):
    """Session, user, the user's and their groups' permissions, the article; who saved it, if anyone has since."""
    client = logged_in(make_editor(django_user_model, "sid"))
    opened_at = article.updated_at.isoformat()
    if saved_since:
        save_article_edit(article=article, opened_at=article.updated_at)
    # Django keeps content types in memory for the life of a process; a server asks for Article's once.
    ContentType.objects.get_for_model(Article)

    with django_assert_num_queries(expected):
        assert poll(client, article, opened_at).status_code == 200


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
def test_without_a_cache_there_is_no_presence_and_nothing_breaks(article, django_user_model):
    assert mark_open(article_id=article.pk, user_id=1, name="Sid") == []
    sid = logged_in(make_editor(django_user_model, "sid", "Sid", "Lowe"))
    poll(sid, article)

    response = poll(logged_in(make_editor(django_user_model, "guillem")), article)

    assert response.status_code == 200
    assert "Also open by" not in response.content.decode()
    assert (
        logged_in(make_editor(django_user_model, "editor"))
        .get(reverse("admin:newsroom_article_change", args=[article.pk]))
        .status_code
        == 200
    )


def test_the_change_form_polls_only_for_an_existing_article(article, django_user_model):
    client = logged_in(make_editor(django_user_model, "sid"))
    page = client.get(reverse("admin:newsroom_article_change", args=[article.pk])).content.decode()

    assert f'hx-get="{reverse("article_presence", args=[article.pk])}?opened_at=' in page
    assert "every 10s" in page and "data-poll" in page
    assert 'name="opened_at"' in page
    assert "/presence/" not in admin_add_page(django_user_model)


def admin_add_page(django_user_model):
    admin = django_user_model.objects.create_superuser("boss", password="pw")
    return logged_in(admin).get(reverse("admin:newsroom_article_add")).content.decode()


def test_a_reader_without_change_permission_is_not_polled(article, django_user_model):
    """Someone who may only view the story (a journalist, the data desk) is told nothing of who edits it, and
    their page does not ask: a poll would be refused every ten seconds."""
    viewer = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client = Client()
    client.force_login(viewer)

    html = client.get(reverse("admin:newsroom_article_change", args=[article.pk])).content.decode()

    assert reverse("article_presence", args=[article.pk]) not in html
