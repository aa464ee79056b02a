import pytest
from django.test import override_settings

from aftercast.catalog.models import CreatorAccount
from aftercast.catalog.tiers import Tier, tier_case, tier_for
from tests import factories


@pytest.mark.parametrize(
    ("followers", "tier"),
    [
        (0, Tier.NANO),
        (9_999, Tier.NANO),
        (10_000, Tier.MICRO),
        (99_999, Tier.MICRO),
        (100_000, Tier.MID),
        (499_999, Tier.MID),
        (500_000, Tier.MACRO),
        (999_999, Tier.MACRO),
        (1_000_000, Tier.MEGA),
    ],
)
def test_tier_follows_followers(followers, tier):
    assert tier_for(followers) == tier


def test_an_unknown_audience_has_no_tier():
    assert tier_for(None) is None


@override_settings(AFTERCAST_TIERS={"micro": 5_000})
def test_tier_floors_are_configurable():
    assert tier_for(6_000) == Tier.MICRO


def test_the_sql_tier_agrees_with_python(workspace):
    for followers in (500, 50_000, 150_000, 700_000, 3_000_000):
        factories.creator(workspace, followers=followers)
    accounts = CreatorAccount.objects.annotate(tier_key=tier_case())
    for account in accounts:
        assert account.tier_key == account.tier
