"""Evidence brought in by the exchange format from another workspace or instance. Adding the
column may make SQLite rebuild the table: the full-text triggers are created again."""

import importlib

from django.db import migrations, models


def recreate_triggers(apps, schema_editor):
    previous = importlib.import_module("aftercast.learnings.migrations.0004_scope_kind_evidence")
    previous.recreate_triggers(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("learnings", "0004_scope_kind_evidence")]

    operations = [
        migrations.AddField(
            model_name="learning",
            name="external_evidence",
            field=models.JSONField(
                blank=True, default=list, verbose_name="evidence from elsewhere"
            ),
        ),
        migrations.RunPython(recreate_triggers, migrations.RunPython.noop),
    ]
