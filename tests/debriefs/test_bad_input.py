"""A debrief of a campaign with no numbers says what is missing and still records what the team
saw; a final debrief edited keeps its history."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from aftercast.core.models import EditRecord
from aftercast.debriefs.models import DebriefStatus
from aftercast.debriefs.services import recompute_debrief, start_debrief
from tests import factories


def test_no_numbers_says_what_is_missing_and_keeps_qualitative_findings(client, workspace, bob):
    campaign = factories.campaign(workspace, markets=("RU", "US"))
    campaign.ends_on = timezone.localdate() - dt.timedelta(days=1)
    campaign.save()
    factories.brief(campaign.markets.get(market__code="US"), "ctr", "0.01")
    debrief = start_debrief(campaign)
    assert debrief.failure_suggested == "measurement"  # the US KPI could not be computed
    client.force_login(bob)
    url = reverse("debriefs:detail", args=[debrief.pk])
    page = client.get(url).text
    assert "What the numbers lack" in page
    assert "Russia: no numbers were recorded. Import the platforms&#x27; exports" in page
    said = client.post(reverse("debriefs:finding", args=[debrief.pk]),
                       {"statement": "A tracking pixel was never set", "market": ""})  # fmt: skip
    assert said.status_code == 302
    refused = client.post(reverse("debriefs:finding", args=[debrief.pk]), {"statement": " "},
                          follow=True)  # fmt: skip
    assert "What was found: This field is required." in refused.text
    recompute_debrief(debrief)
    assert "A tracking pixel was never set" in client.get(url).text


def test_editing_a_final_debrief_keeps_its_history(client, workspace, bob):
    campaign = factories.campaign(workspace, markets=("US",))
    campaign.ends_on = timezone.localdate() - dt.timedelta(days=1)
    campaign.save()
    debrief = start_debrief(campaign)
    debrief.status = DebriefStatus.FINAL
    debrief.save()
    first = debrief.summary
    client.force_login(bob)
    client.post(reverse("debriefs:edit", args=[debrief.pk]), {
        "status": "final", "summary": "Rewritten after the review", "failure_type": "none",
        "disagreements": ""})  # fmt: skip
    debrief.refresh_from_db()
    assert debrief.summary == "Rewritten after the review"
    record = EditRecord.objects.get(object_id=debrief.pk)
    assert record.changes["summary"] == [first, "Rewritten after the review"]
    assert "Rewritten after the review" in client.get(
        reverse("debriefs:detail", args=[debrief.pk])).text  # fmt: skip
