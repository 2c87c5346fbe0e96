"""A published story's old addresses keep working: each answers a 301 straight to the current one.

Only what readers could reach is remembered, and only a public story is redirected to: a draft's or a scheduled
story's old address is a 404, as the story itself is.
"""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from newsroom.models import Article, ArticleSlug
from tests import factories

pytestmark = pytest.mark.django_db


def rename(article: Article, slug: str) -> None:
    article.slug = slug
    article.save()


def url(slug: str) -> str:
    return f"/articles/{slug}/"


@pytest.fixture
def story() -> Article:
    return factories.ArticleFactory(published=True, slug="alonso-poised")


def test_renamed_twice_every_old_address_is_a_301_to_the_newest(client, story):
    rename(story, "alonso-set")
    rename(story, "alonso-appointed")

    for old in ("alonso-poised", "alonso-set"):
        response = client.get(url(old))
        assert response.status_code == 301
        assert response["Location"] == url("alonso-appointed")
    assert client.get(url("alonso-appointed")).status_code == 200


def test_a_chain_sends_every_old_address_in_one_hop(client, story):
    """A→B→C: A goes straight to C, never through B."""
    for slug in ("b", "c"):
        rename(story, slug)

    assert [client.get(url(slug))["Location"] for slug in ("alonso-poised", "b")] == [url("c"), url("c")]
    assert client.get(url("alonso-poised"), follow=True).redirect_chain == [(url("c"), 301)]


def test_renaming_back_serves_the_story_at_its_old_address_again(client, story):
    rename(story, "b")
    rename(story, "alonso-poised")

    assert client.get(url("alonso-poised")).status_code == 200
    assert client.get(url("b"))["Location"] == url("alonso-poised")


def test_a_new_article_taking_a_retired_slug_wins_over_the_redirect(client, story):
    rename(story, "alonso-appointed")
    newcomer = factories.ArticleFactory(published=True, slug="alonso-poised", headline="A different story")

    response = client.get(url("alonso-poised"))

    assert response.status_code == 200
    assert newcomer.headline in response.content.decode()


def test_a_draft_renamed_leaves_nothing_behind(client):
    draft = factories.ArticleFactory(slug="first-draft")
    rename(draft, "second-draft")

    assert not ArticleSlug.objects.exists()
    assert client.get(url("first-draft")).status_code == 404


@pytest.mark.parametrize(
    "hide",
    [
        {"status": Article.Status.DRAFT},
        {"published_at": timezone.now() + datetime.timedelta(days=1)},
    ],
    ids=["unpublished", "rescheduled"],
)
def test_an_old_address_of_a_story_no_longer_public_is_a_404(client, story, hide):
    rename(story, "alonso-appointed")
    Article.objects.filter(pk=story.pk).update(**hide)

    response = client.get(url("alonso-poised"))

    assert response.status_code == 404
    assert "alonso-appointed" not in response.content.decode()


def test_a_scheduled_storys_renames_are_not_remembered(client):
    scheduled = factories.ArticleFactory(
        status=Article.Status.PUBLISHED, published_at=timezone.now() + datetime.timedelta(hours=1), slug="embargoed"
    )
    rename(scheduled, "still-embargoed")

    assert not ArticleSlug.objects.exists()


def test_saving_other_fields_remembers_nothing(story):
    story.headline = "Alonso poised to take over"
    story.save(update_fields=["headline"])
    story.save()

    assert not ArticleSlug.objects.exists()


def test_an_unknown_address_is_still_the_sites_404(client):
    response = client.get(url("never-was"))
    assert response.status_code == 404
    assert "find that page" in response.content.decode()


def test_the_page_costs_the_same_after_renames_and_a_miss_one_query_more(client, story, django_assert_num_queries):
    cache.clear()
    with django_assert_num_queries(6) as before:  # the article; its authors, tags, clubs, quotes; related
        assert client.get(url("alonso-poised")).status_code == 200
    for slug in ("b", "c", "d"):
        rename(story, slug)

    cache.clear()
    with django_assert_num_queries(len(before.captured_queries)):
        assert client.get(url("d")).status_code == 200
    with django_assert_num_queries(2):  # not here (1), and where it went (1)
        assert client.get(url("b")).status_code == 301
    with django_assert_num_queries(2):
        assert client.get(url("never-was")).status_code == 404


def test_a_retired_slug_follows_whoever_last_held_it_in_public(client, story):
    rename(story, "alonso-appointed")
    newcomer = factories.ArticleFactory(published=True, slug="alonso-poised")
    rename(newcomer, "alonso-unveiled")

    assert client.get(url("alonso-poised"))["Location"] == url("alonso-unveiled")
    assert client.get(url("alonso-appointed")).status_code == 200


def test_an_editor_renaming_in_the_admin_leaves_the_old_address_working(client, story, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(content_type__app_label="newsroom"))
    client.force_login(editor)
    published = timezone.localtime(story.published_at)
    form = {
        "kind": story.kind,
        "headline": story.headline,
        "slug": "alonso-appointed",
        "body": story.body,
        "status": story.status,
        "published_at_0": published.strftime("%Y-%m-%d"),
        "published_at_1": published.strftime("%H:%M:%S"),
        "quotes-TOTAL_FORMS": "0",
        "quotes-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "preview_links-TOTAL_FORMS": "0",
        "preview_links-INITIAL_FORMS": "0",
        "opened_at": story.updated_at.isoformat(),
    }

    response = client.post(reverse("admin:newsroom_article_change", args=[story.pk]), form)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert client.get(url("alonso-poised"))["Location"] == url("alonso-appointed")
