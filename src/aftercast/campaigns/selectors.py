"""Reads for campaign pages: lists with filters, and one campaign with its numbers per market."""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from aftercast.campaigns.models import (
    Campaign,
    CampaignMarket,
    CampaignStatus,
    Deliverable,
    Partnership,
    PartnershipStatus,
    Variant,
)
from aftercast.core.history import removed_parts
from aftercast.core.models import EditRecord, Workspace
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
    workspace: Workspace,
    *,
    status: str = "",
    market: str = "",
    query: str = "",
    archived: bool = False,
    brand: str = "",
    starts_from: dt.date | None = None,
    ends_by: dt.date | None = None,
    without_debrief: bool = False,
) -> QuerySet[Campaign]:
    """The workspace's campaigns; the dates keep those running at some point between them."""
    campaigns = in_workspace(Campaign.objects.all(), workspace).filter(
        archived_at__isnull=not archived
    )
    if without_debrief:
        from aftercast.debriefs.models import Debrief

        debriefed = in_workspace(Debrief.objects.all(), workspace).values("campaign_id")
        campaigns = campaigns.exclude(pk__in=debriefed)
    if brand:
        campaigns = campaigns.filter(brand__name=brand)
    if starts_from:
        campaigns = campaigns.filter(ends_on__gte=starts_from)
    if ends_by:
        campaigns = campaigns.filter(starts_on__lte=ends_by)
    if status:
        campaigns = campaigns.filter(status=status)
    if market:
        in_market = CampaignMarket.objects.filter(campaign=OuterRef("pk"), market__code=market)
        campaigns = campaigns.filter(Exists(in_market))
    if query:
        campaigns = campaigns.filter(name__icontains=query)
    # A correlated count, not a join: a page of 50 counts its own 50 rows, and the page count
    # needs no DISTINCT over every campaign's partnerships.
    creators = (
        Partnership.objects.filter(
            campaign_market__campaign=OuterRef("pk"), deleted_at__isnull=True
        )
        .order_by()
        .values("campaign_market__campaign")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        campaigns.select_related("brand", "category")
        .prefetch_related(
            Prefetch("markets", queryset=CampaignMarket.objects.select_related("market"))
        )
        .annotate(partnership_count=Coalesce(Subquery(creators), 0))
    )


def campaign_rows(campaigns: QuerySet[Campaign]) -> QuerySet[Campaign]:
    """Only what a row of the campaign list shows: a page of them builds 300 objects, and
    reading every timestamp of each is a third of the page's time on SQLite."""
    markets = CampaignMarket.objects.select_related("market").only(
        "campaign_id", "budget", "currency", "market__code", "market__name_en", "market__name_ru"
    )
    return (
        campaigns.prefetch_related(None)
        .only(
            "workspace_id",
            "name",
            "slug",
            "campaign_type",
            "starts_on",
            "ends_on",
            "status",
            "brand__name",
            "category__name_en",
            "category__name_ru",
        )
        .prefetch_related(Prefetch("markets", queryset=markets))
    )


def finished_partnerships(workspace_id: int) -> QuerySet[Partnership]:
    """Every live partnership of the workspace's finished campaigns: its history."""
    return Partnership.objects.filter(
        workspace_id=workspace_id,
        deleted_at__isnull=True,
        campaign_market__campaign__status=CampaignStatus.FINISHED,
        campaign_market__campaign__deleted_at__isnull=True,
    )


def active_partnerships(piece: CampaignMarket) -> QuerySet[Partnership]:
    """The market's creators still in the plan: not removed, not dropped."""
    return Partnership.objects.filter(campaign_market=piece, deleted_at__isnull=True).exclude(
        status=PartnershipStatus.DROPPED
    )


def campaign_by_slug(workspace: Workspace, slug: str) -> Campaign:
    """The workspace's campaign with this address, archived or not; 404 when there is none."""
    return get_object_or_404(
        in_workspace(Campaign.objects.select_related("brand", "category"), workspace), slug=slug
    )


def campaign_market(campaign: Campaign, code: str) -> CampaignMarket:
    """The campaign's market with this code (any case); 404 when it runs in no such market."""
    return get_object_or_404(
        campaign.markets.select_related("market", "campaign"), market__code=code.upper()
    )


