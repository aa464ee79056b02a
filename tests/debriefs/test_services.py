"""Judging a campaign from its stored numbers: KPI verdicts per market, findings per variant."""

import pytest

from aftercast.campaigns.models import Arm, Variant
from aftercast.debriefs.models import Debrief, Verdict
from aftercast.debriefs.services import debrief_judge_markets, finding_ctr_by_arm, kpi_verdict
from aftercast.stats import compare_proportions
from tests import factories


@pytest.mark.parametrize(
    ("metric", "actual", "verdict"),
    [
        ("conversion_rate", 0.06, Verdict.HIT),
        ("conversion_rate", 0.04, Verdict.PARTIAL),
        ("conversion_rate", 0.01, Verdict.MISSED),
        ("cpa", 8.0, Verdict.HIT),  # a cost is hit from below
        ("cpa", 11.0, Verdict.PARTIAL),
        ("cpa", 20.0, Verdict.MISSED),
        ("cpa", None, Verdict.UNMEASURED),
    ],
)
def test_it_judges_a_kpi_by_its_direction(metric, actual, verdict):
    target, minimum = (0.05, 0.03) if metric == "conversion_rate" else (10, 12)
    assert kpi_verdict(metric, actual, target, minimum) == verdict


def test_it_records_a_verdict_for_every_market_with_a_brief(workspace, campaign):
    ru = campaign.markets.get(market__code="RU")
    link = factories.partnership(ru, factories.creator(workspace))
    factories.brief(ru, metric="reach", target="1000")
    factories.observe(link, "reach", 1500)
    debrief = Debrief.objects.create(workspace=workspace, campaign=campaign)
    judged = debrief_judge_markets(debrief=debrief)
    assert [(v.campaign_market, v.verdict) for v in judged] == [(ru, Verdict.HIT)]


def test_it_compares_the_arms_ctr_with_the_statistics_engine(workspace, campaign):
    us = campaign.markets.get(market__code="US")
    variant = Variant.objects.create(
        workspace=workspace, campaign=campaign, dimension="creative_angle", name="Contrast"
    )
    arms = [
        Arm.objects.create(workspace=workspace, variant=variant, label=label, description=label)
        for label in ("A", "B")
    ]
    for arm, clicks in zip(arms, (100, 150), strict=True):
        link = factories.partnership(us, factories.creator(workspace, f"C {arm.label}", "US"))
        post = factories.deliverable(link)
        post.arms.add(arm)
        factories.observe(link, "clicks", clicks, post=post)
        factories.observe(link, "impressions", 10_000, post=post)
    debrief = Debrief.objects.create(workspace=workspace, campaign=campaign)
    finding = finding_ctr_by_arm(debrief=debrief, campaign_market=us, variant=variant)
    expected = compare_proportions(100, 10_000, 150, 10_000)
    assert finding is not None
    assert finding.effect_rel == pytest.approx(0.5)
    assert (finding.ci_low, finding.ci_high) == pytest.approx(expected.lift_ci)
    assert (finding.n_a, finding.n_b, finding.p_value) == (10_000, 10_000, expected.p_value)
    empty = campaign.markets.get(market__code="RU")
    assert finding_ctr_by_arm(debrief=debrief, campaign_market=empty, variant=variant) is None
