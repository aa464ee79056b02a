"""Benchmarks (success profiles): public starting ranges, recomputed from the workspace's own
finished campaigns, edited by hand or imported from a file."""

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from aftercast.campaigns.selectors import finished_partnerships
from aftercast.catalog.models import Market, Platform, ProductCategory
from aftercast.catalog.tiers import Tier, tier_for
from aftercast.core.models import Workspace
from aftercast.metrics.inputs import read_metric_value
from aftercast.metrics.models import Benchmark, BenchmarkKind
from aftercast.metrics.registry import METRICS
from aftercast.metrics.selectors import partnership_metrics

# Instagram ER by followers (startmotionmedia.com, mid-2024); TikTok runs about twice as high
# (growhtos.com, 2026). Values: p25, median, p75. See BENCHMARKS.md.
INSTAGRAM_ER = {
    "nano": (0.02, 0.035, 0.05),
    "micro": (0.01, 0.02, 0.03),
    "mid": (0.007, 0.011, 0.015),
    "macro": (0.007, 0.011, 0.015),
    "mega": (0.003, 0.0065, 0.01),
}
PUBLIC_SOURCE = "Public ranges: startmotionmedia.com (2024), growhtos.com (2026)"
# The seeds' case of a creator who "always converts 1-2%": the one public conversion range.
CONVERSION_SOURCE = "Public case: a creator who always converts 1-2%"
HISTORY_SOURCE = "Workspace history"
HAND_SOURCE = "Typed in by hand"
# Stored as written above, shown translated; `Benchmark.kind` tells which rows a recompute
# replaces.
SOURCE_LABELS = {
    PUBLIC_SOURCE: gettext_lazy("Public ranges: startmotionmedia.com (2024), growhtos.com (2026)"),
    CONVERSION_SOURCE: gettext_lazy("Public case: a creator who always converts 1–2 %"),
    HISTORY_SOURCE: gettext_lazy("Your finished campaigns"),
    HAND_SOURCE: gettext_lazy("Typed in by hand"),
}


def source_label(source: str) -> str:
    return str(SOURCE_LABELS.get(source, source))


# Metrics a workspace's finished campaigns are profiled on.
PROFILED = ["er_followers", "er_reach", "er_views", "ctr", "conversion_rate", "cpm", "cpe", "cpa"]
# Below this many campaigns a profile is shown but flagged as too thin to trust.
TRUSTED_SAMPLE = 10


@transaction.atomic
def install_public_benchmarks(workspace: Workspace) -> int:
    """Add the public starting ranges for every market (once); returns how many were added."""
    platforms = {p.slug: p for p in Platform.objects.filter(slug__in=["instagram", "tiktok"])}
    existing = set(
        Benchmark.objects.filter(workspace=workspace, deleted_at__isnull=True).values_list(
            "market_id", "tier", "platform_id", "category_id", "metric"
        )
    )
    rows = []

    def add(market, tier, platform, metric, quartiles, source):
        key = (market.pk, tier, platform.pk if platform else None, None, metric)
        if key not in existing:
            p25, median, p75 = quartiles
            rows.append(
                Benchmark(
                    workspace=workspace,
                    market=market,
                    tier=tier,
                    platform=platform,
                    metric=metric,
                    p25=p25,
                    median=median,
                    p75=p75,
                    source=source,
                    kind=BenchmarkKind.PUBLIC,
                )
            )

    for market in Market.objects.all():
        for tier, quartiles in INSTAGRAM_ER.items():
            for slug, factor in (("instagram", 1.0), ("tiktok", 2.0)):
                if slug in platforms:
                    scaled = tuple(value * factor for value in quartiles)
                    add(market, tier, platforms[slug], "er_followers", scaled, PUBLIC_SOURCE)
            add(market, tier, None, "conversion_rate", (0.01, 0.015, 0.02), CONVERSION_SOURCE)
    Benchmark.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def recompute_benchmarks(workspace: Workspace) -> int:
    """Profile the workspace's finished campaigns: p25 / median / p75 and n per market x tier x
    platform x category x metric. Earlier computed profiles are replaced; public, imported and
    hand-made ones are left alone. Returns how many profiles there are now."""
    links = list(
        finished_partnerships(workspace.pk).select_related("account", "campaign_market__campaign")
    )
    values = partnership_metrics(links)
    groups: dict[tuple, list[float]] = defaultdict(list)
    for link in links:
        tier = tier_for(link.account.followers)
        market = link.campaign_market.market_id
        category = link.campaign_market.campaign.category_id
        for metric in PROFILED:
            value = values[link.pk].get(metric)
            if value is None:
                continue
            for cat in {category, None}:
                groups[(market, str(tier), link.account.platform_id, cat, metric)].append(value)
    Benchmark.objects.filter(workspace=workspace, kind=BenchmarkKind.HISTORY).delete()
    # Where the team entered a profile of its own, its word stands.
    entered = set(
        Benchmark.objects.filter(
            workspace=workspace, kind=BenchmarkKind.ENTERED, deleted_at__isnull=True
        ).values_list("market_id", "tier", "platform_id", "category_id", "metric")
    )
    rows = []
    for key, found in groups.items():
        if key in entered:
            continue
        market, tier, platform, category, metric = key
        p25, median, p75 = (float(v) for v in np.percentile(found, [25, 50, 75]))
        rows.append(
            Benchmark(
                workspace=workspace,
                market_id=market,
                tier=tier,
                platform_id=platform,
                category_id=category,
                metric=metric,
                p25=p25,
                median=median,
                p75=p75,
                sample_size=len(found),
                source=HISTORY_SOURCE,
                kind=BenchmarkKind.HISTORY,
            )
        )
    Benchmark.objects.bulk_create(rows)
    return len(rows)


