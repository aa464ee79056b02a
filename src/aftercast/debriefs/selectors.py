"""Reads for debrief pages."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from aftercast.campaigns.models import Campaign, CampaignMarket, CampaignStatus
from aftercast.core import formatting
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


@dataclass(frozen=True)
class ActionRow:
    """An action item of a debrief or of a check-in, as the workspace's list shows it."""

    kind: str  # "debrief" or "checkin": which page it belongs to, which form marks it done
    pk: int
    source_pk: int  # the debrief's or the check-in's
    description: str
    owner: str
    due_on: dt.date | None
    done: bool
    campaign: str
    where: str  # the debrief, or the check-in's market and day


def _shown(items: QuerySet, shown: str, today: dt.date) -> QuerySet:
    if shown == "open":
        return items.filter(done=False)
    if shown == "overdue":
        return items.filter(done=False, due_on__lt=today)
    if shown == "done":
        return items.filter(done=True)
    return items


def action_items(workspace: Workspace, shown: str = "open") -> list[ActionRow]:
    """The workspace's action items, from debriefs and from check-ins alike: "open" (those
    due first), "overdue", "done" or "all"."""
    from aftercast.checkins.models import CheckInAction

    today = timezone.localdate()
    rows = [
        ActionRow("debrief", a.pk, a.debrief_id, a.description, a.owner, a.due_on, a.done,
                  a.debrief.campaign.name, _("Debrief"))
        for a in _shown(in_workspace(ActionItem.objects.all(), workspace), shown, today)
        .select_related("debrief__campaign")
    ]  # fmt: skip
    checkin_actions = _shown(in_workspace(CheckInAction.objects.all(), workspace), shown, today)
    for a in checkin_actions.select_related("checkin__campaign_market__campaign",
                                            "checkin__campaign_market__market"):  # fmt: skip
        piece = a.checkin.campaign_market
        where = _("Check-in %(market)s %(date)s") % {
            "market": piece.market.code,
            "date": formatting.date(a.checkin.scheduled_on),
        }
        rows.append(ActionRow("checkin", a.pk, a.checkin_id, a.description, a.owner, a.due_on,
                              a.done, piece.campaign.name, where))  # fmt: skip
    return sorted(rows, key=lambda r: (r.due_on is None, r.due_on or today, r.kind, r.pk))


def overdue_actions(workspace: Workspace) -> list[ActionRow]:
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
        if piece.pk not in judged:
            said.append(_("%(market)s: its brief sets no success metric, so there is no "
                          "verdict.") % words)  # fmt: skip
        if not Observation.objects.filter(partnership__campaign_market=piece).exists():
            said.append(_("%(market)s: no numbers were recorded. Import the platforms' exports, "
                          "then recompute.") % words)  # fmt: skip
            continue
        for variant in variants:
            if (variant.pk, piece.market_id) not in compared:
                said.append(_("%(market)s: “%(variant)s” could not be compared: an arm has no "
                              "clicks or impressions recorded.")
                            % {**words, "variant": variant.name})  # fmt: skip
    return said
