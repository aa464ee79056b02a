"""The backtest on partnerships drawn from creator-level true rates with noise: the forecast's
intervals cover about as often as they say, and its errors are smaller than both baselines'
(the group's past values, the creator's last value)."""

import datetime as dt

import numpy as np

from aftercast.forecast.backtest import backtest
from aftercast.forecast.kpis import Past

START = dt.date(2024, 1, 1)


def simulated(seed: int = 11, creators: int = 30, campaigns: int = 6) -> list[Past]:
    """Creators in two groups, each with lasting reach, ER and conversion rates of their own,
    running campaigns a month apart; every campaign varies around the creator's rates."""
    rng = np.random.default_rng(seed)
    found = []
    for n in range(creators):
        market = "RU" if n % 2 else "US"
        reach_level = rng.normal(10.5 if market == "RU" else 10.0, 0.4)
        er = rng.normal(-3.0 if market == "RU" else -3.5, 0.35)  # logit
        ctr, cr = rng.normal(-4.6, 0.3), rng.normal(-4.0, 0.3)
        for k in range(campaigns):
            reach = float(np.exp(rng.normal(reach_level, 0.25)))
            rate = 1 / (1 + np.exp(-rng.normal(er, 0.2)))
            clicks = reach * 1.4 / (1 + np.exp(-rng.normal(ctr, 0.15)))
            conversion = 1 / (1 + np.exp(-rng.normal(cr, 0.2)))
            found.append(Past(
                creator=f"c{n}", market=market, tier="micro", platform="instagram",
                started_on=START + dt.timedelta(days=30 * k + n), posts=2, followers=50_000,
                reach=reach,
                impressions=reach * 1.4, engagements=reach * rate, clicks=clicks,
                conversions=clicks * conversion, fee=1000.0,
                revenue=clicks * conversion * float(np.exp(rng.normal(np.log(45), 0.3))),
            ))  # fmt: skip
    return found


def test_the_forecast_is_calibrated_and_beats_both_baselines():
    figures = backtest(simulated())
    model = figures["kpis"]["er_reach"]
    assert model["n"] > 100
    assert 0.7 <= model["coverage_80"] <= 0.9 and 0.88 <= model["coverage_95"] <= 0.99
    bench = figures["baselines"]["benchmark"]["kpis"]["er_reach"]
    last = figures["baselines"]["last_value"]["kpis"]["er_reach"]
    assert model["mdape"] < bench["mdape"] and model["mdape"] < last["mdape"]
    assert figures["overall"]["n"] >= model["n"]
    assert {"roas", "cpe", "cpa"} <= set(figures["kpis"])
    for kpi, found in figures["kpis"].items():  # every KPI near its nominal coverage
        assert 0.7 <= found["coverage_80"] <= 0.9, (kpi, found)
        assert 0.88 <= found["coverage_95"] <= 0.99, (kpi, found)
        for baseline in ("benchmark", "last_value"):
            other = figures["baselines"][baseline]["kpis"][kpi]
            assert other["n"] == found["n"], (kpi, baseline)  # the same cases, compared fairly
            assert found["mdape"] < other["mdape"], kpi


def test_nothing_finished_gives_empty_figures_not_an_error():
    figures = backtest([])
    assert figures["overall"] == {"n": 0, "coverage_80": None, "coverage_95": None,
                                  "width_80": None, "mdape": None}  # fmt: skip
