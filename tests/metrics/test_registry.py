"""Every metric of the registry, computed from raw counts, including the zero-denominator cases."""

import pytest

from aftercast.metrics.registry import (
    DERIVED_METRICS,
    ENGAGEMENT_PARTS,
    METRICS,
    RAW_METRICS,
    Kind,
    Unit,
    compute_all,
    get_metric,
)

RAW = {
    "impressions": 200_000,
    "reach": 120_000,
    "views": 80_000,
    "likes": 6_000,
    "comments": 400,
    "shares": 300,
    "saves": 300,
    "clicks": 2_500,
    "followers": 250_000,
    "followers_gained": 1_200,
    "signups": 450,
    "conversions": 100,
    "orders": 90,
    "revenue": 9_000,
    "spend": 3_000,
    "cohort_revenue": 15_000,
}

# metric → expected value from RAW, worked out by hand
EXPECTED = {
    "engagements": 7_000,
    "er_followers": 7_000 / 250_000,
    "er_reach": 7_000 / 120_000,
    "er_views": 7_000 / 80_000,
    "ctr": 2_500 / 200_000,
    "conversion_rate": 100 / 2_500,
    "signup_rate": 450 / 2_500,
    "follow_rate": 1_200 / 120_000,
    "cpm": 3_000 / 200_000 * 1000,
    "cpc": 3_000 / 2_500,
    "cpe": 3_000 / 7_000,
    "cpa": 3_000 / 100,
    "roas": 9_000 / 3_000,
    "aov": 9_000 / 90,
    "ltv": 15_000 / 100,
}

# metric → the raw input whose zero makes it undefined
DENOMINATORS = {
    "er_followers": "followers",
    "er_reach": "reach",
    "er_views": "views",
    "ctr": "impressions",
    "conversion_rate": "clicks",
    "signup_rate": "clicks",
    "follow_rate": "reach",
    "cpm": "impressions",
    "cpc": "clicks",
    "cpa": "conversions",
    "roas": "spend",
    "aov": "orders",
    "ltv": "conversions",
}


def test_every_derived_metric_has_a_worked_example():
    assert {m.key for m in DERIVED_METRICS} == set(EXPECTED)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_it_computes_each_derived_metric_from_raw_counts(key):
    assert get_metric(key).compute(RAW) == pytest.approx(EXPECTED[key])


@pytest.mark.parametrize("key", sorted(DENOMINATORS))
def test_a_zero_denominator_gives_no_value_not_zero(key):
    values = {**RAW, DENOMINATORS[key]: 0}
    assert get_metric(key).compute(values) is None


def test_cpe_without_any_engagement_has_no_value():
    values = {**RAW, "likes": 0, "comments": 0, "shares": 0, "saves": 0}
    assert get_metric("cpe").compute(values) is None


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_a_missing_input_gives_no_value(key):
    metric = get_metric(key)
    missing = [name for name in metric.inputs if name not in ENGAGEMENT_PARTS] or ENGAGEMENT_PARTS
    values = {name: value for name, value in RAW.items() if name not in missing}
    assert metric.compute(values) is None


def test_an_unreported_engagement_part_counts_as_none_when_others_are_reported():
    # VK reports no saves; ERR must still be computed from likes, comments and shares.
    values = {"likes": 900, "comments": 50, "shares": 50, "reach": 10_000}
    assert get_metric("er_reach").compute(values) == pytest.approx(0.1)
    assert get_metric("er_reach").compute({"reach": 10_000}) is None


@pytest.mark.parametrize("metric", RAW_METRICS, ids=lambda m: m.key)
def test_a_raw_metric_is_its_own_stored_value(metric):
    assert metric.kind is Kind.RAW
    assert metric.compute(RAW) == RAW[metric.key]
    assert metric.compute({}) is None


def test_costs_are_lower_is_better_and_rates_higher_is_better():
    for key in ("cpm", "cpc", "cpe", "cpa", "spend"):
        assert METRICS[key].higher_is_better is False
    for key in ("er_reach", "ctr", "conversion_rate", "roas", "revenue"):
        assert METRICS[key].higher_is_better is True


def test_units_match_how_the_metric_reads():
    assert METRICS["er_reach"].unit is Unit.RATIO
    assert METRICS["cpa"].unit is Unit.MONEY
    assert METRICS["roas"].unit is Unit.MULTIPLE
    assert METRICS["reach"].unit is Unit.COUNT


def test_every_metric_has_russian_and_english_names():
    from django.utils import translation

    for metric in METRICS.values():
        with translation.override("en"):
            english = str(metric.name)
        with translation.override("ru"):
            russian = str(metric.name)
        assert english and russian
        assert russian != english or metric.key in {"roas"}, metric.key


def test_compute_all_returns_every_metric():
    values = compute_all(RAW)
    assert set(values) == set(METRICS)
    assert values["roas"] == pytest.approx(3.0)


def test_an_unknown_metric_is_named_in_the_error():
    with pytest.raises(KeyError, match="bogus"):
        get_metric("bogus")
