"""Demo exchange rates and starting benchmarks (public ranges from BENCHMARKS.md)."""

import datetime as dt
import random
from decimal import Decimal

from aftercast.catalog.models import Market, Platform
from aftercast.metrics.models import Benchmark, FxRate

FX_START = {"RUB": 88.0, "KZT": 470.0}
FX_BOUNDS = {"RUB": (75.0, 100.0), "KZT": (440.0, 520.0)}

# Instagram ER by followers (startmotionmedia.com, mid-2024); TikTok runs about twice as high
# (growhtos.com, 2026). Values: p25, median, p75.
INSTAGRAM_ER = {
    "nano": (0.02, 0.035, 0.05),
    "micro": (0.01, 0.02, 0.03),
    "mid": (0.007, 0.011, 0.015),
    "macro": (0.007, 0.011, 0.015),
    "mega": (0.003, 0.0065, 0.01),
}
SOURCE = "Public ranges: startmotionmedia.com (2024), growhtos.com (2026); see BENCHMARKS.md"


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
    platforms = {p.slug: p for p in Platform.objects.filter(slug__in=["instagram", "tiktok"])}
    rows = []
    for market in Market.objects.all():
        for tier, quantiles in INSTAGRAM_ER.items():
            for slug, factor in (("instagram", 1.0), ("tiktok", 2.0)):
                p25, median, p75 = (value * factor for value in quantiles)
                rows.append(
                    Benchmark(
                        workspace=workspace,
                        market=market,
                        tier=tier,
                        platform=platforms[slug],
                        metric="er_followers",
                        p25=p25,
                        median=median,
                        p75=p75,
                        source=SOURCE,
                    )
                )
            rows.append(
                Benchmark(
                    workspace=workspace,
                    market=market,
                    tier=tier,
                    metric="conversion_rate",
                    p25=0.01,
                    median=0.015,
                    p75=0.02,
                    source="Seed case: a creator who always converts 1-2%",
                )
            )
    Benchmark.objects.bulk_create(rows)
