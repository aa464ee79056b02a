"""Demo exchange rates and starting benchmarks (public ranges from BENCHMARKS.md)."""

import datetime as dt
import random
from decimal import Decimal

from aftercast.metrics.benchmarks import install_public_benchmarks
from aftercast.metrics.models import FxRate

FX_START = {"RUB": 88.0, "KZT": 470.0}
FX_BOUNDS = {"RUB": (75.0, 100.0), "KZT": (440.0, 520.0)}


def fx_rates(rng: random.Random, workspace, today: dt.date) -> None:
    """Weekly USD rates over two years, as a bounded random walk."""
    rows = []
    for quote, start in FX_START.items():
        rate, (low, high) = start, FX_BOUNDS[quote]
        for week in range(105):
            day = today - dt.timedelta(weeks=104 - week)
            rate = min(high, max(low, rate * rng.uniform(0.985, 1.015)))
            rows.append(
                FxRate(
                    workspace=workspace,
                    rate_date=day,
                    base="USD",
                    quote=quote,
                    rate=Decimal(str(round(rate, 4))),
                    source="demo",
                )
            )
    FxRate.objects.bulk_create(rows)


def benchmarks(workspace) -> None:
    install_public_benchmarks(workspace)
