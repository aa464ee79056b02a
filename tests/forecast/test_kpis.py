"""KPIs of a planned partnership from past partnerships shaped like real ones: the numbers are
finite and ordered, the same inputs give the same numbers, zeros and gaps are handled, and
what cannot be forecast says why."""

import datetime as dt

import numpy as np
import pytest

from aftercast.forecast.kpis import KPIS, Past, Plan, fit_history, forecast, missing

START = dt.date(2026, 6, 1)


def history(seed: int = 1, creators: int = 15) -> list[Past]:
    rng = np.random.default_rng(seed)
    found = []
    for n in range(creators):
        reach_level, er, ctr, cr = rng.normal(9.5, 0.4), rng.beta(8, 150), rng.beta(4, 300), 0.03
        for k in range(1 + n % 5):
            reach = float(np.exp(rng.normal(reach_level, 0.3))) * 2
            clicks = float(rng.binomial(int(reach), ctr))
            conversions = float(rng.binomial(int(clicks), cr))
            found.append(Past(
                creator=f"creator-{n}", market="US", tier="micro", platform="tiktok",
                started_on=START - dt.timedelta(days=60 * (k + 1)), posts=2, followers=40_000,
                reach=reach,
                impressions=reach * 1.3, engagements=float(rng.binomial(int(reach), er)),
                clicks=clicks, conversions=conversions,
                revenue=conversions * float(np.exp(rng.normal(np.log(45), 0.2))),
            ))  # fmt: skip
    return found


def plan(creator: str = "creator-4", **changes) -> Plan:
    values = dict(creator=creator, market="US", tier="micro", platform="tiktok",
                  starts_on=START, posts=3, fee=2500.0, followers=40_000)  # fmt: skip
    return Plan(**{**values, **changes})


def test_every_kpi_is_finite_ordered_and_the_same_each_time():
    fitted = fit_history(history(), START)
    first, second = forecast([plan()], fitted), forecast([plan()], fitted)
    assert set(first) == set(KPIS)
    for kpi, found in first.items():
        numbers = [found.low95, found.low80, found.median, found.high80, found.high95]
        assert all(np.isfinite(numbers)) and numbers == sorted(numbers), kpi
        assert (found.median, found.low80) == (second[kpi].median, second[kpi].low80)
    assert 0 < first["er_reach"].median < 0.2 and first["reach"].median > 1000
    # A cost: the chance of staying under a generous target is high, under a tiny one low.
    assert first["cpa"].chance_of(first["cpa"].high95) > 0.95
    assert first["cpa"].chance_of(first["cpa"].low95) < 0.05


def test_only_the_past_is_used():
    later = [Past("creator-4", "US", "micro", "tiktok", START + dt.timedelta(days=3), 2, 40_000,
                  reach=10.0, engagements=10.0, clicks=10.0, conversions=10.0)]  # fmt: skip
    fitted = fit_history(history() + later, START)
    again = fit_history(history(), START)
    assert (
        forecast([plan()], fitted)["er_reach"].median
        == forecast([plan()], again)["er_reach"].median
    )


def test_zero_conversions_and_missing_numbers_still_forecast():
    past = [Past(f"c{n}", "RU", "micro", "instagram", START - dt.timedelta(days=30), 1, 40_000,
                 reach=20000.0, impressions=26000.0, engagements=900.0, clicks=200.0,
                 conversions=0.0)
            for n in range(6)]  # fmt: skip
    past.append(Past("gaps", "RU", "micro", "instagram", START - dt.timedelta(days=30), 1))
    fitted = fit_history(past, START)
    found = forecast([plan("c1", market="RU", platform="instagram")], fitted)
    assert 0 < found["conversion_rate"].median < 0.01  # never a NaN, never exactly zero
    assert np.isfinite(found["cpa"].high95)


def test_a_new_market_and_a_new_platform_lean_on_broader_history_and_say_so():
    fitted = fit_history(history(), START)
    abroad = forecast([plan("newcomer", market="KZ")], fitted)["er_reach"]
    assert abroad.thin and abroad.level == ()
    moved = forecast([plan("creator-4", platform="instagram")], fitted)["er_reach"]
    home = forecast([plan("creator-4")], fitted)["er_reach"]
    assert moved.thin and moved.own_campaigns == 0  # its TikTok history is not its Instagram
    assert (moved.high80 - moved.low80) > (home.high80 - home.low80)


def test_no_history_and_no_fee_are_reasons_not_numbers():
    fitted = fit_history([], START)
    assert forecast([plan()], fitted) == {}
    assert missing(fitted, [plan()])["er_reach"] == "no_history"
    fitted = fit_history(history(), START)
    free = [plan(fee=0.0)]
    assert "cpa" not in forecast(free, fitted) and missing(fitted, free)["cpa"] == "no_fee"
    assert missing(fitted, [])["reach"] == "no_plan" and forecast([], fitted) == {}
    unknown = [plan(followers=0)]
    assert (
        forecast(unknown, fitted) == {} and missing(fitted, unknown)["er_reach"] == "no_followers"
    )


