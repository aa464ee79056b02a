"""The seeds' trap, "optimising for the wrong metric": creators hit the engagement a market's
readers lead with while the KPI the brief chose (conversions) lags. Named, so the re-brief goes
to the right people."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aftercast.briefs.expectations import benchmark_lookup
from aftercast.campaigns.models import CampaignMarket, Partnership
from aftercast.checkins.flags import ACT, FOCUS, WATCH, Flag
from aftercast.checkins.pace import accumulates
from aftercast.checkins.performance import KpiPace
from aftercast.metrics.formatting import metric_value
from aftercast.metrics.registry import get_metric

# KPIs that mean the audience bought or signed up, and the engagement that can hide their lag.
CONVERSION_METRICS = {"conversions", "conversion_rate", "signups", "signup_rate", "orders", "cpa",
                      "roas", "revenue"}  # fmt: skip
ENGAGEMENT_METRICS = ("er_reach", "er_followers", "er_views")
NAMED = 5  # creators named in the market's flag


@dataclass(frozen=True)
class Leading:
    link: Partnership
    metric: str  # the engagement metric at or above its benchmark
    value: float


def applies(paces: list[KpiPace]) -> bool:
    """The check has a meaning only when the primary KPI is a conversion."""
    primary = next((item for item in paces if item.kpi.is_primary), None)
    return primary is not None and primary.metric in CONVERSION_METRICS


def _run_scale(primary: KpiPace) -> float:
    """How much a total so far grows by the end of the run, at the pace so far."""
    pace = primary.pace
    if not accumulates(primary.metric):
        return 1.0
    if pace.so_far and pace.expected is not None:
        return pace.expected / pace.so_far
    return pace.days_total / max(pace.days_seen, 1)


def converts(own: float | None, primary: KpiPace, share: float) -> bool:
    """Whether a creator is on course for their part of the primary KPI: their own total so far
    carried to the end against their share of the target, or their own rate against it."""
    if own is None:
        return False
    scale = share if accumulates(primary.metric) else 1.0
    heading = own * _run_scale(primary)
    if get_metric(primary.metric).higher_is_better:
        return heading >= primary.target * scale
    return heading <= primary.target * scale


def engaged_but_not_converting(
    piece: CampaignMarket, links: list[Partnership], paces: list[KpiPace], values, shares
) -> list[Leading]:
    """The creators not on course for their part of the primary KPI while an engagement rate
    of theirs is at or above the benchmark median. Only when the market's primary KPI lags."""
    primary = next((item for item in paces if item.kpi.is_primary), None)
    if primary is None or primary.metric not in CONVERSION_METRICS:
        return []
    if primary.verdict not in (WATCH, ACT):
        return []
    benchmark = benchmark_lookup(links, ENGAGEMENT_METRICS, piece.campaign.category_id)
    leading = []
    for link in links:
        if converts(values[link.pk].get(primary.metric), primary, shares[link.pk]):
            continue  # this creator converts: the re-brief is not for them
        for metric in ENGAGEMENT_METRICS:
            value = values[link.pk].get(metric)
            found = benchmark(link, metric) if value is not None else None
            if found is not None and value >= found.median:
                leading.append(Leading(link, metric, value))
                break
    return leading


def named(item: Leading, currency: str) -> str:
    return _("%(name)s: %(metric)s %(value)s") % {
        "name": item.link.account.creator.name,
        "metric": get_metric(item.metric).short,
        "value": metric_value(item.metric, item.value, currency),
    }


def focus_flags(piece: CampaignMarket, paces: list[KpiPace], leading: list[Leading]) -> list[Flag]:
    if not leading:
        return []
    primary = next(item for item in paces if item.kpi.is_primary)
    # The most engaged first, a few by name: the creators' rows list every one.
    shown = sorted(leading, key=lambda item: -item.value)[:NAMED]
    names = "; ".join(named(item, piece.currency) for item in shown)
    if len(leading) > NAMED:
        names += " " + ngettext(
            "and %(count)s more", "and %(count)s more", len(leading) - NAMED
        ) % {"count": len(leading) - NAMED}
    reason = _(
        "Engagement is at or above the benchmark (%(names)s) while the primary KPI, %(kpi)s, "
        "lags: the creators may be optimising for the wrong metric."
    ) % {"names": names, "kpi": get_metric(primary.metric).name}
    return [Flag(FOCUS, primary.verdict, reason, "wrong_metric")]
