"""Reads for campaign pages: lists with filters, and one campaign with its numbers per market."""

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from aftercast.campaigns.models import Campaign, CampaignMarket, Partnership
from aftercast.core.models import Workspace
from aftercast.core.permissions import in_workspace
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
