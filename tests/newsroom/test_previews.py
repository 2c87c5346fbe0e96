"""Previews: staff read an unpublished article at its own address; anyone holding a preview link an editor
shared reads it until the link expires or is withdrawn. The public never sees either."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError

from newsroom.actions import create_preview_link, revoke_preview_link
from newsroom.models import Article, PreviewLink
from tests import factories

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
NOW = datetime.datetime(2025, 5, 9, 15, 0, tzinfo=UTC)
NOINDEX = '<meta name="robots" content="noindex">'
NOT_FOUND = "We can\N{RIGHT SINGLE QUOTATION MARK}t find that page"


@pytest.fixture
def draft() -> Article:
    return factories.ArticleFactory(headline="Alonso to take over at Madrid", body="He signs **today**.")


def assert_private(response) -> None:
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def link_for(article: Article, editor, hours: int = 24) -> PreviewLink:
    return create_preview_link(article=article, editor=editor, hours=hours)


# ---- Staff at the article's own address ---------------------------------------------------------------------------


@time_machine.travel(NOW)
def test_staff_see_a_draft_with_a_banner_and_a_way_to_edit_it(client, writer, draft):
    client.force_login(writer)
    response = client.get(draft.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Draft — not public" in html and "<strong>today</strong>" in html
    assert f'href="/admin/newsroom/article/{draft.pk}/change/"' in html
    assert NOINDEX in html and 'rel="canonical"' not in html and "og:title" not in html
    assert_private(response)


@time_machine.travel(NOW)
def test_staff_see_a_scheduled_article_with_its_time(client, writer):
    article = factories.ArticleFactory(
        status=Article.Status.PUBLISHED, published_at=datetime.datetime(2025, 5, 10, 18, 30, tzinfo=UTC)
    )
    client.force_login(writer)
    html = client.get(article.get_absolute_url()).content.decode()
    assert re.search(r"Scheduled for <time[^>]*>Saturday 10 May 2025, 19:30</time>", html)  # London time


@time_machine.travel(NOW)
@pytest.mark.parametrize("who", ["anonymous", "reader", "staff-without-view", "inactive-staff"])
def test_the_public_gets_a_404_for_a_draft(client, django_user_model, draft, who):
    if who != "anonymous":
        user = django_user_model.objects.create_user(who, is_staff=who != "reader", is_active=who != "inactive-staff")
        allowed = [] if who == "staff-without-view" else Permission.objects.filter(codename="view_article")
        user.user_permissions.set(allowed)
        client.force_login(user)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404
    assert NOT_FOUND in response.content.decode()


@time_machine.travel(NOW)
def test_a_staff_preview_is_never_the_public_page_and_the_public_page_never_a_preview(client, writer, draft):
    """The article page caches its rendering; a preview keys its own, and the banner is outside both."""
    client.force_login(writer)
    assert "Draft — not public" in client.get(draft.get_absolute_url()).content.decode()
    draft.status, draft.published_at = Article.Status.PUBLISHED, NOW - datetime.timedelta(minutes=1)
    Article.objects.filter(pk=draft.pk).update(status=draft.status, published_at=draft.published_at)  # same updated_at
    client.logout()
    public = client.get(draft.get_absolute_url())
    html = public.content.decode()
    assert public.status_code == 200 and "not public" not in html and NOINDEX not in html
    assert "public" in public["Cache-Control"] and "no-store" not in public["Cache-Control"]


@time_machine.travel(NOW)
def test_staff_reading_a_published_article_get_the_public_page(client, writer):
    article = factories.ArticleFactory(published=True)
    client.force_login(writer)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "preview-banner" not in html and NOINDEX not in html


def test_staff_asking_for_an_article_that_does_not_exist_get_a_404(client, writer):
    client.force_login(writer)
    assert client.get("/articles/no-such-story/").status_code == 404


# ---- The actions -------------------------------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_an_editor_creates_a_link_that_expires_after_the_hours_chosen(editor, draft):
    link = link_for(draft, editor, hours=168)
    assert (link.article, link.created_by, link.revoked_at) == (draft, editor, None)
    assert link.expires_at == NOW + datetime.timedelta(days=7)


@pytest.mark.parametrize("hours", [0, -1, 169, 1000, 2.5, "3", True])
def test_hours_outside_one_to_a_week_are_refused(editor, draft, hours):
    with pytest.raises(ValidationError):
        link_for(draft, editor, hours=hours)
    assert not PreviewLink.objects.exists()


def test_a_writer_cannot_create_or_revoke_a_link(writer, editor, draft):
    with pytest.raises(PermissionDenied):
        link_for(draft, writer)
    link = link_for(draft, editor)
    with pytest.raises(PermissionDenied):
        revoke_preview_link(link=link, editor=writer)
    link.refresh_from_db()
    assert link.revoked_at is None and PreviewLink.objects.count() == 1


def test_revoking_twice_keeps_the_first_time(editor, draft):
    link = link_for(draft, editor)
    with time_machine.travel(NOW, tick=False):
        revoke_preview_link(link=link, editor=editor)
    with time_machine.travel(NOW + datetime.timedelta(hours=1)):
        revoke_preview_link(link=link, editor=editor)
    link.refresh_from_db()
    assert link.revoked_at == NOW


# ---- Following a link ----------------------------------------------------------------------------------------------


@time_machine.travel(NOW)
def test_a_link_shows_the_article_as_it_will_appear(client, editor, draft):
    quote = factories.QuoteFactory(source_article=draft, verification="suggested", text="I am ready for Madrid.")
    link = link_for(draft, editor, hours=2)
    response = client.get(link.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"Preview shared by Eva Editor</strong>, expires <time[^>]*>Friday 9 May 2025, 18:00", html)
    assert "<strong>today</strong>" in html and quote.text in html
    assert NOINDEX in html and "/admin/" not in html
    assert_private(response)


@time_machine.travel(NOW)
def test_a_link_to_an_article_published_since_leads_to_the_published_page(client, editor, draft):
    link = link_for(draft, editor)
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.PUBLISHED, published_at=NOW)
    response = client.get(link.get_absolute_url())
    assert response.status_code == 302 and response["Location"] == draft.get_absolute_url()


def test_an_expired_link_is_refused(client, editor, draft):
    with time_machine.travel(NOW):
        link = link_for(draft, editor, hours=1)
        assert client.get(link.get_absolute_url()).status_code == 200
    with time_machine.travel(NOW + datetime.timedelta(hours=1)):
        response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    html = response.content.decode()
    assert "This preview link has expired" in html and draft.headline not in html and NOINDEX in html


@time_machine.travel(NOW)
def test_a_revoked_link_is_refused(client, editor, draft):
    link = link_for(draft, editor)
    revoke_preview_link(link=link, editor=editor)
    response = client.get(link.get_absolute_url())
    assert response.status_code == 410
    assert "This preview link was withdrawn" in response.content.decode()
    assert draft.headline not in response.content.decode()


@time_machine.travel(NOW)
def test_a_tampered_malformed_or_unknown_token_is_a_404(client, editor, draft):
    link = link_for(draft, editor)
    other = link_for(factories.ArticleFactory(), editor)
    value, _, signature = link.token.rpartition(":")
    forged_other = f"{other.token.rpartition(':')[0]}:{signature}"
    unknown = PreviewLink(pk=other.pk + 100).token
    for token in [
        f"{value}:{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}",
        forged_other,
        value,
        "not-a-token",
        ":",
        "%C3%A9t%C3%A9:x",
        unknown,
    ]:
        response = client.get(f"/previews/{token}/")
        assert response.status_code == 404, token
        assert NOT_FOUND in response.content.decode()


def test_a_token_signed_for_something_else_is_refused(client, editor, draft):
    from django.core import signing

    link = link_for(draft, editor)
    assert client.get(f"/previews/{signing.dumps(link.pk)}/").status_code == 404  # no salt
    assert client.get(f"/previews/{signing.dumps(str(link.pk), salt='newsroom.preview-link')}/").status_code == 404


@time_machine.travel(NOW)
def test_preview_link_query_budget(client, editor, django_assert_num_queries):
    clasico = factories.MatchFactory(kickoff=NOW + datetime.timedelta(days=2))
    article = factories.ArticleFactory(kind=Article.Kind.PREVIEW, match=clasico)
    article.clubs.add(clasico.home, clasico.away)
    link = link_for(article, editor)
    for count in (3, 7):
        for n in range(count - article.tags.count()):
            factories.QuoteFactory(source_article=article, paragraph=n)
            article.tags.add(factories.TagFactory())
            article.authors.add(factories.AuthorFactory())
        cache.clear()
        # The link and its editor (1); the article with its match, saying it has no corrections (1), authors, tags,
        # clubs (3); its quotes (1), related stories (1); as a preview, the table at kick-off (3), meetings (1),
        # the coaches (1) and the manager moves (1): the article page's budget and the link.
        with django_assert_num_queries(14):
            assert client.get(link.get_absolute_url()).status_code == 200


# ---- The admin ---------------------------------------------------------------------------------------------------


def change_url(article: Article) -> str:
    return f"/admin/newsroom/article/{article.pk}/change/"


def share_url(article: Article) -> str:
    return f"/admin/newsroom/article/{article.pk}/preview-links/new/"


@time_machine.travel(NOW, tick=False)
def test_an_editor_shares_a_link_from_the_article_page_and_sees_it_there(client, editor, draft):
    client.force_login(editor)
    page = client.get(change_url(draft)).content.decode()
    assert f'href="{share_url(draft)}"' in page
    assert client.get(share_url(draft)).status_code == 200
    response = client.post(share_url(draft), {"hours": "3"}, follow=True)
    link = PreviewLink.objects.get()
    address = f"http://testserver{link.get_absolute_url()}"
    assert (link.created_by, link.expires_at) == (editor, NOW + datetime.timedelta(hours=3))
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == change_url(draft)
    assert f'<input type="text" readonly value="{address}"' in html  # the inline, to copy
    assert "Works · <a" in html and f"{address}" in html.split('class="messagelist"')[1][:600]


@time_machine.travel(NOW)
@pytest.mark.parametrize("hours", ["0", "169", "-3", "2.5", "a day", ""])
def test_hours_outside_one_to_a_week_are_a_form_error(client, editor, draft, hours):
    client.force_login(editor)
    response = client.post(share_url(draft), {"hours": hours})
    assert response.status_code == 200
    assert response.context["form"].errors["hours"]
    assert "errornote" in response.content.decode()
    assert not PreviewLink.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_an_editor_withdraws_a_link(client, editor, draft):
    link = link_for(draft, editor)
    client.force_login(editor)
    withdraw = f"/admin/newsroom/article/{draft.pk}/preview-links/{link.pk}/withdraw/"
    assert f'href="{withdraw}"' in client.get(change_url(draft)).content.decode()
    assert "Yes, withdraw it" in client.get(withdraw).content.decode()
    response = client.post(withdraw)
    assert response.status_code == 302 and response["Location"] == change_url(draft)
    link.refresh_from_db()
    assert link.revoked_at == NOW
    assert "Withdrawn" in client.get(change_url(draft)).content.decode()


@time_machine.travel(NOW)
def test_a_writer_can_neither_share_nor_withdraw_nor_see_links_in_the_admin(client, writer, editor, draft):
    link = link_for(draft, editor)
    client.force_login(writer)
    page = client.get(change_url(draft)).content.decode()
    assert "Share a preview" not in page and link.token not in page
    assert client.get(share_url(draft)).status_code == 403
    assert client.post(share_url(draft), {"hours": "3"}).status_code == 403
    withdraw = f"/admin/newsroom/article/{draft.pk}/preview-links/{link.pk}/withdraw/"
    assert client.post(withdraw).status_code == 403
    link.refresh_from_db()
    assert PreviewLink.objects.count() == 1 and link.revoked_at is None


def test_a_link_of_another_article_or_no_article_is_a_404_in_the_admin(client, editor, draft):
    other = factories.ArticleFactory()
    link = link_for(other, editor)
    client.force_login(editor)
    assert client.post(f"/admin/newsroom/article/{draft.pk}/preview-links/{link.pk}/withdraw/").status_code == 404
    assert client.get("/admin/newsroom/article/999999/preview-links/new/").status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


def test_the_add_page_has_no_preview_links_until_the_article_is_saved(client, editor):
    client.force_login(editor)
    assert "preview_links-TOTAL_FORMS" not in client.get("/admin/newsroom/article/add/").content.decode()


@time_machine.travel(NOW)
def test_staff_preview_query_budget(client, writer, django_assert_num_queries):
    match = factories.MatchFactory(kickoff=NOW + datetime.timedelta(days=2))
    article = factories.ArticleFactory(kind=Article.Kind.PREVIEW, match=match)
    article.clubs.add(match.home, match.away)
    client.force_login(writer)
    for count in (3, 7):
        for n in range(count - article.tags.count()):
            factories.QuoteFactory(source_article=article, paragraph=n)
            article.tags.add(factories.TagFactory())
            article.authors.add(factories.AuthorFactory())
        cache.clear()
        # The session and its user (2); the public article, not found (1), nor a story it was renamed from (1);
        # the user's permissions, own and through groups (2); then the article page's budget (13, with no
        # corrections) for the article whatever its state.
        with django_assert_num_queries(19):
            assert client.get(article.get_absolute_url()).status_code == 200


@time_machine.travel(NOW)
def test_a_link_holder_after_staff_sees_no_way_into_the_admin(client, writer, editor, draft):
    """Staff and link previews share the cached story; the banner, with or without its admin link, is outside."""
    link = link_for(draft, editor)
    client.force_login(writer)
    assert "/admin/" in client.get(draft.get_absolute_url()).content.decode()
    client.logout()
    html = client.get(link.get_absolute_url()).content.decode()
    assert "Preview shared by" in html and "/admin/" not in html and "Draft — not public" not in html
