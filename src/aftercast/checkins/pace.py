"""Where a KPI is heading by the end of the run, with an interval, from the days seen so far.

Totals (conversions, reach, revenue) accumulate: the end value is what came so far plus the
daily pace over the days left. Ratios and costs (conversion rate, ER, CPA) do not: the end value
is the value so far. Either way the interval comes from resampling the days seen (a bootstrap,
seeded, so a page shows the same numbers twice): days differ, and a week of two good days and
five empty ones is less certain than seven alike. Pure: no database.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from aftercast.metrics.registry import Kind, get_metric

# Fewer days than this say too little to project from.
MINIMUM_DAYS = 3
RESAMPLES = 1000
LEVEL = 0.9  # an 80 % interval reads as "likely"; 90 % as "very likely" to planners


@dataclass(frozen=True)
class Pace:
    metric: str
    so_far: float | None
    expected: float | None  # at the end of the run
    low: float | None
    high: float | None
    days_seen: int
    days_total: int

    @property
    def too_early(self) -> bool:
        return self.expected is None


def accumulates(metric: str) -> bool:
    """A total that grows with every day (reach, conversions, spend), not a ratio or a cost."""
    definition = get_metric(metric)
    return metric == "engagements" or (definition.kind is Kind.RAW and metric != "followers")


def project(
    metric: str,
    daily: Mapping[dt.date, Mapping[str, float]],
    *,
    starts_on: dt.date,
    ends_on: dt.date,
    today: dt.date,
    followers: int = 0,
    fees: Decimal = Decimal(0),
    seed: int = 0,
) -> Pace:
    """Project `metric` to `ends_on` from raw daily sums {day: {raw metric: sum}}."""
    from aftercast.metrics.selectors import metrics_for

    days_total = (ends_on - starts_on).days + 1
    elapsed = max(0, min((today - starts_on).days + 1, days_total))
    days = sorted(day for day in daily if starts_on <= day <= min(today, ends_on))
    totals: dict[str, float] = {}
    for day in days:
        for name, value in daily[day].items():
            totals[name] = totals.get(name, 0.0) + value
    so_far = metrics_for(totals, followers, fees).get(metric)
    if len(days) < MINIMUM_DAYS or so_far is None or elapsed == 0:
        return Pace(metric, so_far, None, None, None, len(days), days_total)
    names = sorted({name for day in days for name in daily[day]})
    # Days with no observation count as empty days of the run, not as missing ones.
    table = np.zeros((elapsed, len(names)))
    for row, day in enumerate(days):
        table[row] = [daily[day].get(name, 0.0) for name in names]
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, elapsed, size=(RESAMPLES, elapsed))
    resampled_sums = table[picks].sum(axis=1)  # one row of sums per resample
    definition = get_metric(metric)
    constants = {"followers": float(followers) if followers else None, "spend": float(fees)}
    values: list[float] = []
    for row in resampled_sums:
        # Only this metric, from its own inputs: the bootstrap runs a thousand times.
        resampled = definition.compute({**constants, **dict(zip(names, row, strict=True))})
        if resampled is not None:
            values.append(resampled)
    if not values:
        return Pace(metric, so_far, None, None, None, len(days), days_total)
    low, high = np.quantile(values, [(1 - LEVEL) / 2, (1 + LEVEL) / 2])
    if accumulates(metric):
        scale = days_total / elapsed
        expected, low, high = so_far * scale, float(low) * scale, float(high) * scale
        return Pace(metric, so_far, expected, low, high, len(days), days_total)
    return Pace(metric, so_far, so_far, float(low), float(high), len(days), days_total)
