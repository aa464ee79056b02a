"""Each market's lead metrics as its teams read results (the seeds): Russia leads with
engagement, community growth and reach; the US with CAC, ROAS, conversion and order value.
Sentiment, not a metric of the registry, is shown beside them by the pages that compare."""

from django.db import migrations

LEAD = {
    "RU": (["er_reach", "er_followers", "comments", "follow_rate"],
           ["er_reach", "followers_gained", "reach", "comments"]),
    "US": (["cpa", "roas", "conversion_rate", "ltv"], ["cpa", "roas", "conversion_rate", "aov"]),
}  # fmt: skip


def _set(apps, which: int) -> None:
    Market = apps.get_model("catalog", "Market")
    for code, choices in LEAD.items():
        Market.objects.filter(code=code).update(lead_metrics=choices[which])


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_restrict_within_workspace")]
    operations = [
        migrations.RunPython(lambda apps, _editor: _set(apps, 1),
                             lambda apps, _editor: _set(apps, 0)),
    ]  # fmt: skip
