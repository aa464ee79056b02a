"""The failure type suggested from the data with its evidence, and confirmed by people: the
seeds' RU case (high engagement, not one conversion tracked) is a measurement failure."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone, translation

from aftercast.debriefs import failures
from aftercast.debriefs.models import FailureType
from aftercast.debriefs.services import start_debrief
from tests import factories
from tests.api.test_planning_api import send, tokens  # noqa: F401 (a fixture)
from tests.pages import get_as


def ended(workspace, markets=("RU", "US")):
    campaign = factories.campaign(workspace, markets=markets)
    campaign.ends_on = timezone.localdate() - dt.timedelta(days=1)
    campaign.save()
    return campaign


def test_the_seeds_ru_case_is_a_measurement_failure_with_its_reason(workspace):
    campaign = ended(workspace)
    ru, us = (campaign.markets.get(market__code=code) for code in ("RU", "US"))
    factories.brief(ru, "conversion_rate", "0.03")
    factories.brief(us, "conversion_rate", "0.03")
    anna = factories.partnership(ru, factories.creator(workspace, "Анна", "RU"))
    jake = factories.partnership(us, factories.creator(workspace, "Jake", "US"))
    for metric, value in (("likes", 4000), ("comments", 600), ("clicks", 900)):
        factories.observe(anna, metric, value)  # ER 8 %, no conversion tracked at all
    factories.observe(jake, "clicks", 1000)
    factories.observe(jake, "conversions", 40)
    debrief = start_debrief(campaign)
    assert debrief.failure_type == debrief.failure_suggested == FailureType.MEASUREMENT
    (reason,) = [failures.evidence_words(item) for item in debrief.failure_evidence]
    assert reason.startswith("Russia: 900 clicks and not one conversion recorded")
    with translation.override("ru"):
        russian = failures.evidence_words(debrief.failure_evidence[0])
    assert "ни одной конверсии" in russian
    assert debrief.failure_confirmed_at is None


def test_a_plan_not_carried_out_is_execution_and_a_plan_that_did_not_work_is_strategic(
    workspace,
):
    campaign = ended(workspace, markets=("US",))
    us = campaign.markets.get()
    factories.brief(us, "conversion_rate", "0.05")
    jake = factories.partnership(us, factories.creator(workspace, "Jake", "US"))
    factories.observe(jake, "clicks", 1000)
    factories.observe(jake, "conversions", 10)  # 1 %: missed
    assert start_debrief(campaign).failure_type == FailureType.STRATEGIC

    late = ended(workspace, markets=("US",))
    piece = late.markets.get()
    factories.brief(piece, "conversion_rate", "0.05")
    mia = factories.partnership(piece, factories.creator(workspace, "Mia", "US"))
    for days in (-9, -8):
        post = factories.deliverable(mia, days)
        post.published_at = None  # never went out
        post.save()
    factories.observe(mia, "clicks", 1000)
    factories.observe(mia, "conversions", 10)
    debrief = start_debrief(late)
    assert debrief.failure_type == FailureType.EXECUTION
    words = [failures.evidence_words(item) for item in debrief.failure_evidence]
    assert words[0] == "2 of 2 posts went out late or not at all."


def test_people_confirm_it_in_the_app_and_the_api(client, workspace, bob, vera, tokens):  # noqa: F811
    campaign = ended(workspace, markets=("US",))
    factories.brief(campaign.markets.get(), "reach", "1000")
    debrief = start_debrief(campaign)
    assert debrief.failure_type == FailureType.MEASUREMENT  # reach was never recorded
    url = reverse("debriefs:detail", args=[debrief.pk])
    page = get_as(client, bob, url, "ru").content.decode()
    assert "не подтверждено" in page
    confirm = reverse("debriefs:failure", args=[debrief.pk])
    client.force_login(vera)
    assert client.post(confirm, {"failure_type": "execution"}).status_code == 403
    client.force_login(bob)
    client.post(confirm, {"failure_type": "execution"})
    debrief.refresh_from_db()
    assert debrief.failure_type == FailureType.EXECUTION and debrief.failure_confirmed_by == bob
    assert "The rules suggested" in get_as(client, bob, url).content.decode()
    made = send(client, "post", f"/debriefs/{debrief.pk}/failure", tokens["editor"],
                {"failure_type": "nonsense"}, "ru")  # fmt: skip
    assert made.status_code == 422
    done = send(client, "post", f"/debriefs/{debrief.pk}/failure", tokens["editor"],
                {"failure_type": "measurement"})  # fmt: skip
    assert done.json()["failure_type"] == "measurement" and done.json()["failure_confirmed"]


def test_a_kpi_read_on_another_metric_is_a_measurement_failure(workspace):
    campaign = ended(workspace, markets=("US",))
    us = campaign.markets.get()
    factories.brief(us, "conversion_rate", "0.03")  # paid orders per click...
    mia = factories.partnership(us, factories.creator(workspace, "Mia", "US"))
    factories.observe(mia, "impressions", 50_000)  # ...but only the CTR could be measured
    factories.observe(mia, "clicks", 0)
    debrief = start_debrief(campaign)
    assert debrief.failure_suggested == FailureType.MEASUREMENT
    (reason,) = [failures.evidence_words(item) for item in debrief.failure_evidence]
    assert reason.startswith("United States: the brief judged success by Conversion rate, but "
                             "what was recorded measures Click-through rate instead")  # fmt: skip


def test_a_post_whose_clicks_never_converted_is_a_tracking_gap(workspace):
    campaign = ended(workspace, markets=("US",))
    us = campaign.markets.get()
    factories.brief(us, "conversion_rate", "0.03")
    converting = factories.partnership(us, factories.creator(workspace, "Mia", "US"))
    silent = factories.partnership(us, factories.creator(workspace, "Jake", "US"))
    for link, clicks, conversions in ((converting, 1000, 40), (silent, 400, 0)):
        post = factories.deliverable(link)
        factories.observe(link, "clicks", clicks, post=post)
        factories.observe(link, "conversions", conversions, post=post)
    debrief = start_debrief(campaign)  # 400 clicks at the market's 2.9 % expect 11 conversions
    assert debrief.failure_suggested == FailureType.MEASUREMENT
    assert [item["code"] for item in debrief.failure_evidence] == ["untracked_posts"]
    assert failures.evidence_words(debrief.failure_evidence[0]).startswith(
        "United States: 1 of 2 posts with clicks recorded no conversion"
    )


def test_a_conversion_window_shorter_than_the_sales_cycle_is_a_measurement_failure(workspace):
    from aftercast.metrics.models import Journey, Touchpoint

    campaign = ended(workspace, markets=("US",))
    us = campaign.markets.get()
    brief = factories.brief(us, "conversion_rate", "0.03")
    brief.conversion_window_days = 7
    brief.save()
    mia = factories.partnership(us, factories.creator(workspace, "Mia", "US"))
    factories.observe(mia, "clicks", 1000)
    factories.observe(mia, "conversions", 50)
    start = timezone.now() - dt.timedelta(days=40)
    for number, days in enumerate((2, 5, 12, 16, 20)):  # 3 of 5 took longer than a week
        journey = Journey.objects.create(
            workspace=workspace, campaign_market=us, external_id=f"j{number}", converted=True,
            converted_at=start + dt.timedelta(days=days),
        )  # fmt: skip
        Touchpoint.objects.create(workspace=workspace, journey=journey, position=1,
                                  channel="instagram", partnership=mia, at=start)  # fmt: skip
    debrief = start_debrief(campaign)
    assert debrief.failure_suggested == FailureType.MEASUREMENT
    (reason,) = [failures.evidence_words(i) for i in debrief.failure_evidence]
    assert reason == (
        "United States: 3 of 5 converted journeys took longer than the brief's 7-day conversion "
        "window (median 12 days): the window cut the sales cycle short, so conversions were "
        "undercounted."
    )
