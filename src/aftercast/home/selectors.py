"""What a team looks at first. The dashboard sits above the loop: it reads every stage."""

import datetime as dt

from django.utils import timezone

from aftercast.campaigns.models import Campaign, CampaignStatus
from aftercast.checkins.models import CheckIn, CheckInStatus
from aftercast.core.models import Workspace
from aftercast.core.permissions import in_workspace
from aftercast.debriefs.selectors import awaiting_debrief, overdue_actions
from aftercast.learnings.models import Learning


def dashboard(workspace: Workspace) -> dict:
    """Return what a team looks at first: live campaigns, due check-ins, fresh learnings."""
    today = timezone.localdate()
    campaigns = in_workspace(Campaign.objects.all(), workspace)
    finished = campaigns.filter(status=CampaignStatus.FINISHED)
    awaiting = awaiting_debrief(workspace)
    return {
        "today": today,
        "live_campaigns": campaigns.filter(status=CampaignStatus.LIVE)
        .select_related("brand")
        .prefetch_related("markets__market")[:8],
        "upcoming_checkins": in_workspace(CheckIn.objects.all(), workspace)
        .filter(status=CheckInStatus.PLANNED, scheduled_on__gte=today - dt.timedelta(days=7))
        .select_related("campaign_market__campaign", "campaign_market__market")
        .order_by("scheduled_on")[:6],
        "recent_learnings": in_workspace(Learning.objects.all(), workspace)
        .prefetch_related("markets")
        .order_by("-updated_at")[:5],
        "counts": {
            "campaigns": campaigns.count(),
            "live": campaigns.filter(status=CampaignStatus.LIVE).count(),
            "finished": finished.count(),
            "without_debrief": awaiting.count(),
        },
        "overdue_actions": list(overdue_actions(workspace)[:5]),
        # The campaigns ended longest ago without a debrief, by name.
        "awaiting_debrief": list(awaiting.order_by("ends_on")[:3]),
    }
