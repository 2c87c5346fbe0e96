import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from reversion.models import Version

from newsroom.actions import publish_article, unpublish_article
from newsroom.models import Article, Quote
from newsroom.page_versions import versions_of
from people.actions import record_move_update
from people.models import MoveStatus
from tests import factories

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
OUR_MODELS = [m for m in REGISTERED if m._meta.app_label in {"matches", "people", "newsroom"}]


def test_every_domain_model_is_in_the_admin():
    labels = {m._meta.label for m in OUR_MODELS}
    assert labels >= {
        "matches.Competition",
        "matches.Season",
        "matches.Club",
        "matches.Venue",
        "matches.Match",
        "matches.Tie",
        "matches.PointDeduction",
        "people.Person",
        "people.Tenure",
        "people.ManagerMove",
        "people.Honour",
        "newsroom.Section",
        "newsroom.Tag",
        "newsroom.Author",
        "newsroom.Article",
        "newsroom.Quote",
    }


@pytest.mark.parametrize("model", OUR_MODELS, ids=lambda m: m._meta.label)
def test_list_search_and_add_pages_work(admin_client, model):
    factory = getattr(factories, f"{model.__name__}Factory")
    factory.create_batch(3)
    model_admin = admin.site._registry[model]
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    changelist = reverse(f"{prefix}_changelist")

    assert model_admin.search_fields, "every list page has search"
    assert model_admin.list_filter, "every list page has filters"
    assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(changelist, {"q": "<script>alert(1)</script>"}).status_code == 200
    assert admin_client.get(reverse(f"{prefix}_add")).status_code == 200
    assert admin_client.get(reverse(f"{prefix}_change", args=[model.objects.first().pk])).status_code == 200


def test_list_pages_do_not_query_per_row(admin_client, django_assert_max_num_queries):
    factories.MatchFactory.create_batch(30, played=True)
    with django_assert_max_num_queries(12):
        assert admin_client.get(reverse("admin:matches_match_changelist")).status_code == 200


