from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aftercast.catalog.models import Market
from aftercast.checkins import charts, services
from aftercast.checkins.forms import ACTION_ROWS, HoldForm
from aftercast.checkins.health import market_health
from aftercast.checkins.models import CheckIn, CheckInAction, CheckInStatus
from aftercast.core.forms import posted, run_service
from aftercast.core.listing import Sort, list_page, read_date, read_filters
from aftercast.core.permissions import (
    current_workspace,
    get_visible_or_404,
    in_workspace,
    require_write,
)

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
        "any_checkin": in_workspace(CheckIn.objects.all(), workspace).exists(),
    }
    return render(request, "checkins/list.html", context)


def _checkin(request: HttpRequest, pk: int) -> CheckIn:
    """A check-in of the workspace the user works in now, as the campaign pages it links to."""
    found = in_workspace(CheckIn.objects.select_related(*RELATIONS), current_workspace(request))
    return get_object_or_404(found, pk=pk)


@login_required
def checkin_detail(request: HttpRequest, pk: int) -> HttpResponse:
    checkin = _checkin(request, pk)
    actions = checkin.actions.filter(deleted_at__isnull=True).select_related("partnership__account")
    context: dict[str, object] = {"checkin": checkin, "actions": actions}
    # The charts as the numbers stood on the day it was held (or stand today, before).
    charted = market_health(checkin.campaign_market, checkin.held_on, creators=True)
    context["charted"], context["charts"] = charted, charts.market_charts(charted)
    if checkin.status == CheckInStatus.HELD:
        context["held_flags"] = services.flags_of(checkin, get_language() or "en")
    else:
        context["report"] = charted
    return render(request, "checkins/detail.html", context)


@login_required
def checkin_hold(request: HttpRequest, pk: int) -> HttpResponse:
    checkin = _checkin(request, pk)
    require_write(request, checkin.workspace_id)
    if checkin.status != CheckInStatus.PLANNED:
        if checkin.status == CheckInStatus.SKIPPED:
            messages.info(request, _("This check-in was skipped: plan another one."))
        else:
            messages.info(request, _("This check-in is already recorded: plan another one."))
        return redirect("checkins:detail", checkin.pk)
    form = HoldForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions = [
            services.ActionSpec(
                data[f"action_{n}"], data[f"owner_{n}"], data[f"due_{n}"], data[f"playbook_{n}"]
            )
            for n in range(1, ACTION_ROWS + 1)
            if data[f"action_{n}"].strip()
        ]
        held = run_service(
            form,
            lambda: services.hold_checkin(
                checkin,
                held_on=data["held_on"],
                attendees=data["attendees"],
                summary=data["summary"],
                decisions=data["decisions"],
                actions=actions,
            ),
        )
        if held is not None:
            messages.success(request, _("Check-in recorded, with the health flags of that day."))
            return redirect("checkins:detail", checkin.pk)
    # Today's flags, shown beside the form; a first visit starts from the playbook's actions.
    report = market_health(checkin.campaign_market)
    if not form.is_bound:
        suggested = services.suggested_actions(report)[:ACTION_ROWS]
        form = HoldForm(
            initial={
                "held_on": timezone.localdate(),
                **{f"action_{n}": s.description for n, s in enumerate(suggested, start=1)},
                **{f"playbook_{n}": s.playbook_key for n, s in enumerate(suggested, start=1)},
            }
        )
    piece = checkin.campaign_market
    context = {
        "form": form,
        "title": _("Record the check-in: %(campaign)s, %(market)s")
        % {"campaign": piece.campaign.name, "market": piece.market.name},
        "cancel_url": reverse("checkins:detail", args=[checkin.pk]),
        "intro": _("The flags below are saved with the check-in as they read today."),
        "report": report,
    }
    return render(request, "checkins/hold.html", context)


@login_required
@require_POST
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a check-in's action done (or open it again), from the workspace's action list."""
    action = get_visible_or_404(CheckInAction.objects.all(), request.user, pk=pk)
    require_write(request, action.workspace_id)
    services.set_action_done(action, request.POST.get("done") == "1")
    if request.POST.get("next") == "list":
        return redirect("debriefs:actions")
    return redirect("checkins:detail", action.checkin_id)
