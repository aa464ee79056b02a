from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from aftercast.briefs import selectors
from aftercast.briefs.forms import BriefForm
from aftercast.briefs.models import Brief, BriefStatus
from aftercast.catalog.models import Market
from aftercast.core.history import edit_tracked, history_context
from aftercast.core.permissions import current_workspace, get_visible_or_404

BRIEF_RELATIONS = ("campaign_market__campaign", "campaign_market__market")


@login_required
def brief_list(request: HttpRequest) -> HttpResponse:
    filters = {key: request.GET.get(key, "").strip() for key in ("status", "market")}
    briefs = selectors.brief_list(current_workspace(request), **filters)
    context = {
        "briefs": briefs,
        "filters": filters,
        "statuses": BriefStatus.choices,
        "markets": Market.objects.all(),
    }
    return render(request, "briefs/list.html", context)


@login_required
def brief_detail(request: HttpRequest, pk: int) -> HttpResponse:
    brief = get_visible_or_404(Brief.objects.select_related(*BRIEF_RELATIONS), request.user, pk=pk)
    context = {
        "brief": brief,
        "kpis": brief.kpis.all(),
        "sign_offs": brief.sign_offs.select_related("partnership__account"),
        "checkins": brief.campaign_market.checkins.filter(deleted_at__isnull=True),
        "learnings": brief.applied_learnings.filter(deleted_at__isnull=True),
        **history_context(brief),
    }
    return render(request, "briefs/detail.html", context)


@login_required
def brief_edit(request: HttpRequest, pk: int) -> HttpResponse:
    brief = get_visible_or_404(Brief.objects.select_related(*BRIEF_RELATIONS), request.user, pk=pk)
    done = reverse("briefs:detail", args=[brief.pk])
    return edit_tracked(request, brief, BriefForm, done, _("Edit brief"))
