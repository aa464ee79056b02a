"""How good the forecasts were: a rolling-origin backtest over finished partnerships in date
order (each forecast made from what had started before it), against two baselines computed
in the same run: the benchmark (the group's past values: their median, and the bands between
their quantiles) and the creator's own last value."""

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from aftercast.forecast import kpis
from aftercast.forecast.kpis import Past, Plan

CHECKED = ("reach", "er_reach", "ctr", "clicks", "conversions", "conversion_rate", "cpa", "cpe",
           "roas")  # fmt: skip
ENOUGH = 20  # outcomes of a KPI before its figures say much
DRAWS = 4_000  # per forecast: plenty for an interval, and a backtest makes thousands


@dataclass
class Tally:
    """One method's record on one KPI."""

    inside80: list[bool] = field(default_factory=list)
    inside95: list[bool] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)  # 80% width relative to the actual
    errors: list[float] = field(default_factory=list)  # |median − actual| / actual

    def add(self, actual: float, median: float, band80=None, band95=None) -> None:
        self.errors.append(abs(median - actual) / abs(actual))
        if band80 is not None:
            self.inside80.append(band80[0] <= actual <= band80[1])
            self.widths.append((band80[1] - band80[0]) / abs(actual))
        if band95 is not None:
            self.inside95.append(band95[0] <= actual <= band95[1])

    def figures(self) -> dict:
        def mean(values):
            return round(float(np.mean(values)), 3) if values else None

        return {
            "n": len(self.errors),
            "coverage_80": mean(self.inside80),
            "coverage_95": mean(self.inside95),
            "width_80": round(float(np.median(self.widths)), 3) if self.widths else None,
            "mdape": round(float(np.median(self.errors)), 3) if self.errors else None,
        }


def actual(kpi: str, past: Past) -> float | None:
    """The KPI's value in a finished partnership; None when it was not measured or is 0 (a
    relative error of a zero says nothing)."""
    engagements = past.engagements
    values = {
        "reach": past.reach,
        "clicks": past.clicks,
        "conversions": past.conversions,
        "er_reach": _ratio(engagements, past.reach),
        "ctr": _ratio(past.clicks, past.impressions),
        "conversion_rate": _ratio(past.conversions, past.clicks),
        "cpa": _ratio(past.fee, past.conversions),
        "cpe": _ratio(past.fee, engagements),
        "roas": _ratio(past.revenue, past.fee),
    }
    value = values[kpi]
    return value if value is not None and value > 0 and math.isfinite(value) else None


def _ratio(top, bottom) -> float | None:
    return None if top is None or not bottom else top / bottom


def backtest(history: list[Past]) -> dict:
    """Figures overall and per KPI for the model and both baselines."""
    model: dict[str, Tally] = defaultdict(Tally)
    benchmark: dict[str, Tally] = defaultdict(Tally)
    last: dict[str, Tally] = defaultdict(Tally)
    by_market: dict[tuple[str, str], Tally] = defaultdict(Tally)
    ordered = sorted(history, key=lambda past: past.started_on)
    for day in sorted({past.started_on for past in ordered}):
        known = [past for past in ordered if past.started_on < day]
        if not known:
            continue
        fitted = kpis.fit_history(known, day)
        for past in (p for p in ordered if p.started_on == day):
            _score(past, known, fitted, model, benchmark, last, by_market)
    return {
        "overall": _overall(model),
        "kpis": {kpi: model[kpi].figures() for kpi in CHECKED},
        "by_market": {
            market: {
                kpi: by_market[(market, kpi)].figures()
                for kpi in CHECKED
                if (market, kpi) in by_market
            }
            for market in sorted({market for market, _kpi in by_market})
        },
        "baselines": {
            "benchmark": {
                "overall": _overall(benchmark),
                "kpis": {kpi: benchmark[kpi].figures() for kpi in CHECKED},
            },
            "last_value": {
                "overall": _overall(last),
                "kpis": {kpi: last[kpi].figures() for kpi in CHECKED},
            },
        },  # fmt: skip
    }


def _score(past: Past, known: list[Past], fitted, model, benchmark, last, by_market) -> None:
    plan = Plan(past.creator, past.market, past.tier, past.platform, past.started_on,
                past.posts, past.fee or 0.0, followers=past.followers,
                unreported=past.unreported)  # fmt: skip
    found = kpis.forecast([plan], fitted, draws=DRAWS)
    own = [p for p in known if (p.creator, p.platform) == (past.creator, past.platform)]
    for kpi in CHECKED:
        value = actual(kpi, past)
        forecast = found.get(kpi)
        if value is None or forecast is None:
            continue
        # All three are scored on the same cases: the benchmark from the most specific group
        # with past values of the KPI, the last value from the benchmark for a creator with none
        # of their own; a KPI never measured before (its parts were) is left out for all.
        seen = _benchmark(kpi, past, known)
        if not seen:
            continue
        bands = (forecast.low80, forecast.high80), (forecast.low95, forecast.high95)
        model[kpi].add(value, forecast.median, *bands)
        by_market[(past.market, kpi)].add(value, forecast.median, *bands)
        q = np.quantile(seen, (0.025, 0.1, 0.5, 0.9, 0.975))
        benchmark[kpi].add(value, float(q[2]), (q[1], q[3]), (q[0], q[4]))
        mine = [v for p in own if (v := actual(kpi, p)) is not None]
        last[kpi].add(value, mine[-1] if mine else float(q[2]))


def _benchmark(kpi: str, past: Past, known: list[Past]) -> list[float]:
    """The KPI's past values in the case's market × tier × platform, or in the most specific
    broader group that has any (market × tier, market, everything)."""
    group = (past.market, past.tier, past.platform)
    for size in (3, 2, 1, 0):
        seen = [v for p in known if (p.market, p.tier, p.platform)[:size] == group[:size]
                and (v := actual(kpi, p)) is not None]  # fmt: skip
        if seen:
            return seen
    return []


def _overall(tallies: dict[str, Tally]) -> dict:
    """Every KPI with enough outcomes together."""
    total = Tally()
    for kpi in CHECKED:
        tally = tallies.get(kpi)
        if tally is None or len(tally.errors) < ENOUGH:
            continue
        total.inside80 += tally.inside80
        total.inside95 += tally.inside95
        total.widths += tally.widths
        total.errors += tally.errors
    return total.figures()
