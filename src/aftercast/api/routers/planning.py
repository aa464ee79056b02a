"""Writing the plan of a campaign: the same services the web forms call."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Body, Router, Status

from aftercast.api.auth import workspace_of
from aftercast.api.auth import writer_workspace as _writer
from aftercast.api.routers.campaigns import campaign_out
from aftercast.api.schemas import (
    REFUSED,
    BriefOut,
    BriefPatch,
    CampaignOut,
    DeliverableIn,
    DeliverableOut,
    ErrorOut,
    KpiIn,
    MarketIn,
    MarketPatch,
    PartnershipIn,
    PartnershipOut,
    PartnershipPatch,
    SignOffLinkOut,
    SignOffRequestIn,
    VariantIn,
    VariantOut,
    sent,
)
from aftercast.briefs import expectations, sign_offs, versions
from aftercast.briefs import services as briefs
from aftercast.briefs.forecasts import brief_forecasts
from aftercast.briefs.models import Brief
from aftercast.campaigns import services
from aftercast.campaigns.models import Arm, CampaignMarket, Deliverable, Partnership
from aftercast.campaigns.plans import load_plan
from aftercast.campaigns.selectors import campaign_by_slug, campaign_market
from aftercast.catalog.models import CreatorAccount, Market
from aftercast.catalog.services import clean_handle
from aftercast.metrics.inputs import read_metric_value, write_metric_value

router = Router(tags=["planning"])


def _market(code: str) -> Market:
    return get_object_or_404(Market, code=code.upper())


def _piece(workspace, slug: str, code: str) -> CampaignMarket:
    return campaign_market(campaign_by_slug(workspace, slug), code)


def _arms(workspace, ids: list[int]) -> list[Arm]:
    arms = list(Arm.objects.filter(workspace=workspace, pk__in=ids).select_related("variant"))
    if len(arms) != len(set(ids)):
        raise ValidationError({"arm_ids": _("Some of these arms do not exist.")})
    return arms


@router.post("/campaign-plans", response={201: CampaignOut, **REFUSED})
def create_from_plan(request: HttpRequest, plan: Body[dict]):
    """A whole plan at once, in the format of `aftercast campaign create --from`."""
    campaign = load_plan(_writer(request), plan, language=get_language() or "en", user=request.user)
    return Status(201, campaign_out(campaign))


@router.post("/campaigns/{slug}/markets", response={201: CampaignOut, **REFUSED})
def add_market(request: HttpRequest, slug: str, payload: MarketIn):
    campaign = campaign_by_slug(_writer(request), slug)
    services.add_market(
        campaign,
        market=_market(payload.market),
        budget=payload.budget,
        currency=payload.currency,
        user=request.user,
    )
    return Status(201, campaign_out(campaign))


@router.patch("/campaigns/{slug}/markets/{code}", response={200: CampaignOut, **REFUSED})
def update_market(request: HttpRequest, slug: str, code: str, payload: MarketPatch):
    piece = _piece(_writer(request), slug, code)
    services.update_market(
        piece,
        budget=piece.budget if payload.budget is None else payload.budget,
        currency=payload.currency or piece.currency,
        user=request.user,
    )
    return campaign_out(piece.campaign)


def partnership_out(link: Partnership) -> dict:
    return {
        "id": link.pk,
        "market": link.campaign_market.market.code,
        "creator": link.account.creator.name,
        "platform": link.account.platform.slug,
        "handle": link.account.handle,
        "fee": link.fee,
        "currency": link.currency,
        "status": link.status,
        "arm_ids": [arm.pk for arm in link.arms.all()],
    }


@router.get(
    "/campaigns/{slug}/markets/{code}/partnerships",
    response={200: list[PartnershipOut], 404: ErrorOut},
)
def list_partnerships(request: HttpRequest, slug: str, code: str):
    piece = _piece(workspace_of(request), slug, code)
    links = piece.partnerships.filter(deleted_at__isnull=True).select_related(
        "account__creator", "account__platform", "campaign_market__market"
    )
    return [partnership_out(link) for link in links]


@router.post(
    "/campaigns/{slug}/markets/{code}/partnerships", response={201: PartnershipOut, **REFUSED}
)
def add_partnership(request: HttpRequest, slug: str, code: str, payload: PartnershipIn):
    workspace = _writer(request)
    piece = _piece(workspace, slug, code)
    account = get_object_or_404(
        CreatorAccount.objects.filter(workspace=workspace),
        platform__slug=payload.platform.lower(),
        handle__iexact=clean_handle(payload.handle),
    )
    link = services.add_partnership(
        piece,
        account=account,
        fee=payload.fee,
        currency=payload.currency,
        arms=_arms(workspace, payload.arm_ids),
        user=request.user,
    )
    return Status(201, partnership_out(link))


def _link(workspace, pk: int) -> Partnership:
    return get_object_or_404(
        Partnership.objects.filter(workspace=workspace, deleted_at__isnull=True).select_related(
            "account__creator",
            "account__platform",
            "campaign_market__campaign",
            "campaign_market__market",
        ),
        pk=pk,
    )


@router.patch("/partnerships/{pk}", response={200: PartnershipOut, **REFUSED})
def update_partnership(request: HttpRequest, pk: int, payload: PartnershipPatch):
    workspace = _writer(request)
    link = _link(workspace, pk)
    arms = link.arms.all() if payload.arm_ids is None else _arms(workspace, payload.arm_ids)
    services.update_partnership(
        link,
        fee=link.fee if payload.fee is None else payload.fee,
        currency=payload.currency or link.currency,
        status=payload.status or link.status,
        arms=arms,
        user=request.user,
    )
    return partnership_out(link)


def deliverable_out(post: Deliverable) -> dict:
    return {
        "id": post.pk,
        "partnership_id": post.partnership_id,
        "format": post.format,
        "planned_at": post.planned_at,
        "url": post.url,
    }


@router.post("/partnerships/{pk}/deliverables", response={201: DeliverableOut, **REFUSED})
def add_deliverable(request: HttpRequest, pk: int, payload: DeliverableIn):
    link = _link(_writer(request), pk)
    post = services.add_deliverable(
        link,
        format=payload.format,
        planned_at=payload.planned_at,
        url=payload.url,
        user=request.user,
    )
    return Status(201, deliverable_out(post))


def _post(workspace, pk: int) -> Deliverable:
    return get_object_or_404(
        Deliverable.objects.filter(workspace=workspace, deleted_at__isnull=True).select_related(
            "partnership__campaign_market__campaign"
        ),
        pk=pk,
    )


@router.patch("/deliverables/{pk}", response={200: DeliverableOut, **REFUSED})
def update_deliverable(request: HttpRequest, pk: int, payload: DeliverableIn):
    post = _post(_writer(request), pk)
    services.update_deliverable(
        post,
        format=payload.format,
        planned_at=payload.planned_at,
        url=payload.url,
        user=request.user,
    )
    return deliverable_out(post)


@router.delete("/deliverables/{pk}", response={204: None, **REFUSED})
def remove_deliverable(request: HttpRequest, pk: int):
    services.remove_deliverable(_post(_writer(request), pk), user=request.user)
    return Status(204, None)


def variant_out(variant) -> dict:
    return {
        "id": variant.pk,
        "name": variant.name,
        "dimension": variant.dimension,
        "expected_lift": variant.expected_lift,
        "arms": [
            {"id": a.pk, "label": a.label, "description": a.description, "is_control": a.is_control}
            for a in variant.arms.all()
        ],
    }


@router.post("/campaigns/{slug}/variants", response={201: VariantOut, **REFUSED})
def add_variant(request: HttpRequest, slug: str, payload: VariantIn):
    campaign = campaign_by_slug(_writer(request), slug)
    variant = services.add_variant(
        campaign,
        dimension=payload.dimension,
        name=payload.name,
        description=payload.description,
        expected_lift=payload.expected_lift,
        arms=[services.ArmSpec(a.label, a.description, a.is_control) for a in payload.arms],
        user=request.user,
    )
    return Status(201, variant_out(variant))


def forecast_out(kpi, shown) -> dict:
    if shown is None:
        return {"forecast": None, "no_forecast": ""}
    found = shown.found
    if found is None:
        return {"forecast": None, "no_forecast": shown.reason}
    minimum = None if kpi.minimum is None else found.chance_of(float(kpi.minimum))
    numbers = {name: getattr(found, name) for name in ("median", "low80", "high80", "low95",
                                                       "high95")}  # fmt: skip
    return {
        "forecast": {
            **numbers,
            "chance_of_target": found.chance_of(float(kpi.target)),
            "chance_of_minimum": minimum,
            "drivers": list(found.drivers),
            "thin": found.thin,
            "lines": shown.lines,
        },  # fmt: skip
        "no_forecast": "",
    }


def brief_out(brief: Brief) -> dict:
    currency = brief.campaign_market.currency
    language = get_language() or "en"
    checks = expectations.check_brief(brief)
    forecasts = brief_forecasts(brief)
    return {
        "id": brief.pk,
        "campaign": brief.campaign_market.campaign.slug,
        "market": brief.campaign_market.market.code,
        "status": brief.status,
        "version": brief.version,
        **{name: getattr(brief, name) for name in versions.BRIEF_FIELDS},
        "checkin_dates": versions.planned_checkin_days(brief),
        "kpis": [
            {
                "metric": kpi.metric,
                "target": kpi.target,
                "minimum": kpi.minimum,
                "primary": kpi.is_primary,
                "target_text": write_metric_value(kpi.metric, kpi.target, currency, language),
                **forecast_out(kpi, forecasts.get(kpi.pk)),
            }
            for kpi in brief.kpis.all()
        ],
        "sign_offs": [
            {
                "role": s.role,
                "signer": s.signer_name,
                "version": s.version,
                "signed_at": s.signed_at,
                "responded_at": s.responded_at,
                "comment": s.comment,
                "holds": s.superseded_at is None and s.version == brief.version,
            }
            for s in brief.sign_offs.all()
        ],
        "expectations": [line for check in checks for line in (*check.warnings, *check.lines)]
        + [test.text for test in expectations.check_tests(brief)],
    }


def _brief(workspace, slug: str, code: str) -> Brief:
    return briefs.start_brief(_piece(workspace, slug, code))


@router.get("/campaigns/{slug}/markets/{code}/brief", response={200: BriefOut, 404: ErrorOut})
def get_brief(request: HttpRequest, slug: str, code: str):
    piece = _piece(workspace_of(request), slug, code)
    return brief_out(get_object_or_404(Brief, campaign_market=piece))


@router.patch("/campaigns/{slug}/markets/{code}/brief", response={200: BriefOut, **REFUSED})
def update_brief(request: HttpRequest, slug: str, code: str, payload: BriefPatch):
    brief = _brief(_writer(request), slug, code)
    changes = sent(payload)
    days = changes.pop("checkin_dates", None)
    briefs.update_brief(brief, user=request.user, data=changes, checkin_dates=days)
    return brief_out(brief)


@router.put(
    "/campaigns/{slug}/markets/{code}/brief/kpis/{metric}", response={200: BriefOut, **REFUSED}
)
def set_kpi(request: HttpRequest, slug: str, code: str, metric: str, payload: KpiIn):
    """Targets are written as a person would ("6 %", "1 500 ₽", "0.06"), in the metric's unit."""
    brief = _brief(_writer(request), slug, code)
    language, currency = get_language() or "en", brief.campaign_market.currency
    try:
        target = read_metric_value(metric, payload.target, currency, language).value
        minimum = (
            read_metric_value(metric, payload.minimum, currency, language).value
            if payload.minimum.strip()
            else None
        )
    except KeyError:
        raise ValidationError({"metric": _("Unknown metric.")}) from None
    existing = brief.kpis.filter(metric=metric).first()
    briefs.set_kpi(
        brief,
        user=request.user,
        metric=metric,
        target=target,
        minimum=minimum,
        is_primary=payload.primary,
        kpi=existing,
    )
    return brief_out(brief)


