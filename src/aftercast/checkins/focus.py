"""The seeds' trap, "optimising for the wrong metric": creators hit the engagement a market's
readers lead with while the KPI the brief chose (conversions) lags. Named, so the re-brief goes
to the right people."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from aftercast.briefs.expectations import benchmark_lookup
from aftercast.campaigns.models import CampaignMarket, Partnership
from aftercast.checkins.flags import ACT, FOCUS, WATCH, Flag
from aftercast.checkins.performance import KpiPace
from aftercast.metrics.formatting import metric_value
from aftercast.metrics.registry import get_metric

# KPIs that mean the audience bought or signed up, and the engagement that can hide their lag.
CONVERSION_METRICS = {"conversions", "conversion_rate", "signups", "signup_rate", "orders", "cpa",
                      "roas", "revenue"}  # fmt: skip
ENGAGEMENT_METRICS = ("er_reach", "er_followers", "er_views")


@dataclass(frozen=True)
class Leading:
    link: Partnership
    metric: str  # the engagement metric at or above its benchmark
    value: float


def applies(paces: list[KpiPace]) -> bool:
    """The check has a meaning only when the primary KPI is a conversion."""
    primary = next((item for item in paces if item.kpi.is_primary), None)
    return primary is not None and primary.metric in CONVERSION_METRICS


def engaged_but_not_converting(
    piece: CampaignMarket, links: list[Partnership], paces: list[KpiPace], values
) -> list[Leading]:
    """The creators whose own primary KPI misses the target while an engagement rate of theirs
    is at or above the benchmark median. Only when the market's primary KPI lags."""
    primary = next((item for item in paces if item.kpi.is_primary), None)
    if primary is None or primary.metric not in CONVERSION_METRICS:
        return []
    if primary.verdict not in (WATCH, ACT):
        return []
    benchmark = benchmark_lookup(links, ENGAGEMENT_METRICS, piece.campaign.category_id)
    higher = get_metric(primary.metric).higher_is_better
    leading = []
    for link in links:
        own = values[link.pk].get(primary.metric)
        if own is not None and (own >= primary.target if higher else own <= primary.target):
            continue  # this creator converts: the re-brief is not for them
        for metric in ENGAGEMENT_METRICS:
            value = values[link.pk].get(metric)
            found = benchmark(link, metric) if value is not None else None
            if found is not None and value >= found.median:
                leading.append(Leading(link, metric, value))
                break
    return leading


def focus_flags(piece: CampaignMarket, paces: list[KpiPace], leading: list[Leading]) -> list[Flag]:
    if not leading:
        return []
    primary = next(item for item in paces if item.kpi.is_primary)
    names = "; ".join(
        f"{item.link.account.creator.name}: {get_metric(item.metric).short} "
        f"{metric_value(item.metric, item.value, piece.currency)}"
        for item in leading
    )
    reason = _(
        "Engagement is at or above the benchmark (%(names)s) while the primary KPI, %(kpi)s, "
        "lags: the creators may be optimising for the wrong metric."
    ) % {"names": names, "kpi": get_metric(primary.metric).name}
    return [Flag(FOCUS, primary.verdict, reason, "wrong_metric")]
