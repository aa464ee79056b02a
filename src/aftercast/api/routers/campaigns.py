from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from aftercast.api.auth import workspace_of, writer_workspace
from aftercast.api.routers.trash import remove_from
from aftercast.api.schemas import REFUSED, CampaignIn, CampaignOut, CampaignPatch, sent
from aftercast.campaigns import services
from aftercast.campaigns.models import Campaign
from aftercast.campaigns.selectors import campaign_by_slug, campaign_detail, campaign_list

router = Router(tags=["campaigns"])


def campaign_out(campaign: Campaign, with_metrics: bool = False) -> dict:
    if with_metrics:
        markets = [
            {
                "market": piece.campaign_market.market.code,
                "budget": piece.campaign_market.budget,
                "currency": piece.currency,
                "metrics": piece.metrics,
            }
            for piece in campaign_detail(campaign)
        ]
    else:
        markets = [
            {"market": cm.market.code, "budget": cm.budget, "currency": cm.currency}
            for cm in campaign.markets.all()
        ]
    return {
        "slug": campaign.slug,
        "name": campaign.name,
        "brand": campaign.brand.name,
        "campaign_type": campaign.campaign_type,
        "status": campaign.status,
        "starts_on": campaign.starts_on.isoformat(),
        "ends_on": campaign.ends_on.isoformat(),
        "markets": markets,
    }


@router.get("/campaigns", response=list[CampaignOut])
@paginate(LimitOffsetPagination)
def list_campaigns(request: HttpRequest, status: str = "", market: str = "", q: str = ""):
    campaigns = campaign_list(workspace_of(request), status=status, market=market, query=q)
    return [campaign_out(campaign) for campaign in campaigns]


@router.get("/campaigns/{slug}", response=CampaignOut)
def get_campaign(request: HttpRequest, slug: str):
    campaign = get_object_or_404(campaign_list(workspace_of(request)), slug=slug)
    return campaign_out(campaign, with_metrics=True)


@router.post("/campaigns", response={201: CampaignOut, **REFUSED})
def create_campaign(request: HttpRequest, payload: CampaignIn):
    campaign = services.create_campaign(
        workspace=writer_workspace(request), **payload.dict(), user=request.user
    )
    return Status(201, campaign_out(campaign))


@router.patch("/campaigns/{slug}", response={200: CampaignOut, **REFUSED})
def update_campaign(request: HttpRequest, slug: str, payload: CampaignPatch):
    campaign = campaign_by_slug(writer_workspace(request), slug)
    changes = sent(payload)
    archived = changes.pop("archived", None)
    if changes:
        services.update_campaign(campaign, changes, user=request.user)
    if archived is True:
        services.archive_campaign(campaign, user=request.user)
    elif archived is False:
        services.restore_campaign(campaign, user=request.user)
    return campaign_out(campaign)


@router.delete("/campaigns/{slug}", response={204: None, **REFUSED})
def remove_campaign(request: HttpRequest, slug: str):
    """Remove the campaign with everything in it (`POST /removed/campaign/{id}/restore`
    brings it all back)."""
    return remove_from(request, "campaign", slug=slug)