def test_a_market_adds_its_partnerships_up_and_names_who_makes_it_uncertain():
    fitted = fit_history(history(), START)
    known = plan("creator-4", name="Known")  # five campaigns of history
    unknown = plan("stranger", name="Stranger", posts=6)  # none, and more posts
    one = forecast([known], fitted)
    both = forecast([known, unknown], fitted)
    assert both["reach"].median > one["reach"].median * 2
    assert both["conversions"].drivers == ("Stranger",)
    # Alike plans: nobody stands out, so nobody is named.
    alike = [plan("creator-4", name=f"C{n}") for n in range(3)]
    assert forecast(alike, fitted)["reach"].drivers == ()
    assert both["cpa"].median == both["cpa"].median  # a number, not NaN
    # A total of independent parts is relatively narrower than one part of it.
    relative = lambda f: (f.high80 - f.low80) / f.median  # noqa: E731
    assert relative(forecast([known, known], fitted)["reach"]) < relative(one["reach"])


def test_reach_scales_with_the_audience():
    fitted = fit_history(history(), START)
    small = forecast([plan("newcomer", followers=20_000)], fitted)["reach"]
    large = forecast([plan("newcomer", followers=200_000)], fitted)["reach"]
    assert 9.5 < large.median / small.median < 10.5


def test_roas_is_the_forecast_revenue_over_the_fee_and_unpriced_sales_teach_nothing():
    fitted = fit_history(history(), START)
    found = forecast([plan()], fitted)
    assert found["roas"].median == pytest.approx(found["revenue"].median / 2500.0)
    assert 0.5 < found["revenue"].median / (found["conversions"].median * 45) < 2
    free = [plan(fee=0.0)]
    assert "roas" not in forecast(free, fitted) and missing(fitted, free)["roas"] == "no_fee"
    # Sales recorded without their value are a gap in the tracking, not sales worth nothing.
    unpriced = [Past("c", "US", "micro", "tiktok", START - dt.timedelta(days=9), 1, 40_000,
                     conversions=30.0, revenue=0.0)]  # fmt: skip
    assert fit_history(unpriced, START)["order_value"] is None


def campaigns_sharing_their_days(seed: int, runs: int, with_ids: bool = True) -> tuple:
    """Forty creators with reach levels of their own, five to a campaign; each campaign lifts
    or sinks all its creators together (its week, its offer), far more than their own noise."""
    rng = np.random.default_rng(seed)
    levels = rng.normal(-1.5, 0.3, 40)
    found = []
    for run in range(runs):
        shared = rng.normal(0, 0.3)
        for n in rng.choice(40, 5, replace=False):
            reach = 40_000 * float(np.exp(levels[n] + shared + rng.normal(0, 0.1)))
            found.append(Past(
                f"c{n}", "US", "micro", "tiktok", START - dt.timedelta(days=runs - run), 1,
                40_000, reach=reach, campaign=f"run-{run}" if with_ids else "",
            ))  # fmt: skip
    return found, levels


def test_the_creators_of_one_campaign_rise_and_fall_together():
    past, levels = campaigns_sharing_their_days(seed=3, runs=60)
    team = [plan(f"c{n}", posts=1) for n in range(5)]
    rng = np.random.default_rng(4)
    inside = {True: [], False: []}
    for with_ids in (True, False):
        fitted = fit_history([p if with_ids else Past(**{**p.__dict__, "campaign": ""})
                              for p in past], START)  # fmt: skip
        found = forecast(team, fitted, draws=4000)["reach"]
        for _ in range(300):  # campaigns to come, each with days of its own
            shared = rng.normal(0, 0.3)
            total = sum(40_000 * np.exp(levels[n] + shared + rng.normal(0, 0.1)) for n in range(5))
            inside[with_ids].append(found.low80 <= total <= found.high80)
    assert 0.72 <= np.mean(inside[True]) <= 0.9
    # Had the campaign's shared days been averaged away, the total would look far surer.
    assert np.mean(inside[False]) < 0.6


def test_sales_at_one_price_and_campaigns_exactly_alike_still_forecast():
    # Every repeat campaign came out exactly alike: a spread of 0 must not divide by zero.
    same = [Past("c", "US", "micro", "tiktok", START - dt.timedelta(days=d), 1, 40_000,
                 reach=8000.0, impressions=10000.0, engagements=400.0, clicks=100.0,
                 conversions=2.0, revenue=100.0)
            for d in (30, 60)]  # fmt: skip
    found = forecast([plan("c")], fit_history(same, START))
    assert found["roas"].median > 0
    assert all(np.isfinite([f.low95, f.high95]).all() for f in found.values())


def test_a_platform_without_impressions_forecasts_clicks_from_its_own_history():
    # Telegram reports no impressions: its creators' clicks come straight from their history
    # (clicks per post and follower), not from other platforms' impressions × CTR.
    rng = np.random.default_rng(3)
    channel = [Past(f"t{n}", "RU", "micro", "telegram", START - dt.timedelta(days=30 * k), 1,
                    50_000, reach=10_000.0, clicks=float(rng.normal(250, 20)),
                    conversions=5.0, unreported=frozenset({"impressions", "saves"}))
               for n in range(6) for k in range(1, 4)]  # fmt: skip
    fitted = fit_history(history() + channel, START)
    telegram = plan("t1", market="RU", platform="telegram", posts=1, followers=50_000,
                    unreported=frozenset({"impressions", "saves"}))  # fmt: skip
    found = forecast([telegram], fitted)
    assert 200 < found["clicks"].median < 300 and found["conversions"].median > 1
