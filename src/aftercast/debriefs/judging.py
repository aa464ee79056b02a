"""Whether each market hit what its brief defined as success: the primary KPI and the others,
judged on what was measured, money also shown in the reporting currency at the rate of the
campaign's last day (a RUB CAC and a USD CAC side by side mean nothing otherwise)."""

import datetime as dt
from decimal import Decimal

from aftercast.campaigns.models import CampaignMarket
from aftercast.campaigns.selectors import REPORTING_CURRENCY
from aftercast.debriefs.models import Debrief, MarketVerdict, Verdict
from aftercast.metrics import fx
from aftercast.metrics.registry import Unit, get_metric
from aftercast.metrics.selectors import group_metrics


def kpi_verdict(metric: str, actual: float | None, target: float, minimum: float) -> str:
    """Say whether `actual` hit the target, only the minimum, or neither (by the metric's
    direction: a CAC is hit from below)."""
    if actual is None:
        return Verdict.UNMEASURED
    better = get_metric(metric).higher_is_better
    reached = (lambda bar: actual >= bar) if better else (lambda bar: actual <= bar)
    if reached(target):
        return Verdict.HIT
    return Verdict.PARTIAL if reached(minimum) else Verdict.MISSED


def _stored(value: float | None) -> Decimal | None:
    return Decimal(str(round(value, 6))) if value is not None else None


def judge(kpi, metrics: dict) -> dict:
    """One KPI of a brief against the market's measured metrics."""
    actual = metrics.get(kpi.metric)
    minimum = kpi.minimum if kpi.minimum is not None else kpi.target
    return {
        "metric": kpi.metric,
        "target": str(kpi.target),
        "minimum": str(minimum),
        "actual": None if actual is None else round(actual, 6),
        "verdict": kpi_verdict(kpi.metric, actual, float(kpi.target), float(minimum)),
    }


def converted(workspace, metric: str, currency: str, on: dt.date, **amounts) -> dict:
    """Money amounts of one market in the reporting currency at the rate of `on` (the latest
    earlier one); {} when the metric is not money, is already in that currency, or no rate is
    known (the page then shows the market's own currency only)."""
    if get_metric(metric).unit is not Unit.MONEY or currency == REPORTING_CURRENCY:
        return {}
    result: dict = {"currency": REPORTING_CURRENCY}
    for name, amount in amounts.items():
        if amount is None:
            result[name] = None
            continue
        rate = fx.convert(workspace=workspace, amount=Decimal(str(amount)), currency=currency,
                          to=REPORTING_CURRENCY, on=on)  # fmt: skip
        if rate is None:
            return {}
        result[name] = str(rate.amount)
        result["rate_date"] = rate.rate_date.isoformat() if rate.rate_date else None
        result["stale"] = rate.stale
    return result


# What shows a sale or sign-up was tracked at all, and the metrics that stand on it.
CONVERSION_TRACKS = ("conversions", "signups", "orders", "revenue")
ON_CONVERSIONS = ("conversion_rate", "signup_rate", "cpa", "roas", "aov", "ltv")


def tracking_gap(sums: dict) -> bool:
    """Clicks with not one conversion, sign-up, order or sale recorded: a pixel never set, not
    a 0 % result."""
    return float(sums.get("clicks") or 0) > 0 and not any(
        float(sums.get(key) or 0) for key in CONVERSION_TRACKS
    )


def untracked_as_unknown(metrics: dict) -> dict:
    """Behind a tracking gap, the metrics built on conversions are unknown, not 0."""
    if tracking_gap(metrics):
        return {**metrics, **{key: None for key in ON_CONVERSIONS}}
    return metrics


def market_verdict_fields(debrief: Debrief, piece: CampaignMarket) -> dict | None:
    """A market's verdict as MarketVerdict fields; None when it has no brief with a KPI."""
    brief = getattr(piece, "brief", None)
    kpis = list(brief.kpis.order_by("-is_primary", "pk")) if brief else []
    if not kpis:
        return None
    primary = kpis[0]  # the primary one, or the first when none is marked
    links = list(piece.partnerships.filter(deleted_at__isnull=True).select_related("account"))
    metrics = untracked_as_unknown(group_metrics(links))
    main = judge(primary, metrics)
    return {
        "metric": primary.metric,
        "target": primary.target,
        "actual": _stored(main["actual"]),
        "verdict": main["verdict"],
        "secondary": [judge(kpi, metrics) for kpi in kpis if kpi.pk != primary.pk],
        "converted": converted(
            debrief.workspace,
            primary.metric,
            piece.currency,
            debrief.campaign.ends_on,
            actual=main["actual"],
            target=float(primary.target),
        ),  # fmt: skip
    }


def save_verdicts(debrief: Debrief) -> list[MarketVerdict]:
    """Judge every market with a brief, updating verdicts already stored (a person's note on
    one stays); a market whose brief lost its KPIs loses its verdict."""
    stored = {v.campaign_market_id: v for v in debrief.verdicts.all()}
    judged = []
    pieces = debrief.campaign.markets.filter(deleted_at__isnull=True).select_related(
        "market", "brief"
    )
    for piece in pieces.order_by("market__code"):
        fields = market_verdict_fields(debrief, piece)
        if fields is None:
            continue
        verdict = stored.pop(piece.pk, None) or MarketVerdict(
            workspace_id=debrief.workspace_id, debrief=debrief, campaign_market=piece
        )
        for name, value in fields.items():
            setattr(verdict, name, value)
        verdict.save()
        judged.append(verdict)
    for gone in stored.values():
        gone.delete()
    return judged
