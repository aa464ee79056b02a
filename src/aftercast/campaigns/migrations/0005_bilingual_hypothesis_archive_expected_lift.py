import re

from django.db import migrations, models

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def split_hypotheses(apps, schema_editor):
    """A hypothesis written in Russian moves to the Russian slot; the rest stays English."""
    Campaign = apps.get_model("campaigns", "Campaign")
    for campaign in Campaign.objects.exclude(hypothesis_en=""):
        if CYRILLIC.search(campaign.hypothesis_en):
            campaign.hypothesis_ru, campaign.hypothesis_en = campaign.hypothesis_en, ""
            campaign.save(update_fields=["hypothesis_ru", "hypothesis_en"])


def join_hypotheses(apps, schema_editor):
    Campaign = apps.get_model("campaigns", "Campaign")
    for campaign in Campaign.objects.exclude(hypothesis_ru=""):
        campaign.hypothesis_en = campaign.hypothesis_en or campaign.hypothesis_ru
        campaign.save(update_fields=["hypothesis_en"])


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0004_deliverable_source_import")]

    operations = [
        migrations.RenameField("campaign", "hypothesis", "hypothesis_en"),
        migrations.AlterField(
            "campaign",
            "hypothesis_en",
            models.TextField(blank=True, verbose_name="hypothesis (English)"),
        ),
        migrations.AddField(
            "campaign",
            "hypothesis_ru",
            models.TextField(blank=True, verbose_name="hypothesis (Russian)"),
        ),
        migrations.RunPython(split_hypotheses, join_hypotheses),
        migrations.AddField(
            "campaign",
            "archived_at",
            models.DateTimeField(blank=True, editable=False, null=True, verbose_name="archived at"),
        ),
        migrations.AddField(
            "variant",
            "expected_lift",
            models.DecimalField(
                blank=True,
                decimal_places=4,
                help_text="The relative improvement of the tested arm over the control you hope to see.",
                max_digits=8,
                null=True,
                verbose_name="hoped-for lift",
            ),
        ),
    ]
