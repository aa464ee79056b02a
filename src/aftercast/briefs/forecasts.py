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
    LOWER_IS_BETTER,
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
from aftercast.metrics.registry import (
    ENGAGEMENT_PARTS,
    NOT_REPORTED,
    Unit,
    get_metric,
    missing_inputs,
)
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
            "account__platform",
            "campaign_market__market",
            "campaign_market__campaign",
            "campaign_market__workspace",  # for converting money: else a query per partnership
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
            # What its platform does not report and was indeed not recorded (an import may
            # carry a YouTube reach from elsewhere: then it was measured after all).
            unreported=frozenset(name for name in NOT_REPORTED.get(link.account.platform.slug, ())
                                 if got.get(name) is None),
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
            fee=float(fee.amount) if fee else 0.0,
            name=f"{link.account.creator.name} ({link.account.platform.name})",
            unreported=NOT_REPORTED.get(link.account.platform.slug, frozenset()),
            followers=link.account.followers,
        ))  # fmt: skip
    return plans, converted


def market_forecasts(
    piece: CampaignMarket, history: list[Past] | None = None
) -> tuple[dict[str, Forecast], dict[str, str], dict[str, tuple[str, ...]]]:
    """Every KPI the market's plan can be forecast for, each over the planned creators whose
    platform can measure it; why the others cannot ("no_plan", "no_followers", "no_history",
    "no_fee", "no_rate", "no_platform"); and, for "no_history", which base quantities no
    finished campaign has measured. `history`: the workspace's, when already read."""
    plans, converted = _plans(piece)
    if history is None:
        history = workspace_history(piece.workspace_id)
    fitted = fit_history(history, piece.campaign.starts_on)
    (found, unmeasurable), why = _measurable(plans, fitted), missing(fitted, plans)
    why.update(dict.fromkeys(unmeasurable, "no_platform"))
    if not converted:
        for cost in ON_FEES:
            found.pop(cost, None)
            why[cost] = "no_rate"
    unmeasured = {kpi: tuple(base for base in KPIS[kpi] if fitted.get(base) is None)
                  for kpi, reason in why.items() if reason == "no_history"}  # fmt: skip
    return found, why, unmeasured


def _measurable(plans: list[Plan], fitted: dict) -> tuple[dict[str, Forecast], list[str]]:
    """Each KPI forecast over the plans whose platform reports what it is built from (YouTube
    reports no reach, so a YouTube creator adds nothing measurable to an ER by reach): as
    many simulations as there are different such sets (usually one); and the KPIs that none
    of the plans can measure."""
    by_set: dict[tuple[int, ...], list[str]] = {}
    for kpi in KPIS:
        usable = tuple(i for i, plan in enumerate(plans) if not missing_inputs(kpi, plan.platform))
        by_set.setdefault(usable, []).append(kpi)
    found: dict[str, Forecast] = {}
    for usable, kpis in by_set.items():
        if usable:
            made = forecast([plans[i] for i in usable], fitted)
            found.update({kpi: made[kpi] for kpi in kpis if kpi in made})
    return found, by_set.get((), []) if plans else []


REASONS = {
    "no_platform": lambda: _(
        "No forecast: none of the planned creators' platforms reports what this metric is "
        "built from."
    ),
    "no_plan": lambda: _("No forecast yet: add the creators of this market to the plan."),
    "no_followers": lambda: _(
        "No forecast: a planned creator's account has no follower count; add it on the "
        "creator's page."
    ),
    "no_fee": lambda: _("No forecast of a cost or a return: the planned creators have no fee."),
    "no_rate": lambda: _(
        "No forecast of a cost or a return: a fee is in another currency and there is no "
        "exchange rate on or before the campaign's start."
    ),
}
# What a base quantity needs measured, in words for the reason there is no forecast.
MEASURES = {
    "reach_per_post": lambda: _("reach"),
    "impressions_per_post": lambda: _("impressions"),
    "er_reach": lambda: _("engagements (likes, comments, shares, saves)"),
    "ctr": lambda: _("clicks"),
    "conversion_rate": lambda: _("conversions"),
    "order_value": lambda: _("revenue"),
    "engagements_per_post": lambda: _("engagements (likes, comments, shares, saves)"),
    "clicks_per_post": lambda: _("clicks"),
}


def _reason(why: str, unmeasured: tuple[str, ...]) -> str:
    if why in REASONS:
        return REASONS[why]()
    needs = formatting.listing(list(dict.fromkeys(MEASURES[base]() for base in unmeasured)))
    return _(
        "No forecast yet: forecasts are learned from the workspace's finished campaigns, and "
        "none of them has recorded what this one needs: %(needs)s. Import their results to "
        "start."
    ) % {"needs": needs}


def brief_forecasts(brief: Brief) -> dict[int, KpiForecast]:
    """Per KPI target of the brief (by its id): the forecast, said in words."""
    piece = brief.campaign_market
    targets = [kpi for kpi in brief.kpis.all() if kpi.metric in FORECAST_METRICS]
    if not targets:
        return {}
    found, why, unmeasured = market_forecasts(piece)
    shown = {}
    for kpi in targets:
        item = KpiForecast(kpi.metric, found.get(kpi.metric))
        if item.found is None:
            item.reason = _reason(why.get(kpi.metric, "no_history"),
                                  unmeasured.get(kpi.metric, ()))  # fmt: skip
        else:
            item.lines = _lines(item.found, kpi, piece.currency)
            minimum = None if kpi.minimum is None else float(kpi.minimum)
            item.chart = forecast_chart(item.found, float(kpi.target), minimum, piece.currency)
        shown[kpi.pk] = item
    return shown


def _lines(found: Forecast, kpi, currency: str) -> list[str]:
    words = _words(found, currency)
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
    if kpi.minimum is None:
        lines.append(_("Chance of reaching the target: %(target)s.") % {"target": chance})
    else:
        bound = formatting.percent(found.chance_of(float(kpi.minimum)), digits=0)
        # For a cost the acceptable bound is a ceiling, not a floor (as the brief says it).
        said = (
            _("Chance of reaching the target: %(target)s; of staying within the limit: "
              "%(minimum)s.")
            if found.metric in LOWER_IS_BETTER
            else _("Chance of reaching the target: %(target)s; the minimum: %(minimum)s.")
        )  # fmt: skip
        lines.append(said % {"target": chance, "minimum": bound})
    if found.drivers:
        lines.append(_("Most of the uncertainty comes from: %(names)s.") % {
            "names": ", ".join(found.drivers)})  # fmt: skip
    if found.thin:
        lines.append(_(
            "Wide on purpose: a planned creator has little recent history on this platform, or "
            "the market, tier and platform are new to the workspace."
        ))  # fmt: skip
    return lines


def _words(found: Forecast, currency: str):
    """How the forecast's numbers are written: a percentage with the decimals its median
    needs, the same for all of them ("5.64% to 15.00%", not "5.64% to 15.0%")."""
    if get_metric(found.metric).unit is not Unit.RATIO:
        return lambda value: metric_value(found.metric, value, currency)
    digits = 2 if abs(found.median) < 0.1 else 1
    return lambda value: formatting.percent(value, digits=digits)


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
    write = _words(found, piece.currency)
    words = {
        "share": formatting.percent(share, digits=0),
        "low": write(found.low80),
        "high": write(found.high80),
    }
    line = (
        _(
            "Against the forecast made at the start: the outcome was above %(share)s of the "
            "outcomes it foresaw (80%% were expected between %(low)s and %(high)s)."
        )
        % words
    )
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