@dataclass
class MarketSlice:
    campaign_market: CampaignMarket
    metrics: dict[str, float | None]
    lead_metrics: list[str]
    partnerships: list[Partnership]
    partnership_metrics: dict[int, dict[str, float | None]] = field(default_factory=dict)
    primary_kpi: object | None = None
    brief: object | None = None
    # metric -> (its KPI target, "hit" / "partial" / "missed" / "unmeasured")
    kpi_states: dict[str, tuple] = field(default_factory=dict)

    @property
    def currency(self) -> str:
        return self.campaign_market.currency

    @property
    def other_metrics(self) -> list[str]:
        # A metric the brief sets a target for is shown even when it is not a usual summary one.
        keys = [*self.kpi_states, *SUMMARY_METRICS]
        return [key for key in dict.fromkeys(keys) if key not in self.lead_metrics]


def campaign_detail(campaign: Campaign) -> list[MarketSlice]:
    """Return each market of the campaign with its metrics, lead metrics first."""
    slices = []
    markets = campaign.markets.select_related("market", "brief").prefetch_related("brief__kpis")
    for campaign_market in markets:
        partnerships = list(
            campaign_market.partnerships.filter(deleted_at__isnull=True)
            .select_related("account__creator", "account__platform")
            .prefetch_related(
                "arms__variant",
                Prefetch(
                    "deliverables",
                    queryset=Deliverable.objects.filter(deleted_at__isnull=True).order_by(
                        "planned_at"
                    ),
                ),
            )
        )
        brief = getattr(campaign_market, "brief", None)
        metrics = group_metrics(partnerships)
        kpis = list(brief.kpis.all()) if brief else []
        slices.append(
            MarketSlice(
                campaign_market=campaign_market,
                metrics=metrics,
                brief=brief,
                kpi_states={
                    kpi.metric: (kpi, _kpi_state(kpi, metrics.get(kpi.metric))) for kpi in kpis
                },
                lead_metrics=list(campaign_market.market.lead_metrics),
                partnerships=partnerships,
                partnership_metrics=partnership_metrics(partnerships),
                primary_kpi=brief.primary_kpi if brief else None,
            )
        )
    return slices


def _kpi_state(kpi, actual: float | None) -> str:
    from aftercast.debriefs.judging import kpi_verdict

    minimum = kpi.minimum if kpi.minimum is not None else kpi.target
    return kpi_verdict(kpi.metric, actual, float(kpi.target), float(minimum))


def loop_of(campaign: Campaign) -> dict:
    """The campaign's check-ins, debrief and case studies, for the links of its page."""
    from aftercast.checkins.models import CheckIn
    from aftercast.debriefs.models import Debrief
    from aftercast.reports.models import CaseStudy

    return {
        "checkins": CheckIn.objects.filter(
            campaign_market__campaign=campaign, deleted_at__isnull=True
        ).select_related("campaign_market__market"),
        "debrief": Debrief.objects.filter(campaign=campaign, deleted_at__isnull=True).first(),
        "case_studies": CaseStudy.objects.filter(campaign=campaign, deleted_at__isnull=True),
    }


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


def campaign_history(campaign: Campaign) -> QuerySet[EditRecord]:
    """Edits of the campaign and of its parts (markets, creators, posts, tests), newest first;
    parts removed since are in the campaign's own records."""
    parts: list[tuple[type, QuerySet]] = [
        (Campaign, Campaign.objects.filter(pk=campaign.pk)),
        (CampaignMarket, CampaignMarket.objects.filter(campaign=campaign)),
        (Partnership, Partnership.objects.filter(campaign_market__campaign=campaign)),
        (Deliverable, Deliverable.objects.filter(partnership__campaign_market__campaign=campaign)),
        (Variant, Variant.objects.filter(campaign=campaign)),
    ]
    wanted = Q(pk__in=[])
    for model, objects in parts:
        content_type = ContentType.objects.get_for_model(model)
        wanted |= Q(content_type=content_type, object_id__in=objects.values("pk"))
    for model, ids in removed_parts(campaign).items():
        wanted |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    return EditRecord.objects.filter(wanted, workspace_id=campaign.workspace_id).select_related(
        "user"
    )
