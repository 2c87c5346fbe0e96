"""Migration 0013 turns the quotes stored before the archive into its vocabulary, and back."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("newsroom", "0011_roles_for_article_images"), ("people", "0002_blank_slug_filled_from_name")]
AFTER = [("newsroom", "0013_quote_archive_data")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_old_quotes_take_the_new_values():
    apps = migrate(BEFORE)
    Quote, Person, Article = (
        apps.get_model(*name) for name in (("newsroom", "Quote"), ("people", "Person"), ("newsroom", "Article"))
    )
    Competition, Season, Club, Match = (
        apps.get_model("matches", name) for name in ("Competition", "Season", "Club", "Match")
    )
    competition = Competition.objects.create(code="es.1", name="La Liga", kind="league", country="Spain")
    season = Season.objects.create(competition=competition, label="2024-25")
    home, away = (Club.objects.create(name=name, slug=name.lower(), country="ESP") for name in ("Home", "Away"))
    kickoff = datetime.datetime(2025, 5, 11, 14, 15, tzinfo=datetime.UTC)
    match = Match.objects.create(season=season, home=home, away=away, kickoff=kickoff, kickoff_date=kickoff.date())
    person = Person.objects.create(name="Carlo Ancelotti", slug="carlo-ancelotti")
    live = Article.objects.create(
        headline="Live", slug="live", body="x", status="published", published_at=kickoff - datetime.timedelta(days=2)
    )
    rows = {
        "before": {
            "occasion": "press_conference",
            "match": match,
            "said_on": datetime.date(2025, 5, 9),
            "verification": "suggested",
            "speaker": person,
            "source_article": live,
        },
        "after": {
            "occasion": "press_conference",
            "match": match,
            "said_on": datetime.date(2025, 5, 11),
            "verification": "verified",
        },
        "rejected": {"occasion": "interview", "verification": "rejected", "speaker_name": "Someone"},
    }
    for text, fields in rows.items():
        Quote.objects.create(text=text, **fields)
    try:
        apps = migrate(AFTER)
        found = {q.text: q for q in apps.get_model("newsroom", "Quote").objects.all()}
        assert (found["before"].occasion, found["before"].verification) == ("pre_match_press_conference", "unverified")
        assert (found["before"].speaker_name, found["before"].competition_id) == ("Carlo Ancelotti", competition.pk)
        assert found["before"].source_published_at == live.published_at
        assert (found["after"].occasion, found["after"].verification) == (
            "post_match_press_conference",
            "verified_transcript",
        )
        assert (found["rejected"].verification, found["rejected"].source_published_at) == ("rejected", None)
        apps = migrate(BEFORE)
        back = dict(apps.get_model("newsroom", "Quote").objects.values_list("text", "verification"))
        assert back == {"before": "suggested", "after": "verified", "rejected": "rejected"}
    finally:
        migrate(executor_leaf_nodes())


def executor_leaf_nodes():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()
