"""The forecast beside a brief's targets, from the workspace's own finished campaigns: in the
page and the API in both languages, with the chance of reaching the target and the minimum;
a plain sentence instead when there is no history, no fee or no exchange rate."""

import datetime as dt
from decimal import Decimal

import numpy as np
from django.urls import reverse
from django.utils import timezone, translation

from aftercast.api.services import api_token_create
from aftercast.briefs.forecasts import brief_forecasts
from aftercast.briefs.models import KpiTarget
from aftercast.campaigns.models import CampaignStatus, Partnership
from tests import factories


def finished_history(workspace, creators, campaigns: int = 3, seed: int = 5):
    """Finished US campaigns in which each creator's ER by reach and CTR hover around levels
    of their own."""
    rng = np.random.default_rng(seed)
    for n in range(campaigns):
        past = factories.campaign(workspace, f"Past {n}", markets=("US",),
                                  status=CampaignStatus.FINISHED)  # fmt: skip
        past.starts_on = timezone.localdate() - dt.timedelta(days=400 - 90 * n)
        past.ends_on = past.starts_on + dt.timedelta(days=20)
        past.save()
        for index, person in enumerate(creators):
            link = factories.partnership(past.markets.get(), person)
            factories.deliverable(link)
            reach = float(np.exp(rng.normal(10, 0.2)))
            engagements = reach * (0.03 + 0.01 * index) * float(np.exp(rng.normal(0, 0.1)))
            for metric, value in (("reach", reach), ("likes", engagements),
                                  ("impressions", reach * 1.4), ("clicks", reach * 0.01),
                                  ("conversions", reach * 0.0005)):  # fmt: skip
                factories.observe(link, metric, round(value), on=past.starts_on)


def planned_brief(workspace, creators, metric="er_reach", target="0.04", minimum="0.03"):
    plan = factories.campaign(workspace, "Next", markets=("US",), status=CampaignStatus.PLANNED)
    plan.starts_on = timezone.localdate() + dt.timedelta(days=10)
    plan.ends_on = plan.starts_on + dt.timedelta(days=30)
    plan.save()
    piece = plan.markets.get()
    for person in creators:
        link = factories.partnership(piece, person)
        link.fee = Decimal(2000)
        link.save()
    brief = factories.brief(piece, metric, target)
    KpiTarget.objects.filter(brief=brief).update(minimum=Decimal(minimum))
    return brief


def test_a_brief_shows_each_target_forecast_with_its_chances(client, workspace, bob):
    creators = [factories.creator(workspace, f"Creator {n}", code="US", followers=60_000)
                for n in range(4)]  # fmt: skip
    finished_history(workspace, creators)
    brief = planned_brief(workspace, creators)
    with translation.override("en"):
        (shown,) = brief_forecasts(brief).values()
    found = shown.found
    assert found is not None and found.low80 < found.median < found.high80
    assert 0.02 < found.median < 0.08  # the creators' 3–6 % in the past
    assert 0 <= found.chance_of(0.04) <= 1 and found.chance_of(0.03) >= found.chance_of(0.04)
    client.force_login(bob)
    page = client.get(reverse("briefs:detail", args=[brief.pk])).content.decode()
    assert "Forecast: " in page and "Chance of reaching the target" in page
    russian = client.get(reverse("briefs:detail", args=[brief.pk]),
                         HTTP_ACCEPT_LANGUAGE="ru").content.decode()  # fmt: skip
    assert "Прогноз: " in russian and "Вероятность достичь цели" in russian
    token = api_token_create(user=bob, workspace=workspace, name="BI")[1]
    piece = brief.campaign_market
    data = client.get(
        f"/api/v1/campaigns/{piece.campaign.slug}/markets/US/brief",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    ).json()
    (kpi,) = data["kpis"]
    assert kpi["forecast"]["median"] == found.median
    assert 0 <= kpi["forecast"]["chance_of_minimum"] <= 1 and kpi["forecast"]["lines"]


def test_without_history_or_fee_or_rate_it_says_why(client, workspace, bob):
    creators = [factories.creator(workspace, "Lonely", code="US", followers=60_000)]
    brief = planned_brief(workspace, creators)
    with translation.override("en"):
        (shown,) = brief_forecasts(brief).values()
    # It names what is missing, in words: here everything ER is built from.
    assert (
        shown.found is None
        and "this one needs: reach and engagements (likes, comments" in shown.reason
    )
    finished_history(workspace, creators)
    cost = planned_brief(workspace, creators, metric="cpa", target="20", minimum="30")
    cost.campaign_market.partnerships.update(fee=0)
    with translation.override("ru"):
        (shown,) = brief_forecasts(cost).values()
    assert shown.found is None and "нет гонорара" in shown.reason
    cost.campaign_market.partnerships.update(fee=2000, currency="EUR")  # and no EUR rate
    with translation.override("en"):
        (shown,) = brief_forecasts(cost).values()
    assert shown.found is None and "no exchange rate" in shown.reason
    cost.campaign_market.partnerships.update(currency="USD")
    with translation.override("en"):
        (shown,) = brief_forecasts(cost).values()
    # A cost's bound is a ceiling: its chance is of staying within it, not of a "minimum".
    assert any("of staying within the limit: " in line for line in shown.lines)


