"""The forecast shown beside each KPI target of a brief: what the market's planned creators
are likely to deliver, learned from the workspace's finished campaigns before this one
(`aftercast.forecast`), with the chance of reaching the target and the minimum, said in the
reader's language. The model is described in docs/forecast.md."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _

from aftercast.briefs.charts import forecast_chart
from aftercast.briefs.models import Brief
from aftercast.campaigns.models import CampaignMarket, Partnership
from aftercast.campaigns.selectors import active_partnerships, finished_partnerships
from aftercast.core import formatting
from aftercast.core.models import Workspace
from aftercast.debriefs.judging import CONVERSION_TRACKS, tracking_gap
from aftercast.forecast.backtest import backtest
from aftercast.forecast.kpis import (
    KPIS,
    ON_FEES,
    Forecast,
    Past,
    Plan,
    fit_history,
    forecast,
    missing,
)
from aftercast.metrics.formatting import metric_value
from aftercast.metrics.fx import convert
from aftercast.metrics.models import Observation
from aftercast.metrics.registry import ENGAGEMENT_PARTS
from aftercast.metrics.selectors import partnership_metrics

FORECAST_METRICS = frozenset(KPIS)


@dataclass
class KpiForecast:
    metric: str
    found: Forecast | None
    lines: list[str] = field(default_factory=list)
    reason: str = ""  # why there is none, in words
    chart: dict | None = None


def workspace_history(workspace_id: int, with_fees: bool = False) -> list[Past]:
    """Every finished campaign's partnerships in the workspace, as totals per partnership;
    `with_fees`, each fee in its market's currency at the campaign's start (a backtest of
    costs needs them, a forecast takes the plan's own)."""
    links = list(
        finished_partnerships(workspace_id)
        .select_related(
            "account__platform", "campaign_market__market", "campaign_market__campaign"
        )  # fmt: skip
        .annotate(posts=Count("deliverables", filter=Q(deliverables__deleted_at__isnull=True)))
    )
    values = partnership_metrics(cast(list[Partnership], links))
    untracked = _tracking_gaps(links, values)
    history = []
    for link in links:
        got = values[link.pk]
        if link.campaign_market_id in untracked:
            got = {**got, "conversions": None, "revenue": None}
        parts = [got.get(name) for name in ENGAGEMENT_PARTS]
        engagements = None if all(p is None for p in parts) else sum(p or 0 for p in parts)
        history.append(Past(
            creator=str(link.account.creator_id), market=link.campaign_market.market.code,
            tier=str(link.account.tier), platform=link.account.platform.slug,
            started_on=link.campaign_market.campaign.starts_on, posts=max(link.posts, 1),
            followers=link.account.followers, reach=got.get("reach"),
            impressions=got.get("impressions"), engagements=engagements,
            clicks=got.get("clicks"), conversions=got.get("conversions"),
            revenue=_in_market_currency(link, got.get("revenue")),
            fee=_in_market_currency(link, link.fee) if with_fees else None,
            campaign=str(link.campaign_market_id),
        ))  # fmt: skip
    return history


def _tracking_gaps(links: list, values: dict) -> set[int]:
    """The campaign markets whose clicks led to not one recorded sale (judging.tracking_gap):
    their conversions and revenue are unknown, not 0, and would teach the forecast that
    those creators never sell."""
    sums: dict[int, dict[str, float]] = {}
    for link in links:
        market = sums.setdefault(link.campaign_market_id, {})
        for name in ("clicks", *CONVERSION_TRACKS):
            market[name] = market.get(name, 0.0) + float(values[link.pk].get(name) or 0)
    return {market for market, found in sums.items() if tracking_gap(found)}


def _in_market_currency(link: Partnership, amount) -> float | None:
    """A partnership's amount (its fee, its revenue) in its market's currency at the
    campaign's start; None when unknown, 0 or without a rate."""
    if amount is None:
        return None
    piece = link.campaign_market
    found = convert(workspace=piece.workspace, amount=Decimal(str(amount)),
                    currency=link.currency or piece.currency, to=piece.currency,
                    on=piece.campaign.starts_on)  # fmt: skip
    return float(found.amount) if found and found.amount > 0 else None


def _plans(piece: CampaignMarket) -> tuple[list[Plan], bool]:
    """The market's planned partnerships; and whether every fee could be put in the market's
    currency (at the rate of the campaign's start)."""
    campaign = piece.campaign
    links = (
        active_partnerships(piece)
        .select_related("account__creator", "account__platform")
        .annotate(posts=Count("deliverables", filter=Q(deliverables__deleted_at__isnull=True)))
    )
    plans, converted = [], True
    for link in links:
        fee = convert(workspace=piece.workspace, amount=Decimal(link.fee or 0),
                      currency=link.currency or piece.currency, to=piece.currency,
                      on=campaign.starts_on)  # fmt: skip
        converted = converted and fee is not None
        plans.append(Plan(
            creator=str(link.account.creator_id), market=piece.market.code,
            tier=str(link.account.tier), platform=link.account.platform.slug,
            starts_on=campaign.starts_on, posts=max(link.posts, 1),
            fee=float(fee.amount) if fee else 0.0, name=link.account.creator.name,
            followers=link.account.followers,
        ))  # fmt: skip
    return plans, converted


def market_forecasts(
    piece: CampaignMarket, history: list[Past] | None = None
) -> tuple[dict[str, Forecast], dict[str, str]]:
    """Every KPI the market's plan can be forecast for, and why the others cannot ("no_plan",
    "no_history", "no_fee", "no_rate"). `history`: the workspace's, when already read."""
    plans, converted = _plans(piece)
    if history is None:
        history = workspace_history(piece.workspace_id)
    fitted = fit_history(history, piece.campaign.starts_on)
    found, why = forecast(plans, fitted), missing(fitted, plans)
    if not converted:
        for cost in ON_FEES:
            found.pop(cost, None)
            why[cost] = "no_rate"
    return found, why


REASONS = {
    "no_plan": lambda: _("No forecast yet: add the creators of this market to the plan."),
    "no_followers": lambda: _(
        "No forecast: a planned creator's account has no follower count; add it on the "
        "creator's page."
    ),
    "no_history": lambda: _(
        "No forecast: no finished campaign of the workspace has measured what it is built from."
    ),
    "no_fee": lambda: _("No forecast of a cost or a return: the planned creators have no fee."),
    "no_rate": lambda: _(
        "No forecast of a cost or a return: a fee is in another currency and there is no "
        "exchange rate on or before the campaign's start."
    ),
}


def brief_forecasts(brief: Brief) -> dict[int, KpiForecast]:
    """Per KPI target of the brief (by its id): the forecast, said in words."""
    piece = brief.campaign_market
    targets = [kpi for kpi in brief.kpis.all() if kpi.metric in FORECAST_METRICS]
    if not targets:
        return {}
    found, why = market_forecasts(piece)
    shown = {}
    for kpi in targets:
        item = KpiForecast(kpi.metric, found.get(kpi.metric))
        if item.found is None:
            item.reason = REASONS[why.get(kpi.metric, "no_history")]()
        else:
            item.lines = _lines(item.found, kpi, piece.currency)
            minimum = None if kpi.minimum is None else float(kpi.minimum)
            item.chart = forecast_chart(item.found, float(kpi.target), minimum, piece.currency)
        shown[kpi.pk] = item
    return shown


def _lines(found: Forecast, kpi, currency: str) -> list[str]:
    def words(value: float) -> str:
        return metric_value(found.metric, value, currency)

    lines = [
        _(
            "Forecast: %(median)s; 80%% of outcomes between %(low)s and %(high)s (95%%: %(low95)s "
            "to %(high95)s)."
        )
        % {
            "median": words(found.median),
            "low": words(found.low80),
            "high": words(found.high80),
            "low95": words(found.low95),
            "high95": words(found.high95),
        }  # fmt: skip
    ]
    chance = formatting.percent(found.chance_of(float(kpi.target)), digits=0)
    if kpi.minimum is not None:
        minimum = formatting.percent(found.chance_of(float(kpi.minimum)), digits=0)
        lines.append(_("Chance of reaching the target: %(target)s; the minimum: %(minimum)s.")
                     % {"target": chance, "minimum": minimum})  # fmt: skip
    else:
        lines.append(_("Chance of reaching the target: %(target)s.") % {"target": chance})
    if found.drivers:
        lines.append(_("Most of the uncertainty comes from: %(names)s.") % {
            "names": ", ".join(found.drivers)})  # fmt: skip
    if found.thin:
        lines.append(_("Little history behind it: a creator has run fewer than two campaigns "
                       "on this platform, or the market, tier and platform are new to the "
                       "workspace, so the range is wide on purpose."))  # fmt: skip
    return lines


def where_it_fell(
    piece: CampaignMarket, metric: str, actual: float | None, history: list[Past] | None = None
) -> str:
    """After the campaign: where the outcome fell in the forecast made at its start (from
    what had finished before it), in words; "" when there was no forecast. `history`: the
    workspace's, read once for all of a debrief's markets."""
    if actual is None:
        return ""
    found = market_forecasts(piece, history)[0].get(metric)
    if found is None:
        return ""
    share = float((found.samples <= actual).mean())
    words = {
        "percentile": round(100 * share),
        "low": metric_value(metric, found.low80, piece.currency),
        "high": metric_value(metric, found.high80, piece.currency),
    }
    line = _("Against the forecast made at the start: percentile %(percentile)s (80%% of "
             "outcomes were expected between %(low)s and %(high)s).") % words  # fmt: skip
    if not 0.025 <= share <= 0.975:
        line += " " + _("Outside even its %(share)s range: worth asking what was different.") % {
            "share": formatting.percent(0.95, digits=0)}  # fmt: skip
    return line


def calibration(workspace_id: int) -> dict:
    """The backtest of the workspace's forecasts (aftercast.forecast.backtest), kept until a
    campaign finishes or new numbers arrive: a page asks for it, and it reads every history."""
    finished = finished_partnerships(workspace_id)
    newest = Observation.objects.filter(workspace_id=workspace_id).aggregate(Max("pk"))
    # The workspace's creation moment too: another database may have a workspace of that id.
    made = Workspace.objects.filter(pk=workspace_id).values_list("created_at", flat=True).first()
    stamp = made.timestamp() if made else 0
    key = (f"forecast-calibration:{workspace_id}:{stamp}:{finished.count()}:"
           f"{newest['pk__max']}")  # fmt: skip
    found = cache.get(key)
    if found is None:
        found = backtest(workspace_history(workspace_id, with_fees=True))
        cache.set(key, found, 24 * 3600)
    return found
