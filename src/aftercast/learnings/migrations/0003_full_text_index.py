"""The full-text index of learnings, on each database's own engine: an FTS5 table kept in step
by triggers on SQLite, a generated tsvector with a GIN index on PostgreSQL. Both read the same
`search_terms` (stems and glossary concepts computed in Python), so they find the same rules.

A later migration that makes SQLite rebuild learnings_learning (most AlterField operations do)
drops these triggers with the old table: it must create them again (SQLITE below)."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE learnings_search USING fts5(search_terms, "
    "content='learnings_learning', content_rowid='id')",
    "CREATE TRIGGER learnings_search_ai AFTER INSERT ON learnings_learning BEGIN "
    "INSERT INTO learnings_search(rowid, search_terms) VALUES (new.id, new.search_terms); END",
    "CREATE TRIGGER learnings_search_ad AFTER DELETE ON learnings_learning BEGIN "
    "INSERT INTO learnings_search(learnings_search, rowid, search_terms) "
    "VALUES ('delete', old.id, old.search_terms); END",
    "CREATE TRIGGER learnings_search_au AFTER UPDATE OF search_terms ON learnings_learning BEGIN "
    "INSERT INTO learnings_search(learnings_search, rowid, search_terms) "
    "VALUES ('delete', old.id, old.search_terms); "
    "INSERT INTO learnings_search(rowid, search_terms) VALUES (new.id, new.search_terms); END",
]
SQLITE_UNDO = [
    "DROP TRIGGER IF EXISTS learnings_search_au",
    "DROP TRIGGER IF EXISTS learnings_search_ad",
    "DROP TRIGGER IF EXISTS learnings_search_ai",
    "DROP TABLE IF EXISTS learnings_search",
]
POSTGRES = [
    "ALTER TABLE learnings_learning ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_terms)) STORED",
    "CREATE INDEX learnings_search_vector ON learnings_learning USING GIN (search_vector)",
]
POSTGRES_UNDO = [
    "DROP INDEX IF EXISTS learnings_search_vector",
    "ALTER TABLE learnings_learning DROP COLUMN IF EXISTS search_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def index_existing(apps, schema_editor):
    from aftercast.learnings.text import document_terms

    Learning = apps.get_model("learnings", "Learning")
    for rule in Learning.objects.all():
        rule.search_terms = document_terms(rule.statement_en, rule.statement_ru)
        rule.save(update_fields=["search_terms"])


class Migration(migrations.Migration):
    dependencies = [("learnings", "0002_search_terms")]
    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_UNDO, "postgresql": POSTGRES_UNDO}),
        ),
        migrations.RunPython(index_existing, migrations.RunPython.noop),
    ]
