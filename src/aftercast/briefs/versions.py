"""What a version of a brief holds: its fields, KPIs, planned check-ins and posts, as plain
data that is frozen when the brief is sent for sign-off and compared when it changes."""

import datetime as dt
from decimal import Decimal

from aftercast.briefs.models import Brief, BriefVersion
from aftercast.campaigns.models import CampaignMarket, Deliverable
from aftercast.campaigns.selectors import active_partnerships
from aftercast.checkins.models import CheckInStatus

BRIEF_FIELDS = [
    "conversion_event",
    "conversion_window_days",
    "attribution_model",
    "content_specs",
    "posting_schedule",
    "feedback_loop",
    "notes",
]


def content_of(brief: Brief) -> dict:
    """The brief as it reads now: its fields, KPIs, planned check-ins and the posts planned
    for its market (what a creator signs), as plain data."""
    return {
        "fields": {name: _plain(getattr(brief, name)) for name in BRIEF_FIELDS},
        "kpis": [
            {
                "metric": kpi.metric,
                "target": str(kpi.target),
                "minimum": None if kpi.minimum is None else str(kpi.minimum),
                "primary": kpi.is_primary,
            }
            for kpi in brief.kpis.order_by("-is_primary", "metric")
        ],
        "checkins": [day.isoformat() for day in planned_checkin_days(brief)],
        "schedule": [
            [post.partnership.account.creator.name, post.format, post.planned_at.isoformat()]
            for post in Deliverable.objects.filter(
                partnership__in=active_partnerships(brief.campaign_market), deleted_at__isnull=True
            )
            .select_related("partnership__account__creator")
            .order_by("planned_at", "pk")
        ],
        "currency": brief.campaign_market.currency,
    }


def planned_checkins(piece: CampaignMarket):
    return piece.checkins.filter(status=CheckInStatus.PLANNED, deleted_at__isnull=True).order_by(
        "scheduled_on"
    )


def planned_checkin_days(brief: Brief) -> list[dt.date]:
    return list(planned_checkins(brief.campaign_market).values_list("scheduled_on", flat=True))


def _plain(value):
    return str(value) if isinstance(value, Decimal) else value


def freeze(brief: Brief, user) -> BriefVersion:
    """Keep the brief as it is now as its current version (once per version)."""
    version, _created = BriefVersion.objects.get_or_create(
        brief=brief,
        number=brief.version,
        defaults={
            "workspace_id": brief.workspace_id,
            "content": content_of(brief),
            "created_by": user if user is not None and user.is_authenticated else None,
        },
    )
    return version
