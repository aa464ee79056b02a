from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from aftercast.catalog.models import Market
from aftercast.checkins.models import CheckIn, CheckInStatus
from aftercast.core.listing import Sort, list_page, read_date, read_filters
from aftercast.core.permissions import current_workspace, get_visible_or_404, in_workspace

RELATIONS = ("campaign_market__campaign", "campaign_market__market")


CHECKIN_SORTS = {
    "soonest": Sort(gettext_lazy("Soonest first"), ("scheduled_on",)),
    "latest": Sort(gettext_lazy("Latest first"), ("-scheduled_on",)),
    "campaign": Sort(gettext_lazy("Campaign"), ("campaign_market__campaign__name", "scheduled_on")),
}


@login_required
def checkin_list(request: HttpRequest) -> HttpResponse:
    workspace = current_workspace(request)
    filters = read_filters(request, ("status", "market", "from", "to"))
    checkins = in_workspace(CheckIn.objects.all(), workspace).select_related(*RELATIONS)
    if filters["status"]:
        checkins = checkins.filter(status=filters["status"])
    if filters["market"]:
        checkins = checkins.filter(campaign_market__market__code=filters["market"])
    if start := read_date(filters["from"]):
        checkins = checkins.filter(scheduled_on__gte=start)
    if end := read_date(filters["to"]):
        checkins = checkins.filter(scheduled_on__lte=end)
    listing = list_page(request, checkins, filters=filters, sorts=CHECKIN_SORTS, default="soonest")
    context = {
        "listing": listing,
        "page": listing.page,
        "filters": listing.filters,
        "statuses": CheckInStatus.choices,
        "markets": Market.objects.all(),
        "any_checkin": CheckIn.objects.filter(workspace=workspace).exists(),
    }
    return render(request, "checkins/list.html", context)


@login_required
def checkin_detail(request: HttpRequest, pk: int) -> HttpResponse:
    checkin = get_visible_or_404(CheckIn.objects.select_related(*RELATIONS), request.user, pk=pk)
    actions = checkin.actions.filter(deleted_at__isnull=True).select_related("partnership__account")
    return render(request, "checkins/detail.html", {"checkin": checkin, "actions": actions})
