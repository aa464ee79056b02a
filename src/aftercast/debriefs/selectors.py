"""Reads for debrief pages."""

import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from aftercast.campaigns.models import Campaign, CampaignMarket, CampaignStatus
from aftercast.core.models import Workspace
from aftercast.core.permissions import in_workspace
from aftercast.debriefs.models import Debrief, MarketVerdict


def debrief_list(
    workspace: Workspace,
    *,
    status: str = "",
    market: str = "",
    ended_from: dt.date | None = None,
    ended_by: dt.date | None = None,
) -> QuerySet[Debrief]:
    """The workspace's debriefs with their verdict per market: only what a row of the list
    shows (a debrief's long answers stay unread)."""
    verdicts = MarketVerdict.objects.select_related("campaign_market__market").only(
        "debrief_id", "verdict", "campaign_market__market__code"
    )
    debriefs = (
        in_workspace(Debrief.objects.all(), workspace)
        .select_related("campaign")
        .only(
            "workspace_id",
            "status",
            "failure_type",
            "campaign__name",
            "campaign__ends_on",
            "campaign__starts_on",
        )
        .prefetch_related(Prefetch("verdicts", queryset=verdicts))
    )
    if status:
        debriefs = debriefs.filter(status=status)
    if market:
        in_market = CampaignMarket.objects.filter(
            campaign=OuterRef("campaign"), market__code=market
        )
        debriefs = debriefs.filter(Exists(in_market))
    if ended_from:
        debriefs = debriefs.filter(campaign__ends_on__gte=ended_from)
    if ended_by:
        debriefs = debriefs.filter(campaign__ends_on__lte=ended_by)
    return debriefs


def awaiting_debrief(workspace: Workspace) -> QuerySet[Campaign]:
    """The workspace's campaigns that have ended and have no debrief yet, latest first."""
    ended = Q(status=CampaignStatus.FINISHED) | Q(ends_on__lt=timezone.localdate())
    return (
        in_workspace(Campaign.objects.all(), workspace)
        .filter(ended)
        .exclude(status=CampaignStatus.CANCELLED)
        .exclude(Exists(Debrief.objects.filter(campaign=OuterRef("pk"))))
        .order_by("-ends_on", "name")
        .only("slug", "name", "ends_on")
    )
