"""Migration 0017 gives the articles already stored their search document, and going back restores the index
the search used before."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("newsroom", "0016_roles_for_api_tokens")]
AFTER = [("newsroom", "0017_article_search_document")]
ON_POSTGRES = connection.vendor == "postgresql"


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def indexes() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, "newsroom_article"))


def document_of(slug: str) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT CAST(document AS TEXT) FROM newsroom_article WHERE slug = %s", [slug])
        return cursor.fetchone()[0]


def test_stored_articles_get_their_document_and_back():
    apps = migrate(BEFORE)
    published = datetime.datetime(2025, 5, 9, 12, tzinfo=datetime.UTC)
    apps.get_model("newsroom", "Article").objects.create(
        headline="Alonso to leave",
        slug="alonso",
        standfirst="Leverkusen",
        body="Madrid waits.",
        status="published",
        published_at=published,
    )
    try:
        migrate(AFTER)
        if ON_POSTGRES:
            assert document_of("alonso") == "'alonso':1A 'leav':3A 'leverkusen':4B 'madrid':5C 'wait':6C"
            assert "article_document" in indexes() and "article_search_vector" not in indexes()
        else:
            assert document_of("alonso") is None
        migrate(BEFORE)
        with connection.cursor() as cursor:
            columns = [c.name for c in connection.introspection.get_table_description(cursor, "newsroom_article")]
        assert "document" not in columns
        assert ("article_search_vector" in indexes()) is ON_POSTGRES and "article_document" not in indexes()
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
