"""The expectation check says, in words, whether a target is realistic."""

from decimal import Decimal

import pytest
from django.utils import translation

from aftercast.briefs.expectations import check_brief, check_tests
from aftercast.campaigns import services as planning
from aftercast.campaigns.models import CampaignStatus, Partnership
from aftercast.metrics.models import Benchmark
from tests import factories
from tests.briefs.test_services import join, primary, us_brief  # noqa: F401 (fixture)

RATES = [0.011, 0.013, 0.015, 0.017, 0.02, 0.023]


def give_history(link: Partnership, rates) -> None:
    """Six finished campaigns before this one, each converting at one of `rates`."""
    for rate in rates:
        earlier = factories.campaign(
            link.workspace, name="Earlier", markets=("US",), status=CampaignStatus.FINISHED
        )
        old = Partnership.objects.create(
            workspace=link.workspace,
            campaign_market=earlier.markets.get(),
            account=link.account,
            fee=Decimal(100),
            currency="USD",
        )
        factories.observe(old, "clicks", 1000)
        factories.observe(old, "conversions", round(rate * 1000))


def test_a_forty_percent_target_against_a_one_to_two_percent_history(us_brief, bob):  # noqa: F811
    link = join(us_brief, "Steady One", platform="tiktok", followers=40_000)
    give_history(link, RATES)
    Benchmark.objects.create(
        workspace=us_brief.workspace,
        market=factories.market("US"),
        tier="micro",
        platform=factories.platform("tiktok"),
        metric="conversion_rate",
        p25=0.01,
        median=0.015,
        p75=0.02,
        sample_size=45,
        source="test",
    )
    primary(us_brief, bob, target="0.40")
    with translation.override("en"):
        [check] = check_brief(us_brief)
    text = " ".join(check.warnings)
    assert "Steady One's last 6 campaigns: 1.10%–2.30%" in text
    assert "Outside the history: 40.0% target vs 1.10%–2.30% historical." in text
    assert "Benchmark US Micro on TikTok: median 1.50%" in text
    assert "the target is above the 99th percentile." in text
    with translation.override("ru"):
        [check] = check_brief(us_brief)
    assert "Вне истории" in " ".join(check.warnings)


def test_a_realistic_target_is_not_a_warning(us_brief, bob):  # noqa: F811
    link = join(us_brief, "Steady One", followers=40_000)
    give_history(link, RATES)
    primary(us_brief, bob, target="0.015")
    [check] = check_brief(us_brief)
    assert not check.warnings
    assert any("usual range" in line for line in check.lines)


def test_a_creator_without_history_is_said_so(us_brief, bob):  # noqa: F811
    join(us_brief, "Newcomer")
    primary(us_brief, bob, target="0.02")
    with translation.override("en"):
        [check] = check_brief(us_brief)
    assert "Newcomer: too little history to judge (0 earlier campaigns)." in check.lines[0]


@pytest.mark.parametrize(("followers", "detectable"), [(3_000, False), (2_000_000, True)])
def test_a_test_too_small_to_show_its_lift_is_flagged(us_brief, bob, followers, detectable):  # noqa: F811
    campaign = us_brief.campaign_market.campaign
    variant = planning.add_variant(
        campaign,
        dimension="creative_angle",
        name="Contrast",
        arms=[planning.ArmSpec("A", "Low", True), planning.ArmSpec("B", "High")],
        expected_lift=Decimal("0.1"),
    )
    for name, arm in zip(["One", "Two"], variant.arms.all(), strict=True):
        link = join(us_brief, name, followers=followers)
        give_history(link, RATES)
        link.arms.set([arm])
    primary(us_brief, bob, target="0.02")
    with translation.override("en"):
        [warning] = check_tests(us_brief)
    assert warning.detectable is detectable
    if not detectable:
        assert "you hope for 10%" in warning.text
