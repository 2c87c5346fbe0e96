"""A GIN index for article search, on PostgreSQL only.

The indexed expression is the SQL Django compiles for `newsroom.search.article_vector()`: the query planner uses
an expression index only for an identical expression, so the two change together (tests/test_search.py checks
with EXPLAIN that the search uses this index). It is an expression index rather than a stored GeneratedField
because SQLite, the development database, has no tsvector type; there this migration does nothing.
"""

from django.db import migrations

INDEX_NAME = "article_search_vector"

VECTOR_SQL = """(
    (
        setweight(to_tsvector('english'::regconfig, COALESCE("headline", '')), 'A')
        || setweight(to_tsvector('english'::regconfig, COALESCE("standfirst", '')), 'B')
    )
    || setweight(to_tsvector('english'::regconfig, COALESCE("body", '')), 'C')
)"""


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{INDEX_NAME}" ON "newsroom_article" USING gin ({VECTOR_SQL})'
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX_NAME}"')


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
