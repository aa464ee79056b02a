from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from aftercast.catalog import selectors
from aftercast.catalog.models import Creator, Market, Platform
from aftercast.catalog.tiers import Tier
from aftercast.core.permissions import current_workspace, get_visible_or_404

PAGE_SIZE = 50


@login_required
def creator_list(request: HttpRequest) -> HttpResponse:
    workspace = current_workspace(request)
    filters = {key: request.GET.get(key, "").strip() for key in ("market", "platform", "tier", "q")}
    creators = selectors.creator_list(
        workspace,
        market=filters["market"],
        platform=filters["platform"],
        tier=filters["tier"],
        query=filters["q"],
    )
    page = Paginator(creators, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "markets": Market.objects.all(),
        "platforms": Platform.objects.all(),
        "tiers": Tier.choices,
    }
    return render(request, "catalog/creator_list.html", context)


@login_required
def creator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    creator = get_visible_or_404(
        Creator.objects.select_related("market").prefetch_related("accounts__platform"),
        request.user,
        pk=pk,
    )
    context = {"creator": creator, "history": selectors.creator_history(creator)}
    return render(request, "catalog/creator_detail.html", context)