@router.delete(
    "/campaigns/{slug}/markets/{code}/brief/kpis/{metric}", response={200: BriefOut, **REFUSED}
)
def remove_kpi(request: HttpRequest, slug: str, code: str, metric: str):
    brief = _brief(_writer(request), slug, code)
    briefs.remove_kpi(get_object_or_404(brief.kpis, metric=metric), user=request.user)
    return brief_out(brief)


@router.post("/campaigns/{slug}/markets/{code}/brief/sign", response={200: BriefOut, **REFUSED})
def sign_brief(request: HttpRequest, slug: str, code: str):
    """The brand side signs the current version."""
    brief = _brief(_writer(request), slug, code)
    sign_offs.sign_as_brand(brief, user=request.user)
    return brief_out(brief)


@router.post(
    "/campaigns/{slug}/markets/{code}/brief/sign-off-requests",
    response={201: SignOffLinkOut, **REFUSED},
)
def request_sign_off(request: HttpRequest, slug: str, code: str, payload: SignOffRequestIn):
    """A creator's single-use link to accept the brief, without an account."""
    workspace = _writer(request)
    brief = _brief(workspace, slug, code)
    link = get_object_or_404(
        Partnership.objects.filter(campaign_market=brief.campaign_market), pk=payload.partnership_id
    )
    sign_off, token = sign_offs.request_creator_sign_off(
        brief, user=request.user, partnership=link, days=max(1, min(payload.days, 90))
    )
    url = request.build_absolute_uri(reverse("sign_off", args=[token]))
    return Status(201, {"url": url, "expires_at": sign_off.link_expires_at})
