"""Learnings get a kind (do, avoid, test again), more scope tags (product categories, the
tested dimension, free tags), a key for the exchange format, the direction their evidence is
read against, a scope verdict and a review flag; statuses become hypothesis, supported,
contradicted, retired. A "validated" rule with no evidence behind it goes back to hypothesis.

The AlterFields make SQLite rebuild the table, which drops the full-text triggers of 0003:
they are created again at the end, and the index rebuilt."""

import importlib
import uuid

import aftercast.learnings.models
from django.db import migrations, models


def give_keys(apps, schema_editor):
    Learning = apps.get_model("learnings", "Learning")
    for rule in Learning.objects.all().only("pk"):
        Learning.objects.filter(pk=rule.pk).update(key=uuid.uuid4().hex)


def rename_statuses(apps, schema_editor):
    Learning = apps.get_model("learnings", "Learning")
    Learning.objects.filter(status="contested").update(status="contradicted")
    validated = Learning.objects.filter(status="validated")
    validated.filter(evidence__isnull=True).update(status="hypothesis")
    Learning.objects.filter(status="validated").update(status="supported")


def recreate_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    index = importlib.import_module("aftercast.learnings.migrations.0003_full_text_index")
    for statement in index.SQLITE[1:]:  # the FTS5 table outlives the rebuild, its triggers do not
        name = statement.split()[2]
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        schema_editor.execute(statement)
    schema_editor.execute("INSERT INTO learnings_search(learnings_search) VALUES ('rebuild')")


class Migration(migrations.Migration):
    dependencies = [
        ("briefs", "0004_brief_versions"),
        ("catalog", "0005_lead_metrics"),
        ("core", "0002_time_zones"),
        ("debriefs", "0006_timeline_of_the_campaign"),
        ("learnings", "0003_full_text_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="learning",
            name="dimension",
            field=models.CharField(
                blank=True,
                choices=[
                    ("creative_angle", "Creative angle"),
                    ("audience", "Audience segment"),
                    ("messaging", "Messaging"),
                    ("format", "Format"),
                    ("offer", "Offer"),
                    ("cta", "Call to action"),
                    ("timing", "Timing"),
                ],
                max_length=20,
                verbose_name="tested dimension",
            ),
        ),
        migrations.AddField(
            model_name="learning",
            name="direction",
            field=models.SmallIntegerField(
                blank=True,
                choices=[(1, "the metric rises"), (-1, "the metric falls")],
                help_text="Evidence is read as B against A, B being what the rule recommends. "
                "Left empty, it is taken from the first evidence.",
                null=True,
                verbose_name="expected effect",
            ),
        ),
        migrations.AddField(
            model_name="learning",
            name="key",
            field=models.CharField(
                default=aftercast.learnings.models.new_key, max_length=100, verbose_name="key"
            ),
        ),
        migrations.AddField(
            model_name="learning",
            name="kind",
            field=models.CharField(
                choices=[("do", "Do"), ("avoid", "Avoid"), ("test_again", "Test again")],
                default="do",
                max_length=12,
                verbose_name="kind",
            ),
        ),
        migrations.AddField(
            model_name="learning",
            name="needs_review",
            field=models.BooleanField(default=False, verbose_name="needs review"),
        ),
        migrations.AddField(
            model_name="learning",
            name="product_categories",
            field=models.JSONField(blank=True, default=list, verbose_name="product categories"),
        ),
        migrations.AddField(
            model_name="learning",
            name="scope_verdict",
            field=models.CharField(
                blank=True,
                choices=[
                    ("holds", "Holds in all its markets"),
                    ("market_specific", "Market-specific"),
                    ("reverses", "Reverses between markets"),
                ],
                max_length=16,
                verbose_name="scope",
            ),
        ),
        migrations.AddField(
            model_name="learning",
            name="tags",
            field=models.JSONField(blank=True, default=list, verbose_name="tags"),
        ),
        migrations.AlterField(
            model_name="learning",
            name="metric",
            field=models.CharField(
                blank=True,
                choices=[
                    ("impressions", "Impressions"),
                    ("reach", "Reach"),
                    ("views", "Views"),
                    ("likes", "Likes"),
                    ("comments", "Comments"),
                    ("shares", "Shares"),
                    ("saves", "Saves"),
                    ("clicks", "Clicks"),
                    ("followers", "Followers"),
                    ("followers_gained", "Followers gained"),
                    ("signups", "Sign-ups"),
                    ("conversions", "Conversions"),
                    ("orders", "Orders"),
                    ("revenue", "Revenue"),
                    ("spend", "Spend"),
                    ("cohort_revenue", "Cohort revenue"),
                    ("engagements", "Engagements"),
                    ("er_followers", "Engagement rate by followers"),
                    ("er_reach", "Engagement rate by reach (ERR)"),
                    ("er_views", "Engagement rate by views"),
                    ("ctr", "Click-through rate"),
                    ("conversion_rate", "Conversion rate"),
                    ("signup_rate", "Sign-up rate"),
                    ("follow_rate", "Follow rate"),
                    ("cpm", "Cost per mille (CPM)"),
                    ("cpc", "Cost per click (CPC)"),
                    ("cpe", "Cost per engagement (CPE)"),
                    ("cpa", "Customer acquisition cost (CPA/CAC)"),
                    ("roas", "Return on ad spend (ROAS)"),
                    ("aov", "Average order value (AOV)"),
                    ("ltv", "Lifetime value (LTV)"),
                ],
                max_length=30,
                verbose_name="metric",
            ),
        ),
        migrations.AlterField(
            model_name="learning",
            name="statement_en",
            field=models.TextField(blank=True, verbose_name="statement (English)"),
        ),
        migrations.AlterField(
            model_name="learning",
            name="statement_ru",
            field=models.TextField(blank=True, verbose_name="statement (Russian)"),
        ),
        migrations.AlterField(
            model_name="learning",
            name="status",
            field=models.CharField(
                choices=[
                    ("hypothesis", "Hypothesis"),
                    ("supported", "Supported"),
                    ("contradicted", "Contradicted"),
                    ("retired", "Retired"),
                ],
                default="hypothesis",
                max_length=12,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(give_keys, migrations.RunPython.noop),
        migrations.RunPython(rename_statuses, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="learning",
            constraint=models.UniqueConstraint(
                fields=("workspace", "key"), name="learning_key_once"
            ),
        ),
        migrations.RunPython(recreate_triggers, migrations.RunPython.noop),
    ]
