"""Reads for debrief pages."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from aftercast.campaigns.models import Campaign, CampaignMarket, CampaignStatus
from aftercast.core.models import Workspace
from aftercast.core.permissions import in_workspace
from aftercast.debriefs.models import ActionItem, Debrief, MarketVerdict
from aftercast.metrics.models import Observation


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


DEBRIEF_DUE_DAYS = 14  # a campaign ended this long ago without a debrief is flagged


@dataclass(frozen=True)
class Coverage:
    """Every ended campaign, debriefed or not, so the mediocre ones are not quietly skipped."""

    rows: list[tuple[Campaign, Debrief | None, int, bool]]  # campaign, debrief, days, overdue

    @property
    def debriefed(self) -> int:
        return sum(1 for _c, debrief, _d, _o in self.rows if debrief is not None)

    @property
    def share(self) -> float | None:
        return self.debriefed / len(self.rows) if self.rows else None

    @property
    def overdue(self) -> list[Campaign]:
        return [campaign for campaign, _d, _days, late in self.rows if late]


def coverage(workspace: Workspace) -> Coverage:
    today = timezone.localdate()
    ended = Q(status=CampaignStatus.FINISHED) | Q(ends_on__lt=today)
    campaigns = (
        in_workspace(Campaign.objects.all(), workspace)
        .filter(ended)
        .exclude(status=CampaignStatus.CANCELLED)
        .select_related("brand")
        .order_by("-ends_on", "name")
    )
    debriefs = {
        d.campaign_id: d
        for d in in_workspace(Debrief.objects.all(), workspace).only("campaign_id", "status")
    }
    rows = []
    for campaign in campaigns:
        days = (today - campaign.ends_on).days
        found = debriefs.get(campaign.pk)
        rows.append((campaign, found, days, found is None and days > DEBRIEF_DUE_DAYS))
    return Coverage(rows)


def action_items(workspace: Workspace, shown: str = "open") -> QuerySet[ActionItem]:
    """The workspace's debrief action items: "open" (overdue first), "overdue", "done" or
    "all"."""
    items = in_workspace(ActionItem.objects.all(), workspace).select_related("debrief__campaign")
    today = timezone.localdate()
    if shown == "open":
        items = items.filter(done=False)
    elif shown == "overdue":
        items = items.filter(done=False, due_on__lt=today)
    elif shown == "done":
        items = items.filter(done=True)
    return items.order_by(F("due_on").asc(nulls_last=True), "pk")


def overdue_actions(workspace: Workspace) -> QuerySet[ActionItem]:
    return action_items(workspace, "overdue")


def missing_data(debrief: Debrief) -> list[str]:
    """What the numbers lack for a full debrief, per market, said so people know what to
    import before they recompute (the qualitative findings are recorded meanwhile)."""
    said = []
    judged = set(debrief.verdicts.values_list("campaign_market_id", flat=True))
    compared = set(
        debrief.findings.filter(value_a__isnull=False).values_list("variant_id", "market_id")
    )
    variants = [
        variant
        for variant in debrief.campaign.variants.filter(deleted_at__isnull=True)
        if variant.arms.count() >= 2
    ]
    pieces = debrief.campaign.markets.filter(deleted_at__isnull=True).select_related("market")
    for piece in pieces.order_by("market__code"):
        words = {"market": piece.market.name}
        if not Observation.objects.filter(partnership__campaign_market=piece).exists():
            said.append(_("%(market)s: no numbers were recorded. Import the platforms' exports, "
                          "then recompute.") % words)  # fmt: skip
            continue
        if piece.pk not in judged:
            said.append(_("%(market)s: its brief sets no success metric, so there is no "
                          "verdict.") % words)  # fmt: skip
        for variant in variants:
            if (variant.pk, piece.market_id) not in compared:
                said.append(_("%(market)s: “%(variant)s” could not be compared: an arm has no "
                              "clicks or impressions recorded.")
                            % {**words, "variant": variant.name})  # fmt: skip
    return said