def check_benchmark(benchmark: Benchmark) -> None:
    if not benchmark.p25 <= benchmark.median <= benchmark.p75:
        raise ValidationError(
            {"median": _("The values must rise: 25th percentile ≤ median ≤ 75th percentile.")}
        )


def save_benchmark(benchmark: Benchmark) -> Benchmark:
    """Save a profile typed or imported by the team; a computed one changed by hand becomes
    theirs, so the next recompute leaves it alone."""
    check_benchmark(benchmark)
    if benchmark.kind == BenchmarkKind.HISTORY and benchmark.source == HISTORY_SOURCE:
        benchmark.source = HAND_SOURCE
    benchmark.kind = BenchmarkKind.ENTERED
    same = {
        "workspace_id": benchmark.workspace_id,
        "market_id": benchmark.market_id,
        "tier": benchmark.tier,
        "platform_id": benchmark.platform_id,
        "category_id": benchmark.category_id,
        "metric": benchmark.metric,
        "source": benchmark.source,
    }
    twin = Benchmark.objects.filter(deleted_at__isnull=True, **same).exclude(pk=benchmark.pk)
    if twin.exists():
        raise ValidationError(
            _("This source already has a benchmark for this market, tier, platform and metric.")
        )
    benchmark.full_clean(exclude=["workspace"])
    benchmark.save()
    return benchmark


COLUMNS = {
    "market": ("market", "рынок", "country", "страна"),
    "tier": ("tier", "уровень", "размер"),
    "platform": ("platform", "площадка", "платформа"),
    "category": ("category", "категория"),
    "metric": ("metric", "метрика"),
    "p25": ("p25", "25th percentile", "25-й процентиль", "q1"),
    "median": ("median", "медиана", "p50"),
    "p75": ("p75", "75th percentile", "75-й процентиль", "q3"),
    "n": ("n", "campaigns", "кампаний", "sample size"),
    "source": ("source", "источник"),
}
TIER_WORDS = {
    **{tier.value: tier.value for tier in Tier},
    "нано": "nano",
    "микро": "micro",
    "средний": "mid",
    "макро": "macro",
    "мега": "mega",
}


@dataclass
class BenchmarkImport:
    created: int
    problems: list[str]


@transaction.atomic
def import_benchmarks(workspace: Workspace, path: Path, source_name: str) -> BenchmarkImport:
    """Import benchmarks from a CSV/XLSX file; every row is checked first, and a file with any
    bad row imports nothing (the problems say which rows and why)."""
    from aftercast.imports.tables import read_table

    required = ["market", "tier", "metric", "p25", "median", "p75"]
    table = read_table(path, COLUMNS, required)
    language = (get_language() or "en")[:2]
    markets = {m.code: m for m in Market.objects.all()}
    platforms = {p.slug: p for p in Platform.objects.all()}
    categories = {
        name.lower(): c
        for c in ProductCategory.objects.filter(workspace=workspace)
        for name in (c.name_en, c.name_ru)
    }
    rows, problems = [], []
    for number, cells in table.rows:
        try:
            rows.append(
                _benchmark_row(
                    workspace, cells, (markets, platforms, categories), language, source_name
                )
            )
        except ValidationError as error:
            problems.append(
                _("Row %(row)s: %(reason)s") % {"row": number, "reason": " ".join(error.messages)}
            )
    if problems:
        return BenchmarkImport(created=0, problems=problems)
    for row in rows:
        save_benchmark(row)
    return BenchmarkImport(created=len(rows), problems=[])


def _benchmark_row(workspace, cells, found, language, source_name):
    markets, platforms, categories = found
    market = markets.get(cells.get("market", "").upper())
    if market is None:
        raise ValidationError(_("unknown market “%(value)s”.") % {"value": cells.get("market", "")})
    tier = TIER_WORDS.get(cells.get("tier", "").lower())
    if tier is None:
        raise ValidationError(_("unknown tier “%(value)s”.") % {"value": cells.get("tier", "")})
    metric = cells.get("metric", "").lower()
    if metric not in METRICS:
        raise ValidationError(_("unknown metric “%(value)s”.") % {"value": cells.get("metric", "")})
    platform = None
    if cells.get("platform"):
        platform = platforms.get(cells["platform"].lower())
        if platform is None:
            raise ValidationError(_("unknown platform “%(value)s”.") % {"value": cells["platform"]})
    category = None
    if cells.get("category"):
        category = categories.get(cells["category"].lower())
        if category is None:
            raise ValidationError(
                _("unknown product category “%(value)s”.") % {"value": cells["category"]}
            )
    p25, median, p75 = (
        float(read_metric_value(metric, cells[name], market.currency, language).value)
        for name in ("p25", "median", "p75")
    )
    n = cells.get("n", "").replace(" ", "")
    row = Benchmark(
        workspace=workspace,
        market=market,
        tier=tier,
        platform=platform,
        category=category,
        metric=metric,
        p25=p25,
        median=median,
        p75=p75,
        sample_size=int(n) if n.isdigit() else 0,
        source=cells.get("source") or source_name,
    )
    check_benchmark(row)
    return row
