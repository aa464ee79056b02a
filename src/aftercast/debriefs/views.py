from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from aftercast.core.history import edit_tracked, history_context
from aftercast.core.permissions import current_workspace, get_visible_or_404, in_workspace
from aftercast.debriefs.forms import DebriefForm
from aftercast.debriefs.models import Debrief


@login_required
def debrief_list(request: HttpRequest) -> HttpResponse:
    debriefs = (
        in_workspace(Debrief.objects.all(), current_workspace(request))
        .select_related("campaign")
        .prefetch_related("verdicts__campaign_market__market")
        .order_by("-campaign__ends_on")
    )
    return render(request, "debriefs/list.html", {"debriefs": debriefs})


@login_required
def debrief_detail(request: HttpRequest, pk: int) -> HttpResponse:
    debrief = get_visible_or_404(Debrief.objects.select_related("campaign"), request.user, pk=pk)
    context = {
        "debrief": debrief,
        "verdicts": debrief.verdicts.select_related("campaign_market__market"),
        "findings": debrief.findings.select_related("variant", "market", "arm_a", "arm_b"),
        "timeline": debrief.timeline.all(),
        "action_items": debrief.action_items.all(),
        **history_context(debrief),
    }
    return render(request, "debriefs/detail.html", context)


@login_required
def debrief_edit(request: HttpRequest, pk: int) -> HttpResponse:
    debrief = get_visible_or_404(Debrief.objects.select_related("campaign"), request.user, pk=pk)
    done = reverse("debriefs:detail", args=[debrief.pk])
    return edit_tracked(request, debrief, DebriefForm, done, _("Edit debrief"))
