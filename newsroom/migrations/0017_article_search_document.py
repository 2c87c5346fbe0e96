"""Article search reads a stored, weighted search document instead of recomputing one per row.

`document` is a generated column the database keeps from the headline (A), standfirst (B) and body (C); on
PostgreSQL it is GIN-indexed, and the expression index of migration 0002 (which only an identical expression
could use, and which left ranking and counting to recompute `to_tsvector` for every row) is dropped. SQLite
has no tsvector: there the column is NULL and no index is made. Going back restores the expression index.
"""

import django.contrib.postgres.search
from django.db import migrations, models

import newsroom.models.articles

INDEX_NAME = "article_document"
OLD_INDEX_NAME = "article_search_vector"  # migration 0002's
OLD_VECTOR_SQL = """(
    (
        setweight(to_tsvector('english'::regconfig, COALESCE("headline", '')), 'A')
        || setweight(to_tsvector('english'::regconfig, COALESCE("standfirst", '')), 'B')
    )
    || setweight(to_tsvector('english'::regconfig, COALESCE("body", '')), 'C')
)"""


def drop_old_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{OLD_INDEX_NAME}"')


def restore_old_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{OLD_INDEX_NAME}" ON "newsroom_article" USING gin ({OLD_VECTOR_SQL})'
        )


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{INDEX_NAME}" ON "newsroom_article" USING gin ("document")')
        # The planner's statistics of the new column (which words are common), so that the first searches after
        # the migration do not wait for autovacuum to choose between the GIN and the date index.
        schema_editor.execute('ANALYZE "newsroom_article"')


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX_NAME}"')


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0016_roles_for_api_tokens"),
    ]

    operations = [
        migrations.RunPython(drop_old_index, restore_old_index, elidable=False),
        migrations.AddField(
            model_name="article",
            name="document",
            field=models.GeneratedField(
                db_persist=True,
                expression=newsroom.models.articles.ArticleDocument(),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
