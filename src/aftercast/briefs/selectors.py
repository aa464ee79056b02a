from django.db.models import Count, QuerySet

from aftercast.briefs.models import Brief
from aftercast.core.models import Workspace
from aftercast.core.permissions import in_workspace


def brief_list(workspace: Workspace, *, status: str = "", market: str = "") -> QuerySet[Brief]:
    briefs = in_workspace(Brief.objects.all(), workspace)
    if status:
        briefs = briefs.filter(status=status)
    if market:
        briefs = briefs.filter(campaign_market__market__code=market)
    return (
        briefs.select_related("campaign_market__campaign", "campaign_market__market")
        .prefetch_related("kpis")
        .annotate(signed_count=Count("sign_offs__signed_at"))
        .order_by("-campaign_market__campaign__starts_on", "campaign_market__market__code")
    )