def test_writer_drafts_but_cannot_publish(client, writer):
    client.force_login(writer)
    response = client.post(
        reverse("admin:newsroom_article_add"),
        {
            "kind": "news",
            "headline": "Alonso to leave Leverkusen",
            "slug": "alonso-to-leave-leverkusen",
            "body": "He said so on Friday.",
            "status": "published",  # not a field a writer gets: ignored
            "quotes-TOTAL_FORMS": "0",
            "quotes-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.content[:2000]
    article = Article.objects.get(slug="alonso-to-leave-leverkusen")
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None
    with pytest.raises(PermissionDenied):
        publish_article(article=article, editor=writer)


def test_writer_cannot_edit_a_published_article(client, writer):
    article = factories.ArticleFactory(published=True)
    client.force_login(writer)

    response = client.post(
        reverse("admin:newsroom_article_change", args=[article.pk]), {"headline": "Changed", "body": "x"}
    )

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline != "Changed"


def test_editor_publishes_schedules_and_restores(client, editor):
    article = factories.ArticleFactory(headline="First version", body="Original body.")
    client.force_login(editor)

    response = client.post(
        reverse("admin:newsroom_article_changelist"),
        {"action": "publish_selected", "_selected_action": [article.pk]},
    )

    assert response.status_code == 302
    assert Article.objects.published().filter(pk=article.pk).exists()
    article.refresh_from_db()
    assert Version.objects.get_for_object(article).count() == 1
    history = client.get(reverse("admin:newsroom_article_history", args=[article.pk]))
    assert history.status_code == 200


def test_correcting_a_published_article_marks_it_updated(editor):
    article = factories.ArticleFactory(published=True)
    first_published = article.published_at

    publish_article(article=article, editor=editor)

    assert article.published_at == first_published
    assert article.content_updated_at is not None


def test_unpublished_article_leaves_the_site(client, editor):
    article = factories.ArticleFactory(published=True)
    unpublish_article(article=article, editor=editor)
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_a_move_takes_the_status_of_its_newest_update():
    move = factories.ManagerMoveFactory(status=MoveStatus.RUMOURED)
    record_move_update(
        move=move,
        date=datetime.date(2025, 5, 25),
        status=MoveStatus.ANNOUNCED,
        summary="Announced.",
        source_name="Club statement",
    )
    record_move_update(
        move=move,
        date=datetime.date(2025, 5, 9),
        status=MoveStatus.IN_TALKS,
        summary="Entered late, dated earlier.",
        source_name="Reports",
    )
    move.refresh_from_db()
    assert move.status == MoveStatus.ANNOUNCED


@pytest.mark.parametrize("zones", ['"top four"', '{"title": "first"}', '{"relegation": [20, 18]}', '{"x": [0, 1]}'])
def test_malformed_season_zones_are_a_form_error(admin_client, zones):
    season = factories.SeasonFactory()
    url = reverse("admin:matches_season_change", args=[season.pk])

    response = admin_client.post(
        url,
        {"competition": season.competition.pk, "label": season.label, "zones": zones, **EMPTY_DEDUCTIONS},
    )

    assert response.status_code == 200
    assert "needs [first, last] places" in response.content.decode() or "Write zones as" in response.content.decode()
    season.refresh_from_db()
    assert season.zones == {}


EMPTY_DEDUCTIONS = {
    "deductions-TOTAL_FORMS": "0",
    "deductions-INITIAL_FORMS": "0",
    "deductions-MIN_NUM_FORMS": "0",
    "deductions-MAX_NUM_FORMS": "1000",
}


def test_rejecting_quotes_in_bulk_records_a_revision_and_leaves_the_cached_page(
    client, editor, django_capture_on_commit_callbacks
):
    article = factories.ArticleFactory(
        status=Article.Status.PUBLISHED, published_at=datetime.datetime(2025, 5, 9, tzinfo=datetime.UTC)
    )
    quote = factories.QuoteFactory(source_article=article, text="We will win the league.")
    page = article.get_absolute_url()
    assert "We will win the league." in client.get(page).content.decode()  # now cached
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:newsroom_quote_changelist"),
            {"action": "mark_rejected", "_selected_action": [quote.pk]},
        )

    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.verification == Quote.Verification.REJECTED
    [version] = Version.objects.get_for_object(quote)
    assert version.revision.user == editor
    assert "rejected" in version.revision.get_comment().lower()
    client.logout()
    assert "We will win the league." not in client.get(page).content.decode()


def test_only_the_newsrooms_own_relations_move_page_versions(django_capture_on_commit_callbacks):
    article = factories.ArticleFactory()
    match = factories.MatchFactory()
    tags = ["all", f"article:{article.pk}", f"club:{match.home_id}"]
    before = versions_of(tags)

    with django_capture_on_commit_callbacks(execute=True):
        match.season.clubs.add(match.home)
        Group.objects.create(name="Scorers").permissions.add(Permission.objects.first())
    assert versions_of(tags) == before

    with django_capture_on_commit_callbacks(execute=True):
        article.clubs.add(match.home)
    after = versions_of(tags)
    assert after is not None and before is not None
    assert all(after[key] != before[key] for key in before)


@pytest.mark.parametrize(("stage", "group"), [("group", ""), ("group", "a"), ("round_of_16", "B")])
def test_a_group_stage_match_without_its_group_is_a_form_error(admin_client, stage, group):
    match = factories.MatchFactory(played=True)
    fields = {
        "season": match.season.pk,
        "round_name": "Matchday 1",
        "stage": stage,
        "group": group,
        "home": match.home.pk,
        "away": match.away.pk,
        "kickoff_0": "2019-09-17",
        "kickoff_1": "21:00:00",
        "kickoff_time_known": "on",
        "status": match.status,
        "home_score": match.home_score,
        "away_score": match.away_score,
    }

    response = admin_client.post(reverse("admin:matches_match_change", args=[match.pk]), fields)

    assert response.status_code == 200
    assert "group-stage match needs its group" in response.content.decode().replace("&#x27;", "'")
    match.refresh_from_db()
    assert (match.stage, match.group) == ("league", "")
