"""The expectation check shown while a brief is written: is each target realistic?

Each KPI target is placed in the history of the market's creators (their earlier campaigns)
and in the benchmark of their market x tier x platform (x category where there is one), and
the verdict of `aftercast.stats` is said in words. A tested variant whose planned audience is
too small to show the hoped-for lift gets a warning.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from django.db.models import Q
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from aftercast.briefs.models import Brief, KpiTarget
from aftercast.campaigns.models import CampaignStatus, Partnership, Variant
from aftercast.campaigns.selectors import active_partnerships
from aftercast.core import formatting
from aftercast.metrics.formatting import metric_value
from aftercast.metrics.models import Benchmark
from aftercast.metrics.registry import Unit, get_metric, missing_inputs
from aftercast.metrics.selectors import partnership_metrics
from aftercast.stats import check_target, minimum_detectable_effect, percentile_in_profile
from aftercast.stats.expectation import AMBITIOUS, OUTSIDE_HISTORY, TOO_LITTLE_HISTORY

# Beyond these percentiles of the benchmark a target is flagged as unusual.
HIGH_PERCENTILE, LOW_PERCENTILE = 90.0, 10.0
# Below this many campaigns a benchmark computed from history is too thin to trust.
TRUSTED_SAMPLE = 10


@dataclass
class KpiExpectation:
    kpi: KpiTarget
    lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def _active_links(brief: Brief) -> list[Partnership]:
    return list(
        active_partnerships(brief.campaign_market)
        .select_related("account__creator", "account__platform")
        .prefetch_related("arms")
    )


def _history(link: Partnership, metric: str) -> list[float]:
    """The metric's value in each of the creator's finished campaigns before this one."""
    return [float(value) for v in _earlier(link) if (value := v.get(metric)) is not None]


def _earlier(link: Partnership) -> list[dict]:
    """Every metric of the creator's earlier finished campaigns, read once per creator and
    kept on the link: each KPI and each tested variant asks for it again."""
    cached = getattr(link, "_earlier_metrics", None)
    if cached is not None:
        return cached
    campaign = link.campaign_market.campaign
    earlier = list(
        Partnership.objects.filter(
            account__creator_id=link.account.creator_id,
            deleted_at__isnull=True,
            campaign_market__campaign__status=CampaignStatus.FINISHED,
            campaign_market__campaign__starts_on__lt=campaign.starts_on,
        )
        .exclude(campaign_market__campaign=campaign)
        .select_related("account")
    )
    found = list(partnership_metrics(earlier).values())
    link._earlier_metrics = found  # type: ignore[attr-defined]
    return found


def benchmark_for(link: Partnership, metric: str, category_id: int | None) -> Benchmark | None:
    """The closest benchmark: same market and tier, then platform and category if there is one."""
    account = link.account
    found = Benchmark.objects.filter(
        workspace_id=link.workspace_id,
        deleted_at__isnull=True,
        market_id=link.campaign_market.market_id,
        tier=account.tier,
        metric=metric,
    ).filter(Q(platform=account.platform) | Q(platform__isnull=True))
    found = found.filter(Q(category_id=category_id) | Q(category__isnull=True))
    # Most specific first: a platform match beats none, a category match beats none.
    return min(found, key=lambda b: (b.platform_id is None, b.category_id is None), default=None)


def benchmark_lookup(links: list[Partnership], metrics, category_id: int | None):
    """`benchmark_for` for many creators at once: one query, then (link, metric) -> the closest
    benchmark or None."""
    if not links:
        return lambda link, metric: None
    rows = list(
        Benchmark.objects.filter(
            workspace_id=links[0].workspace_id,
            deleted_at__isnull=True,
            market_id__in={link.campaign_market.market_id for link in links},
            metric__in=list(metrics),
        ).filter(Q(category_id=category_id) | Q(category__isnull=True))
    )
    found: dict[tuple, list[Benchmark]] = {}
    for row in rows:
        found.setdefault((row.market_id, row.tier, row.metric), []).append(row)

    def lookup(link: Partnership, metric: str) -> Benchmark | None:
        account = link.account
        candidates = [
            b
            for b in found.get((link.campaign_market.market_id, account.tier, metric), [])
            if b.platform_id in (None, account.platform_id)
        ]
        return min(
            candidates, key=lambda b: (b.platform_id is None, b.category_id is None), default=None
        )

    return lookup


def check_kpi_target(kpi: KpiTarget, links: list[Partnership]) -> KpiExpectation:
    brief = kpi.brief
    metric = get_metric(kpi.metric)
    currency = brief.campaign_market.currency
    language = _language()
    result = KpiExpectation(kpi=kpi)

    def fmt(value: float) -> str:
        return metric_value(kpi.metric, value, currency, language)

    target = float(kpi.target)
    for link in links:
        name = link.account.creator.name
        gaps = missing_inputs(kpi.metric, link.account.platform.slug)
        if gaps:
            result.warnings.append(
                _(
                    "%(creator)s is on %(platform)s, which does not report %(missing)s: "
                    "%(metric)s cannot be measured for them."
                )
                % {
                    "creator": name,
                    "platform": link.account.platform.name,
                    "missing": ", ".join(str(get_metric(g).name).lower() for g in sorted(gaps)),
                    "metric": metric.name,
                }
            )
            continue
        history = _history(link, kpi.metric)
        verdict = check_target(target, history, metric.higher_is_better)
        if verdict.verdict == TOO_LITTLE_HISTORY:
            text = ngettext(
                "%(creator)s: too little history to judge (%(n)s earlier campaign).",
                "%(creator)s: too little history to judge (%(n)s earlier campaigns).",
                verdict.n,
            ) % {
                "creator": name,
                "n": verdict.n,
            }
        else:
            text = _(
                "%(creator)s's last %(n)s campaigns: %(low)s–%(high)s (median %(median)s)."
            ) % {
                "creator": name,
                "n": verdict.n,
                # With enough history the range is always known.
                "low": fmt(cast(float, verdict.low)),
                "high": fmt(cast(float, verdict.high)),
                "median": fmt(cast(float, verdict.median)),
            }
        if verdict.verdict != TOO_LITTLE_HISTORY:
            text += " " + verdict.message(language, fmt)
        (
            result.warnings if verdict.verdict in {AMBITIOUS, OUTSIDE_HISTORY} else result.lines
        ).append(text)
        _benchmark_line(result, link, kpi, fmt)
    return result


def _benchmark_line(result: KpiExpectation, link: Partnership, kpi: KpiTarget, fmt) -> None:
    campaign = link.campaign_market.campaign
    benchmark = benchmark_for(link, kpi.metric, campaign.category_id)
    if benchmark is None:
        return
    target = float(kpi.target)
    where = " ".join(
        part
        for part in (
            link.campaign_market.market.code,
            str(link.account.tier.label if link.account.tier else ""),
            _("on %(platform)s") % {"platform": benchmark.platform.name}
            if benchmark.platform
            else "",
        )
        if part
    )
    percentile = percentile_in_profile(target, benchmark.p25, benchmark.median, benchmark.p75)
    values = {
        "where": where,
        "median": fmt(benchmark.median),
        "p25": fmt(benchmark.p25),
        "p75": fmt(benchmark.p75),
        "percentile": formatting.number(round(percentile), digits=0),
    }
    if percentile >= 99:
        text = (
            _(
                "Benchmark %(where)s: median %(median)s (middle half %(p25)s–%(p75)s); "
                "the target is above the 99th percentile."
            )
            % values
        )
    elif percentile <= 1:
        text = (
            _(
                "Benchmark %(where)s: median %(median)s (middle half %(p25)s–%(p75)s); "
                "the target is below the 1st percentile."
            )
            % values
        )
    else:
        text = (
            _(
                "Benchmark %(where)s: median %(median)s (middle half %(p25)s–%(p75)s); "
                "the target sits at about percentile %(percentile)s."
            )
            % values
        )
    if 0 < benchmark.sample_size < TRUSTED_SAMPLE:
        text += " " + ngettext(
            "Only %(n)s campaign behind it: read it as a hint.",
            "Only %(n)s campaigns behind it: read it as a hint.",
            benchmark.sample_size,
        ) % {"n": benchmark.sample_size}
    higher = get_metric(kpi.metric).higher_is_better
    unusual = percentile > HIGH_PERCENTILE if higher else percentile < LOW_PERCENTILE
    shown = result.warnings if unusual else result.lines
    if text not in shown:  # creators of one tier and platform share a benchmark
        shown.append(text)


def check_brief(brief: Brief) -> list[KpiExpectation]:
    """The expectation check of every KPI of a brief."""
    links = _active_links(brief)
    return [check_kpi_target(kpi, links) for kpi in brief.kpis.select_related("brief")]


@dataclass(frozen=True)
class TestWarning:
    variant: Variant
    text: str
    detectable: bool


def check_tests(brief: Brief) -> list[TestWarning]:
    """For each tested variant with a hoped-for lift: can this market's audience show it?

    The audience of an arm is taken as every follower of its creators in this market: an
    optimistic count, so a test that cannot show the lift even then surely cannot.
    """
    primary = brief.primary_kpi
    if primary is None or get_metric(primary.metric).unit is not Unit.RATIO:
        return []
    links = _active_links(brief)
    baseline = _baseline(primary, links)
    if baseline is None or not 0 < baseline < 1:
        return []
    warnings = []
    variants = brief.campaign_market.campaign.variants.filter(
        expected_lift__isnull=False
    ).prefetch_related("arms")
    for variant in variants:
        audiences = [
            sum(link.account.followers for link in links if arm in link.arms.all())
            for arm in variant.arms.all()
        ]
        smallest = min(audiences, default=0)
        hoped = float(variant.expected_lift or Decimal(0))
        values = {
            "variant": variant.name,
            "n": formatting.number(smallest, digits=0),
            "hoped": formatting.percent(hoped, digits=0),
            "baseline": formatting.percent(baseline),
        }
        if smallest == 0:
            text = _("“%(variant)s”: an arm has no audience in this market yet.") % values
            warnings.append(TestWarning(variant, text, False))
            continue
        try:
            mde = minimum_detectable_effect(baseline, smallest)
        except ValueError:
            mde = float("inf")
        values["mde"] = formatting.percent(mde, digits=0) if mde != float("inf") else "∞"
        if mde > hoped:
            text = (
                _(
                    "“%(variant)s”: with at most %(n)s people in the smallest arm and a "
                    "usual rate of %(baseline)s, the smallest lift this test can show is "
                    "%(mde)s; you hope for %(hoped)s. Add creators to the arms or test a "
                    "bolder change."
                )
                % values
            )
            warnings.append(TestWarning(variant, text, False))
        else:
            text = (
                _(
                    "“%(variant)s”: the arms can show a lift of %(mde)s or more; you hope for "
                    "%(hoped)s."
                )
                % values
            )
            warnings.append(TestWarning(variant, text, True))
    return warnings


def _baseline(kpi: KpiTarget, links: list[Partnership]) -> float | None:
    """The usual rate of the KPI: the creators' history, else their benchmark's median."""
    values = [v for link in links for v in _history(link, kpi.metric)]
    if values:
        return sorted(values)[len(values) // 2]
    category = kpi.brief.campaign_market.campaign.category_id
    medians = [b.median for link in links if (b := benchmark_for(link, kpi.metric, category))]
    return sorted(medians)[len(medians) // 2] if medians else None
