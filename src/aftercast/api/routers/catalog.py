from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from aftercast.api.auth import workspace_of, writer_workspace
from aftercast.api.routers.trash import remove_from
from aftercast.api.schemas import REFUSED, AccountIn, CreatorIn, CreatorOut, MarketOut
from aftercast.catalog import services
from aftercast.catalog.models import Creator, Market, Platform
from aftercast.catalog.selectors import creator_list
from aftercast.catalog.services import AccountSpec, create_creator

router = Router(tags=["catalog"])


def creator_out(creator: Creator) -> dict:
    tier = creator.tier
    return {
        "id": creator.pk,
        "name": creator.name,
        "market": creator.market.code,
        "language": creator.language,
        "tier": str(tier) if tier else None,
        "accounts": [
            {
                "platform": account.platform.slug,
                "handle": account.handle,
                "followers": account.followers,
                "tier": str(account.tier) if account.tier else None,
            }
            for account in creator.accounts.all()
        ],
    }


@router.get("/markets", response=list[MarketOut])
def list_markets(request: HttpRequest):
    return Market.objects.all()


@router.get("/creators", response=list[CreatorOut])
@paginate(LimitOffsetPagination)
def list_creators(
    request: HttpRequest, market: str = "", platform: str = "", tier: str = "", q: str = ""
):
    creators = creator_list(
        workspace_of(request), market=market, platform=platform, tier=tier, query=q
    )
    return [creator_out(creator) for creator in creators]


@router.get("/creators/{creator_id}", response=CreatorOut)
def get_creator(request: HttpRequest, creator_id: int):
    creators = creator_list(workspace_of(request))
    return creator_out(get_object_or_404(creators, pk=creator_id))


@router.post("/creators", response={201: CreatorOut, **REFUSED})
def add_creator(request: HttpRequest, payload: CreatorIn):
    workspace = writer_workspace(request)
    accounts = [
        AccountSpec(get_object_or_404(Platform, slug=a.platform.lower()), a.handle, a.followers)
        for a in payload.accounts
    ]
    creator = create_creator(
        workspace=workspace,
        name=payload.name,
        market=get_object_or_404(Market, code=payload.market.upper()),
        language=payload.language,
        email=payload.email,
        accounts=accounts,
    )
    return Status(201, creator_out(creator))


@router.post("/creators/{creator_id}/accounts", response={201: CreatorOut, **REFUSED})
def add_account(request: HttpRequest, creator_id: int, payload: AccountIn):
    """Another platform account of a creator already in the catalogue."""
    workspace = writer_workspace(request)
    creator = get_object_or_404(creator_list(workspace), pk=creator_id)
    platform = get_object_or_404(Platform, slug=payload.platform.lower())
    services.add_account(creator, AccountSpec(platform, payload.handle, payload.followers))
    return Status(201, creator_out(get_object_or_404(creator_list(workspace), pk=creator_id)))


@router.delete("/creators/{creator_id}", response={204: None, **REFUSED})
def remove_creator(request: HttpRequest, creator_id: int):
    return remove_from(request, "creator", pk=creator_id)
