"""Timeline events belong to the campaign, so they can be logged while it runs, before its
debrief exists; the debrief shows the campaign's."""

import django.db.models.deletion
from django.db import migrations, models


def to_campaign(apps, schema_editor):
    TimelineEvent = apps.get_model("debriefs", "TimelineEvent")
    for event in TimelineEvent.objects.select_related("debrief"):
        event.campaign_id = event.debrief.campaign_id
        event.save(update_fields=["campaign"])


def to_debrief(apps, schema_editor):
    TimelineEvent = apps.get_model("debriefs", "TimelineEvent")
    Debrief = apps.get_model("debriefs", "Debrief")
    for event in TimelineEvent.objects.all():
        debrief = Debrief.objects.filter(campaign_id=event.campaign_id).first()
        if debrief is None:
            event.delete()  # logged before any debrief: the old schema had nowhere to keep it
        else:
            event.debrief_id = debrief.pk
            event.save(update_fields=["debrief"])


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_initial"),
        ("debriefs", "0005_question_set"),
    ]
    operations = [
        migrations.AddField(
            model_name="timelineevent",
            name="campaign",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="timeline",
                to="campaigns.campaign",
                verbose_name="campaign",
            ),
        ),
        migrations.AlterField(
            model_name="timelineevent",
            name="debrief",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="debriefs.debrief",
                verbose_name="debrief",
            ),
        ),
        migrations.RunPython(to_campaign, to_debrief),
        migrations.RemoveField(model_name="timelineevent", name="debrief"),
        migrations.AlterField(
            model_name="timelineevent",
            name="campaign",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="timeline",
                to="campaigns.campaign",
                verbose_name="campaign",
            ),
        ),
    ]
