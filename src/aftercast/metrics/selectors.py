"""Sums of raw observations and the derived metrics computed from them (through the registry)."""

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import QuerySet, Sum

from aftercast.campaigns.models import Partnership
from aftercast.metrics.models import Observation
from aftercast.metrics.registry import compute_all, get_metric

# Followers are a stock, not a flow: summing daily follower counts would multiply the audience by
# the number of days. The audience of a group of partnerships is the sum of their accounts' sizes.
STOCK_METRICS = {"followers"}


def raw_sums_by_partnership(partnership_ids) -> dict[int, dict[str, float]]:
    """Return {partnership id: {raw metric: sum}} in one query. `partnership_ids`: ids, or a
    subquery of them (thousands of ids are better filtered by the query that found them)."""
    if not isinstance(partnership_ids, QuerySet):
        partnership_ids = list(partnership_ids)
    rows = (
        Observation.objects.filter(partnership_id__in=partnership_ids)
        .exclude(metric__in=STOCK_METRICS)
        .values("partnership_id", "metric")
        .annotate(total=Sum("value"))
    )
    sums: dict[int, dict[str, float]] = defaultdict(dict)
    for row in rows:
        sums[row["partnership_id"]][row["metric"]] = float(row["total"])
    return sums


def metrics_for(
    raw: dict[str, float], followers: int, fees: Decimal, only: Iterable[str] | None = None
) -> dict[str, float | None]:
    """Return every metric (or `only` those) for one group's raw sums.

    When no spend was observed, the creators' fees are the spend: what a partnership costs is
    typed once, in the partnership, and reused here.
    """
    values: dict[str, float | None] = dict(raw)
    values["followers"] = float(followers) if followers else None
    if "spend" not in values:
        values["spend"] = float(fees)
    if only is not None:
        return {key: get_metric(key).compute(values) for key in only}
    return compute_all(values)


def partnership_metrics(
    partnerships: list[Partnership], only: Iterable[str] | None = None, scope=None
) -> dict[int, dict[str, float | None]]:
    """Return every metric (or `only` those) per partnership (accounts must be
    select_related); `scope`, a subquery of their ids, reads them faster."""
    sums = raw_sums_by_partnership(scope if scope is not None else (p.pk for p in partnerships))
    keys = None if only is None else tuple(only)
    return {
        p.pk: metrics_for(sums.get(p.pk, {}), p.account.followers, p.fee, keys)
        for p in partnerships
    }


def group_metrics(partnerships: list[Partnership]) -> dict[str, float | None]:
    """Return every metric for a group of partnerships of one currency, e.g. a campaign market."""
    sums = raw_sums_by_partnership(p.pk for p in partnerships)
    totals: dict[str, float] = defaultdict(float)
    for per_partnership in sums.values():
        for metric, value in per_partnership.items():
            totals[metric] += value
    followers = sum(p.account.followers for p in partnerships)
    fees = sum((p.fee for p in partnerships), Decimal(0))
    return metrics_for(dict(totals), followers, fees)
