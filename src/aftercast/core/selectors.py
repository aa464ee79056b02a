"""Reads for the dashboard and the edit history pages."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Model
from django.utils import timezone

from aftercast.core.models import EditRecord, Workspace
from aftercast.core.permissions import in_workspace

TRACKED_MODELS = {
    ("briefs", "brief"),
    ("debriefs", "debrief"),
    ("learnings", "learning"),
    ("reports", "casestudy"),
}


def is_tracked(model: type[Model]) -> bool:
    return (model._meta.app_label, model._meta.model_name) in TRACKED_MODELS


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: object
    after: object


@dataclass(frozen=True)
class HistoryEntry:
    record: EditRecord
    changes: list[FieldChange]


def describe_history(records, model: type[Model]) -> list[HistoryEntry]:
    """Turn edit records into rows with field labels in the reader's language."""
    labels = {field.name: field.verbose_name for field in model._meta.concrete_fields}
    entries = []
    for record in records:
        changes = [
            FieldChange(label=str(labels.get(name, name)), before=pair[0], after=pair[1])
            for name, pair in sorted(record.changes.items())
        ]
        entries.append(HistoryEntry(record=record, changes=changes))
    return entries


def dashboard(workspace: Workspace) -> dict:
    """Return what a team looks at first: live campaigns, due check-ins, fresh learnings."""
    from aftercast.campaigns.models import Campaign, CampaignStatus
    from aftercast.checkins.models import CheckIn, CheckInStatus
    from aftercast.debriefs.models import Debrief
    from aftercast.learnings.models import Learning

    today = timezone.localdate()
    campaigns = in_workspace(Campaign.objects.all(), workspace)
    finished = campaigns.filter(status=CampaignStatus.FINISHED)
    return {
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
            "without_debrief": finished.exclude(
                pk__in=in_workspace(Debrief.objects.all(), workspace).values("campaign_id")
            ).count(),
        },
    }