def test_the_backtest_command_prints_the_figures(workspace):
    import json
    from io import StringIO

    from django.core.management import call_command

    creators = [factories.creator(workspace, f"Creator {n}", code="US", followers=60_000)
                for n in range(4)]  # fmt: skip
    finished_history(workspace, creators, campaigns=4)
    out = StringIO()
    call_command("forecast", "backtest", "--workspace", workspace.slug, "--json", stdout=out)
    figures = json.loads(out.getvalue())
    assert figures["kpis"]["er_reach"]["n"] == 12  # three later campaigns of four creators
    assert set(figures["baselines"]) == {"benchmark", "last_value"}
    assert {"coverage_80", "coverage_95", "width_80", "mdape"} <= set(figures["overall"])
    table = StringIO()
    call_command("forecast", "backtest", "--workspace", workspace.slug, stdout=table)
    assert "er_reach" in table.getvalue() and "cov80" in table.getvalue()


def test_the_debrief_says_where_the_outcome_fell_in_the_forecast(client, workspace, bob):
    from aftercast.briefs.forecasts import where_it_fell
    from aftercast.debriefs.services import start_debrief

    creators = [factories.creator(workspace, f"Creator {n}", code="US", followers=60_000)
                for n in range(4)]  # fmt: skip
    finished_history(workspace, creators, campaigns=4)
    from aftercast.campaigns.models import Campaign

    last = Campaign.objects.filter(workspace=workspace).order_by("-starts_on").first()
    piece = last.markets.get()
    factories.brief(piece, "er_reach", "0.04")
    with translation.override("en"):
        typical = where_it_fell(piece, "er_reach", 0.045)
        wild = where_it_fell(piece, "er_reach", 0.9)
    assert typical.startswith("Against the forecast made at the start: the outcome was above ")
    assert "Outside even its 95% range" not in typical and "Outside even its 95% range" in wild
    assert where_it_fell(piece, "er_reach", None) == ""
    debrief = start_debrief(last)
    client.force_login(bob)
    page = client.get(reverse("debriefs:detail", args=[debrief.pk]), HTTP_ACCEPT_LANGUAGE="ru")
    assert "Относительно прогноза, сделанного на старте" in page.content.decode()


def test_the_calibration_page_tracks_how_often_the_ranges_held(client, workspace, bob, vera):
    creators = [factories.creator(workspace, f"Creator {n}", code="US", followers=60_000)
                for n in range(4)]  # fmt: skip
    client.force_login(vera)  # a viewer reads it too; empty at first, saying why
    empty = client.get(reverse("briefs:calibration")).content.decode()
    assert "Nothing to check yet" in empty
    finished_history(workspace, creators, campaigns=4)
    page = client.get(reverse("briefs:calibration"), HTTP_ACCEPT_LANGUAGE="ru")
    text = page.content.decode()
    assert page.status_code == 200 and "Насколько точны были прогнозы" in text
    assert "chart-calibration" in text and "US" in text and "Типичная ошибка" in text
    assert reverse("briefs:calibration") in client.get(reverse("briefs:list")).content.decode()


def test_history_puts_money_in_the_market_currency_and_a_tracking_gap_as_unknown(workspace):
    from aftercast.briefs.forecasts import workspace_history
    from aftercast.metrics.models import FxRate, Observation

    creators = [factories.creator(workspace, f"Creator {n}", code="US", followers=60_000)
                for n in range(2)]  # fmt: skip
    finished_history(workspace, creators, campaigns=2)
    first, second = (Partnership.objects.filter(campaign_market__campaign__name=f"Past {n}")
                     .order_by("pk") for n in range(2))  # fmt: skip
    paid = first[0]
    paid.fee, paid.currency = Decimal(1000), "EUR"
    paid.save()
    FxRate.objects.create(workspace=workspace, rate_date=dt.date(2020, 1, 1), base="EUR",
                          quote="USD", rate=Decimal("1.10"))  # fmt: skip
    factories.observe(paid, "revenue", 500)  # in the partnership's currency, EUR
    # The second campaign's pixel never fired: clicks, and not one sale recorded.
    Observation.objects.filter(partnership__in=second, metric="conversions").delete()
    by_id = {(past.creator, past.started_on): past
             for past in workspace_history(workspace.pk, with_fees=True)}  # fmt: skip
    started = {n: link.campaign_market.campaign.starts_on for n, link in
               enumerate((first[0], second[0]))}  # fmt: skip
    mine = by_id[(str(paid.account.creator_id), started[0])]
    assert mine.fee == 1100.0 and mine.revenue == 550.0 and mine.conversions > 0
    gap = by_id[(str(second[0].account.creator_id), started[1])]
    assert gap.clicks > 0 and gap.conversions is None and gap.revenue is None


def test_a_creator_whose_platform_cannot_measure_a_kpi_is_left_out_of_its_forecast(workspace):
    creators = [factories.creator(workspace, f"Creator {n}", code="US", followers=60_000)
                for n in range(3)]  # fmt: skip
    finished_history(workspace, creators)
    tuber = factories.creator(workspace, "Tuber", code="US", followers=900_000,
                              platform_slug="youtube")  # fmt: skip
    with_tuber = planned_brief(workspace, [*creators, tuber])
    without = planned_brief(workspace, creators)
    with translation.override("en"):
        (mixed,) = brief_forecasts(with_tuber).values()
        (plain,) = brief_forecasts(without).values()
        # YouTube reports no reach: the ER by reach is what the others will measure.
        assert mixed.found.median == plain.found.median and "Tuber" not in mixed.found.drivers
        (alone,) = brief_forecasts(planned_brief(workspace, [tuber])).values()
    assert alone.found is None and "none of the planned creators' platforms" in alone.reason
