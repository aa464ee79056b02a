"""Mid-flight: a campaign market's health, and check-ins recorded with it."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from ninja import Router

from aftercast.api.auth import workspace_of, writer_workspace
from aftercast.api.schemas import REFUSED, CheckInHoldIn, CheckInOut, ErrorOut, HealthOut
from aftercast.campaigns.selectors import campaign_by_slug
from aftercast.checkins import services
from aftercast.checkins.health import market_health
from aftercast.checkins.models import CheckIn

router = Router(tags=["check-ins"])


@router.get("/campaigns/{slug}/markets/{code}/health", response={200: HealthOut, 404: ErrorOut})
def get_health(request: HttpRequest, slug: str, code: str):
    """Today's flags, in the language the request asks for (Accept-Language)."""
    campaign = campaign_by_slug(workspace_of(request), slug)
    piece = get_object_or_404(campaign.markets.select_related("market"), market__code=code.upper())
    report = market_health(piece)
    return {
        "campaign": piece.campaign.slug,
        "market": piece.market.code,
        "as_of": report.today,
        "flags": [
            {"signal": f.signal, "severity": f.severity, "reason": f.reason, "actions": f.actions}
            for f in report.flags
        ],
    }


def checkin_out(checkin: CheckIn) -> dict:
    piece = checkin.campaign_market
    return {
        "id": checkin.pk,
        "campaign": piece.campaign.slug,
        "market": piece.market.code,
        "scheduled_on": checkin.scheduled_on,
        "held_on": checkin.held_on,
        "status": checkin.status,
        "attendees": checkin.attendees,
        "summary": checkin.summary,
        "decisions": checkin.decisions,
        "flags": services.flags_of(checkin, get_language() or "en"),
    }


def _checkin(workspace, pk: int) -> CheckIn:
    return get_object_or_404(
        CheckIn.objects.filter(workspace=workspace, deleted_at__isnull=True).select_related(
            "campaign_market__campaign", "campaign_market__market"
        ),
        pk=pk,
    )


@router.get("/checkins/{pk}", response={200: CheckInOut, 404: ErrorOut})
def get_checkin(request: HttpRequest, pk: int):
    return checkin_out(_checkin(workspace_of(request), pk))


@router.post("/checkins/{pk}/hold", response={200: CheckInOut, **REFUSED})
def hold_checkin(request: HttpRequest, pk: int, payload: CheckInHoldIn):
    """Record the check-in as held; the health flags of that day are kept with it."""
    checkin = _checkin(writer_workspace(request), pk)
    services.hold_checkin(
        checkin,
        held_on=payload.held_on,
        attendees=payload.attendees,
        summary=payload.summary,
        decisions=payload.decisions,
        actions=[services.ActionSpec(a.description, a.owner, a.due_on) for a in payload.actions],
    )
    return checkin_out(checkin)
