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
    high: float | None  # may be infinite: a cost with nothing yet to divide it by
    days_seen: int
    days_total: int
    # Why there is no projection: "few_days", "no_value" (an input missing or zero so far), or
    # "no_rate" (a fee in another currency with no exchange rate).
    missing: str = ""

    @property
    def too_early(self) -> bool:
        return self.expected is None


def accumulates(metric: str) -> bool:
    """A total that grows with every day (reach, conversions, spend), not a ratio or a cost."""
    definition = get_metric(metric)
    return metric == "engagements" or (definition.kind is Kind.RAW and metric != "followers")


def _at_end(
    definition, sums: Mapping[str, float], scale: float, followers: int, fees: Decimal
) -> float | None:
    """The metric at the end of the run from the sums so far: every flow grows by `scale`; the
    audience does not, nor does a fee paid once when no spend was observed."""
    values: dict[str, float | None] = {name: value * scale for name, value in sums.items()}
    values["followers"] = float(followers) if followers else None
    if "spend" not in sums:
        values["spend"] = float(fees)
    return definition.compute(values)


def running(
    metric: str,
    daily: Mapping[dt.date, Mapping[str, float]],
    *,
    starts_on: dt.date,
    today: dt.date,
    followers: int = 0,
    fees: Decimal = Decimal(0),
) -> list[tuple[dt.date, float]]:
    """The metric as it stood at the end of each day with numbers so far (a total as its
    running sum, a rate over everything up to that day)."""
    definition = get_metric(metric)
    totals: dict[str, float] = {}
    points = []
    for day in sorted(day for day in daily if starts_on <= day <= today):
        for name, amount in daily[day].items():
            totals[name] = totals.get(name, 0.0) + amount
        stood = _at_end(definition, totals, 1.0, followers, fees)
        if stood is not None:
            points.append((day, stood))
    return points


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
    definition = get_metric(metric)
    days_total = (ends_on - starts_on).days + 1
    observed = sorted(day for day in daily if starts_on <= day <= min(today, ends_on))
    # Today's numbers are rarely all in yet: the run so far ends yesterday, or on the last day
    # with numbers if that is today.
    last = min(max([today - dt.timedelta(days=1), *observed[-1:]]), ends_on)
    elapsed = max(0, (last - starts_on).days + 1)
    totals: dict[str, float] = {}
    for day in observed:
        for name, value in daily[day].items():
            totals[name] = totals.get(name, 0.0) + value
    so_far = _at_end(definition, totals, 1.0, followers, fees)
    if len(observed) < MINIMUM_DAYS or elapsed == 0:
        return Pace(metric, so_far, None, None, None, len(observed), days_total, "few_days")
    scale = days_total / elapsed
    expected = _at_end(definition, totals, scale, followers, fees)
    if expected is None:
        return Pace(metric, so_far, None, None, None, len(observed), days_total, "no_value")
    names = sorted(totals)
    # Days with no observation count as empty days of the run, not as missing ones.
    table = np.zeros((elapsed, len(names)))
    for row, day in enumerate(observed):
        table[row] = [daily[day].get(name, 0.0) for name in names]
    # Each resample picks `elapsed` days with replacement; its sums are how often each day was
    # picked times that day's numbers (counted in one pass, then one matrix product).
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, elapsed, size=(RESAMPLES, elapsed))
    offsets = (np.arange(RESAMPLES) * elapsed)[:, None]
    counts = np.bincount((picks + offsets).ravel(), minlength=RESAMPLES * elapsed)
    sums = counts.reshape(RESAMPLES, elapsed) @ table  # one row of sums per resample
    values = _at_end_many(definition, dict(zip(names, sums.T, strict=True)), scale, followers, fees)
    # A resample with nothing to divide by is the worst case, not a missing one.
    worst = -np.inf if definition.higher_is_better else np.inf
    values = np.where(np.isnan(values), worst, values)
    low, high = np.quantile(values, [(1 - LEVEL) / 2, (1 + LEVEL) / 2])
    return Pace(metric, so_far, expected, float(low), float(high), len(observed), days_total)


def _at_end_many(definition, sums, scale: float, followers: int, fees: Decimal) -> np.ndarray:
    """`_at_end` for every resample at once."""
    values: dict[str, np.ndarray | float | None] = {n: v * scale for n, v in sums.items()}
    values["followers"] = float(followers) if followers else None
    if "spend" not in sums:
        values["spend"] = float(fees)
    result = definition.compute_many(values)
    return np.full(RESAMPLES, np.nan) if result is None else np.broadcast_to(result, (RESAMPLES,))
