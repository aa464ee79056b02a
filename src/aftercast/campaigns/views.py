from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from aftercast.campaigns import selectors
from aftercast.campaigns.models import Campaign, CampaignStatus
from aftercast.catalog.models import Market
from aftercast.core.permissions import current_workspace, get_visible_or_404


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    workspace = current_workspace(request)
    filters = {key: request.GET.get(key, "").strip() for key in ("status", "market", "q")}
    campaigns = selectors.campaign_list(
        workspace, status=filters["status"], market=filters["market"], query=filters["q"]
    )
    return render(
        request,
        "campaigns/list.html",
        {
            "campaigns": campaigns,
            "filters": filters,
            "statuses": CampaignStatus.choices,
            "markets": Market.objects.all(),
        },
    )


@login_required
def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    workspace = current_workspace(request)
    campaign = get_visible_or_404(
        Campaign.objects.select_related("brand", "category").filter(workspace=workspace),
        request.user,
        slug=slug,
    )
    context = {
        "campaign": campaign,
        "slices": selectors.campaign_detail(campaign),
        "variants": campaign.variants.prefetch_related("arms"),
        "combined": selectors.combined_money(campaign),
    }
    return render(request, "campaigns/detail.html", context)
