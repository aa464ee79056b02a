"""Benchmarks say where they come from in a field of their own, not in their source text: a
profile someone typed with the source "Workspace history" is no longer replaced by a recompute."""

from django.db import migrations, models

# The source texts earlier versions wrote, as they were stored then.
HISTORY = "Workspace history"
PUBLIC = (
    "Public ranges: startmotionmedia.com (2024), growhtos.com (2026)",
    "Public case: a creator who always converts 1-2%",
)


def sort_existing(apps, schema_editor):
    Benchmark = apps.get_model("metrics", "Benchmark")
    Benchmark.objects.filter(source=HISTORY).update(kind="history")
    Benchmark.objects.filter(source__in=PUBLIC).update(kind="public")


class Migration(migrations.Migration):
    dependencies = [
        ("metrics", "0003_fx_source_import_fewer_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="benchmark",
            name="kind",
            field=models.CharField(
                choices=[
                    ("public", "Public ranges"),
                    ("history", "Your finished campaigns"),
                    ("entered", "Entered or imported"),
                ],
                default="entered",
                max_length=10,
                verbose_name="kind",
            ),
        ),
        migrations.RunPython(sort_existing, migrations.RunPython.noop),
    ]
