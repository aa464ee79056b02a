"""Mid-flight: a campaign market's health, and check-ins recorded with it."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from ninja import Router, Status

from aftercast.api.auth import workspace_of, writer_workspace
from aftercast.api.schemas import (
    REFUSED,
    CheckInHoldIn,
    CheckInOut,
    ErrorOut,
    HealthOut,
    HealthRulesIO,
    HealthRulesOut,
    ResultsLinkIn,
    ResultsLinkOut,
)
from aftercast.campaigns.selectors import active_partnerships, campaign_by_slug, campaign_market
from aftercast.checkins import rules, services, sharing
from aftercast.checkins.health import market_health
from aftercast.checkins.models import CheckIn, ResultsLink
from aftercast.checkins.selectors import health_data, rules_data

router = Router(tags=["check-ins"])


def _market(workspace, slug: str, code: str):
    return campaign_market(campaign_by_slug(workspace, slug), code)


@router.get("/campaigns/{slug}/markets/{code}/health", response={200: HealthOut, 404: ErrorOut})
def get_health(request: HttpRequest, slug: str, code: str, creators: bool = False):
    """Today's flags and each KPI's pace with its likely range, and with `creators=true` each
    creator's row of signals (one projection per creator and KPI: slower in a large market),
    in the language the request asks for (Accept-Language)."""
    piece = _market(workspace_of(request), slug, code)
    return health_data(market_health(piece, creators=creators))


@router.get("/health-rules", response={200: HealthRulesOut})
def get_rules(request: HttpRequest):
    """The workspace's thresholds (whole percentages) and the playbook in force."""
    workspace = workspace_of(request)
    return rules_data(rules.rules_for(workspace.pk), rules.stored_rules(workspace.pk))


@router.put("/health-rules", response={200: HealthRulesOut, **REFUSED})
def put_rules(request: HttpRequest, payload: HealthRulesIO):
    """Change some thresholds or playbook entries; what is left out keeps its value."""
    workspace = writer_workspace(request)
    rules.save_rules(workspace.pk, **payload.dict(exclude_none=True))
    return rules_data(rules.rules_for(workspace.pk), rules.stored_rules(workspace.pk))


def link_out(request: HttpRequest, link: ResultsLink) -> dict:
    token = sharing.token_of(link)
    return {
        "id": link.pk,
        "partnership": link.partnership_id,
        "url": request.build_absolute_uri(reverse("creator_results", args=[token])),
        "expires_at": link.expires_at,
        "revoked_at": link.revoked_at,
    }


@router.post(
    "/campaigns/{slug}/markets/{code}/creators/{pk}/results-link",
    response={201: ResultsLinkOut, **REFUSED},
)
def share_results(request: HttpRequest, slug: str, code: str, pk: int, payload: ResultsLinkIn):
    """A read-only link to this creator's results so far, in their language, to send them."""
    piece = _market(writer_workspace(request), slug, code)
    link = get_object_or_404(active_partnerships(piece), pk=pk)
    shared = sharing.share_results(link, user=request.user, days=payload.days)
    return Status(201, link_out(request, shared.link))


@router.post("/results-links/{pk}/revoke", response={200: ResultsLinkOut, **REFUSED})
def revoke_results(request: HttpRequest, pk: int):
    workspace = writer_workspace(request)
    link = get_object_or_404(ResultsLink, pk=pk, workspace=workspace, deleted_at__isnull=True)
    return link_out(request, sharing.revoke(link))


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
