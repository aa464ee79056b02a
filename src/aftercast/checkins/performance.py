"""Performance: each KPI's pace to the end of the run against its target, for a market and
for each creator in it (against their fair share of a total, or the target itself of a rate)."""

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import FloatField, Sum
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from aftercast.briefs.models import Brief, KpiTarget
from aftercast.campaigns.models import Partnership
from aftercast.checkins.flags import ACT, MISSING, OK, PERFORMANCE, WATCH, Flag
from aftercast.checkins.pace import Pace, accumulates, project, running
from aftercast.metrics.formatting import metric_value
from aftercast.metrics.models import Observation
from aftercast.metrics.registry import get_metric
from aftercast.metrics.selectors import STOCK_METRICS

Daily = dict[dt.date, dict[str, float]]


@dataclass(frozen=True)
class KpiPace:
    kpi: KpiTarget
    pace: Pace
    verdict: str  # ok / watch / act / missing
    target: float  # the market's target, or a creator's share of it
    minimum: float | None
    running: tuple[tuple[dt.date, float], ...] = ()  # the value at the end of each day so far

    @property
    def metric(self) -> str:
        return self.kpi.metric


def _flows(links):
    return Observation.objects.filter(partnership__in=links).exclude(metric__in=STOCK_METRICS)


def daily_sums(links) -> Daily:
    """{day: {raw metric: sum}} for a group of partnerships, in one query."""
    daily: Daily = defaultdict(dict)
    rows = _flows(links).values("observed_on", "metric").annotate(total=Sum("value"))
    for row in rows:
        daily[row["observed_on"]][row["metric"]] = float(row["total"])
    return daily


def daily_sums_by_link(links) -> dict[int, Daily]:
    """{partnership id: {day: {raw metric: sum}}}, in one query."""
    by_link: dict[int, Daily] = defaultdict(lambda: defaultdict(dict))
    # Read as floats by the database: a Decimal per row costs more than the rest of the loop.
    rows = (
        _flows(links)
        .annotate(amount=Cast("value", FloatField()))
        .values_list("partnership_id", "observed_on", "metric", "amount")
    )
    for link_id, day, metric, amount in rows.iterator(chunk_size=20_000):
        day_sums = by_link[link_id][day]
        day_sums[metric] = day_sums.get(metric, 0.0) + amount
    return by_link


def kpi_paces(brief: Brief | None, links, today: dt.date, daily: Daily) -> list[KpiPace]:
    if brief is None:
        return []
    campaign = brief.campaign_market.campaign
    followers = sum(link.account.followers for link in links)
    fees = sum((link.fee for link in links), start=Decimal(0))
    paces = []
    for kpi in brief.kpis.all():
        pace = project(
            kpi.metric, daily, starts_on=campaign.starts_on, ends_on=campaign.ends_on,
            today=today, followers=followers, fees=fees, seed=kpi.pk,
        )  # fmt: skip
        minimum = float(kpi.minimum) if kpi.minimum is not None else None
        so_far = running(kpi.metric, daily, starts_on=campaign.starts_on, today=today,
                         followers=followers, fees=fees)  # fmt: skip
        verdict = pace_verdict(kpi.metric, float(kpi.target), minimum, pace)
        paces.append(KpiPace(kpi, pace, verdict, float(kpi.target), minimum, tuple(so_far)))
    paces.sort(key=lambda item: (not item.kpi.is_primary, item.kpi.metric))
    return paces


def shares_of(links: list[Partnership]) -> dict[int, float]:
    """Each creator's fair share of a market's totals: by fee, or equal when nobody is paid."""
    fees = sum((link.fee for link in links), start=Decimal(0))
    if fees > 0:
        return {link.pk: float(link.fee / fees) for link in links}
    return {link.pk: 1 / len(links) for link in links}


def link_paces(
    link: Partnership, share: float, market: list[KpiPace], daily: Daily, today: dt.date
) -> list[KpiPace]:
    """A creator's pace on each of the market's KPIs: a total against their `share` of the
    target, a rate or cost against the target itself."""
    campaign = link.campaign_market.campaign
    paces = []
    for item in market:
        scale = share if accumulates(item.metric) else 1.0
        target = item.target * scale
        minimum = item.minimum * scale if item.minimum is not None else None
        pace = project(
            item.metric, daily, starts_on=campaign.starts_on, ends_on=campaign.ends_on,
            today=today, followers=link.account.followers, fees=link.fee,
            seed=item.kpi.pk + link.pk,
        )  # fmt: skip
        paces.append(
            KpiPace(
                item.kpi, pace, pace_verdict(item.metric, target, minimum, pace), target, minimum
            )
        )
    return paces


def pace_verdict(metric: str, target: float, minimum: float | None, pace: Pace) -> str:
    """ok: heading for the target; watch: below it but the minimum (or the target) is still
    likely; act: even the interval's good end misses the minimum."""
    higher = get_metric(metric).higher_is_better
    if pace.missing == "no_value" and not higher:
        return ACT  # a cost with nothing to divide it by: spending with no result yet
    if pace.too_early:
        return MISSING
    floor = minimum if minimum is not None else target

    def reaches(value: float, goal: float) -> bool:
        return value >= goal if higher else value <= goal

    assert pace.expected is not None and pace.low is not None and pace.high is not None
    best = pace.high if higher else pace.low
    if reaches(pace.expected, target):
        return OK
    if reaches(best, floor):
        return WATCH
    return ACT


def performance_flags(paces: list[KpiPace], currency: str) -> list[Flag]:
    if not paces:
        return [Flag(PERFORMANCE, MISSING, _("The brief has no KPI yet: nothing to pace against."))]
    return [
        Flag(
            PERFORMANCE,
            item.verdict,
            pace_words(item, currency),
            "behind_target" if item.verdict in (WATCH, ACT) else "",
        )  # fmt: skip
        for item in paces
    ]


def pace_words(item: KpiPace, currency: str) -> str:
    pace, metric = item.pace, item.metric
    name = get_metric(metric).name

    def words(value: float | None) -> str:
        if value is None or not math.isfinite(value):
            return "—"
        return metric_value(metric, value, currency)

    if pace.missing == "no_value":
        inputs = ", ".join(str(get_metric(i).name) for i in get_metric(metric).inputs)
        return _(
            "%(metric)s cannot be worked out from the numbers so far: one of its inputs is "
            "zero or not reported (%(inputs)s)."
        ) % {"metric": name, "inputs": inputs}
    if item.verdict == MISSING:
        return _("%(metric)s: too few days of numbers to project (%(days)s so far).") % {
            "metric": name,
            "days": pace.days_seen,
        }
    return _(
        "%(metric)s: heading for %(expected)s (likely %(low)s–%(high)s) by the end, "
        "against a target of %(target)s."
    ) % {
        "metric": name,
        "expected": words(pace.expected),
        "low": words(pace.low),
        "high": words(pace.high),
        "target": words(item.target),
    }
