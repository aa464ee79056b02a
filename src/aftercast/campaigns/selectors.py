"""Reads for campaign pages: lists with filters, and one campaign with its numbers per market."""

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet, Sum

from aftercast.campaigns.models import Campaign, CampaignMarket, Partnership
from aftercast.core.models import Workspace
from aftercast.core.permissions import in_workspace
from aftercast.metrics.fx import ConvertedTotal, convert_total
from aftercast.metrics.models import Observation
from aftercast.metrics.selectors import group_metrics, partnership_metrics

SUMMARY_METRICS = [
    "reach",
    "views",
    "engagements",
    "er_reach",
    "clicks",
    "conversions",
    "conversion_rate",
    "revenue",
    "spend",
    "cpa",
    "roas",
]


def campaign_list(
    workspace: Workspace, *, status: str = "", market: str = "", query: str = ""
) -> QuerySet[Campaign]:
    campaigns = in_workspace(Campaign.objects.all(), workspace)
    if status:
        campaigns = campaigns.filter(status=status)
    if market:
        campaigns = campaigns.filter(markets__market__code=market)
    if query:
        campaigns = campaigns.filter(name__icontains=query)
    return (
        campaigns.select_related("brand", "category")
        .prefetch_related("markets__market")
        .annotate(partnership_count=Count("markets__partnerships", distinct=True))
        .distinct()
    )


@dataclass
class MarketSlice:
    campaign_market: CampaignMarket
    metrics: dict[str, float | None]
    lead_metrics: list[str]
    partnerships: list[Partnership]
    partnership_metrics: dict[int, dict[str, float | None]] = field(default_factory=dict)
    primary_kpi: object | None = None

    @property
    def currency(self) -> str:
        return self.campaign_market.currency

    @property
    def other_metrics(self) -> list[str]:
        return [key for key in SUMMARY_METRICS if key not in self.lead_metrics]


def campaign_detail(campaign: Campaign) -> list[MarketSlice]:
    """Return each market of the campaign with its metrics, lead metrics first."""
    slices = []
    markets = campaign.markets.select_related("market", "brief").prefetch_related("brief__kpis")
    for campaign_market in markets:
        partnerships = list(
            campaign_market.partnerships.filter(deleted_at__isnull=True)
            .select_related("account__creator", "account__platform")
            .prefetch_related("arms__variant")
        )
        brief = getattr(campaign_market, "brief", None)
        slices.append(
            MarketSlice(
                campaign_market=campaign_market,
                metrics=group_metrics(partnerships),
                lead_metrics=list(campaign_market.market.lead_metrics),
                partnerships=partnerships,
                partnership_metrics=partnership_metrics(partnerships),
                primary_kpi=brief.primary_kpi if brief else None,
            )
        )
    return slices


REPORTING_CURRENCY = "USD"


@dataclass
class CombinedMoney:
    spend: ConvertedTotal
    revenue: ConvertedTotal

    @property
    def roas(self) -> float | None:
        if self.spend.amount and self.revenue.amount is not None:
            return float(self.revenue.amount / self.spend.amount)
        return None


def combined_money(campaign: Campaign) -> CombinedMoney | None:
    """Return the campaign's spend and revenue across markets in one currency.

    Fees count on the campaign's first day; revenue on the day it was observed, each at that
    day's rate. None for a campaign in one currency only (nothing to combine).
    """
    links = Partnership.objects.filter(campaign_market__campaign=campaign, deleted_at__isnull=True)
    if len({p.currency for p in links}) < 2:
        return None
    fees = [(p.fee, p.currency, campaign.starts_on) for p in links]
    revenue = (
        Observation.objects.filter(partnership__in=links, metric="revenue")
        # Money is observed in its partnership's currency (imports may leave it blank).
        .values("partnership__currency", "observed_on")
        .annotate(total=Sum("value"))
    )
    sales = [(r["total"], r["partnership__currency"], r["observed_on"]) for r in revenue]
    workspace = campaign.workspace
    return CombinedMoney(
        spend=convert_total(workspace=workspace, amounts=fees, to=REPORTING_CURRENCY),
        revenue=convert_total(workspace=workspace, amounts=sales, to=REPORTING_CURRENCY),
    )
