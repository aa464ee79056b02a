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
from aftercast.metrics import fx
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


def fees_of(links: list[Partnership], today: dt.date) -> dict[int, Decimal | None]:
    """Each creator's fee in their market's currency (None: no exchange rate for it yet)."""
    found: dict[int, Decimal | None] = {}
    for link in links:
        market = link.campaign_market
        if link.currency in ("", market.currency):
            found[link.pk] = link.fee
        else:  # rare: a creator paid in another currency than the market's
            converted = fx.convert(
                workspace=market.workspace, amount=link.fee, currency=link.currency,
                to=market.currency, on=today,
            )  # fmt: skip
            found[link.pk] = converted.amount if converted else None
    return found


def kpi_paces(
    brief: Brief | None, links, today: dt.date, daily: Daily, fees: dict[int, Decimal | None]
) -> list[KpiPace]:
    if brief is None:
        return []
    campaign = brief.campaign_market.campaign
    followers = sum(link.account.followers for link in links)
    total_fees = sum((fee for fee in fees.values() if fee is not None), start=Decimal(0))
    paces = []
    for kpi in brief.kpis.all():
        pace = project(
            kpi.metric, daily, starts_on=campaign.starts_on, ends_on=campaign.ends_on,
            today=today, followers=followers, fees=total_fees, seed=kpi.pk,
        )  # fmt: skip
        minimum = float(kpi.minimum) if kpi.minimum is not None else None
        so_far = running(kpi.metric, daily, starts_on=campaign.starts_on, today=today,
                         followers=followers, fees=total_fees)  # fmt: skip
        verdict = pace_verdict(kpi.metric, float(kpi.target), minimum, pace)
        paces.append(KpiPace(kpi, pace, verdict, float(kpi.target), minimum, tuple(so_far)))
    paces.sort(key=lambda item: (not item.kpi.is_primary, item.kpi.metric))
    return paces


def kpi_targets(brief: Brief) -> list[KpiPace]:
    """The brief's KPIs with their targets and no projection of the market (a creator's own
    pace needs only these)."""
    unprojected = Pace("", None, None, None, None, 0, 0, "few_days")
    return [
        KpiPace(kpi, unprojected, MISSING, float(kpi.target),
                float(kpi.minimum) if kpi.minimum is not None else None)
        for kpi in brief.kpis.order_by("-is_primary", "metric")
    ]  # fmt: skip


def shares_of(fees: dict[int, Decimal | None]) -> dict[int, float]:
    """Each creator's fair share of a market's totals: by fee when every creator is paid (in
    a known amount), else equal: a creator working for barter still owes their part."""
    known = [fee for fee in fees.values() if fee is not None and fee > 0]
    if len(known) == len(fees) and known:
        total = sum(known, start=Decimal(0))
        return {pk: float(fee / total) for pk, fee in fees.items() if fee is not None}
    return {pk: 1 / len(fees) for pk in fees}


def link_paces(
    link: Partnership,
    share: float,
    kpis: list[KpiPace],
    daily: Daily,
    today: dt.date,
    fee: Decimal | None,
) -> list[KpiPace]:
    """A creator's pace on each of the market's KPIs: a total against their `share` of the
    target, a rate or cost against the target itself."""
    campaign = link.campaign_market.campaign
    paces = []
    for item in kpis:
        scale = share if accumulates(item.metric) else 1.0
        target = item.target * scale
        minimum = item.minimum * scale if item.minimum is not None else None
        if fee is None and "spend" in get_metric(item.metric).inputs:
            pace = Pace(item.metric, None, None, None, None, 0, 0, "no_rate")
        else:
            pace = project(
                item.metric, daily, starts_on=campaign.starts_on, ends_on=campaign.ends_on,
                today=today, followers=link.account.followers, fees=fee or Decimal(0),
                seed=item.kpi.pk,  # as the market's: one creator's range equals the market's
            )  # fmt: skip
        verdict = pace_verdict(item.metric, target, minimum, pace)
        paces.append(KpiPace(item.kpi, pace, verdict, target, minimum))
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


def pace_words(item: KpiPace, currency: str, with_target: bool = True) -> str:
    """The pace in a sentence; `with_target` False for the creator, whose share of a total
    target would tell them what the others are paid."""
    pace, metric = item.pace, item.metric
    name = get_metric(metric).name

    def words(value: float | None) -> str:
        if value is None or not math.isfinite(value):
            return "—"
        return metric_value(metric, value, currency)

    if pace.missing == "no_rate":
        return _(
            "%(metric)s: the creator's fee is in another currency, with no exchange rate to "
            "%(currency)s yet."
        ) % {"metric": name, "currency": currency}
    if pace.missing == "no_value" and not get_metric(metric).inputs:
        return _("No %(metric)s recorded yet: import them from the tracker or the shop.") % {
            "metric": name
        }
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
    numbers = {
        "metric": name,
        "expected": words(pace.expected),
        "low": words(pace.low),
        "high": words(pace.high),
        "target": words(item.target),
    }
    if not with_target:
        return _("%(metric)s: heading for %(expected)s (likely %(low)s–%(high)s) by the end.") % (
            numbers
        )
    return (
        _(
            "%(metric)s: heading for %(expected)s (likely %(low)s–%(high)s) by the end, "
            "against a target of %(target)s."
        )
        % numbers
    )
