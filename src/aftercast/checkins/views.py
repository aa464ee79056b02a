import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from aftercast.checkins.models import CheckIn, CheckInStatus
from aftercast.core.permissions import current_workspace, get_visible_or_404, in_workspace

RELATIONS = ("campaign_market__campaign", "campaign_market__market")


@login_required
def checkin_list(request: HttpRequest) -> HttpResponse:
    checkins = in_workspace(CheckIn.objects.all(), current_workspace(request)).select_related(
        *RELATIONS
    )
    context = {
        "planned": checkins.filter(status=CheckInStatus.PLANNED).order_by("scheduled_on"),
        "done": checkins.exclude(status=CheckInStatus.PLANNED).order_by("-scheduled_on")[:100],
        "today": dt.date.today(),
    }
    return render(request, "checkins/list.html", context)


@login_required
def checkin_detail(request: HttpRequest, pk: int) -> HttpResponse:
    checkin = get_visible_or_404(CheckIn.objects.select_related(*RELATIONS), request.user, pk=pk)
    actions = checkin.actions.filter(deleted_at__isnull=True).select_related("partnership__account")
    return render(request, "checkins/detail.html", {"checkin": checkin, "actions": actions})
