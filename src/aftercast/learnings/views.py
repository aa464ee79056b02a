from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from aftercast.catalog.models import Market
from aftercast.catalog.tiers import Tier
from aftercast.core.history import edit_tracked, history_context
from aftercast.core.permissions import current_workspace, get_visible_or_404
from aftercast.learnings import selectors
from aftercast.learnings.forms import LearningForm
from aftercast.learnings.models import Learning, LearningStatus
from aftercast.metrics.registry import METRIC_CHOICES


@login_required
def learning_list(request: HttpRequest) -> HttpResponse:
    filters = {
        k: request.GET.get(k, "").strip() for k in ("q", "market", "tier", "status", "metric")
    }
    learnings = selectors.learning_list(
        current_workspace(request),
        query=filters["q"],
        market=filters["market"],
        tier=filters["tier"],
        status=filters["status"],
        metric=filters["metric"],
    )
    context = {
        "learnings": learnings,
        "filters": filters,
        "markets": Market.objects.all(),
        "tiers": Tier.choices,
        "statuses": LearningStatus.choices,
        "metrics": METRIC_CHOICES,
    }
    return render(request, "learnings/list.html", context)


@login_required
def learning_detail(request: HttpRequest, pk: int) -> HttpResponse:
    learning = get_visible_or_404(
        Learning.objects.prefetch_related("markets", "platforms"), request.user, pk=pk
    )
    context = {
        "learning": learning,
        "evidence": learning.evidence.select_related(
            "finding__debrief__campaign", "finding__market"
        ),
        "briefs": learning.applied_in.select_related(
            "campaign_market__campaign", "campaign_market__market"
        ),
        **history_context(learning),
    }
    return render(request, "learnings/detail.html", context)


@login_required
def learning_edit(request: HttpRequest, pk: int) -> HttpResponse:
    learning = get_visible_or_404(Learning.objects.all(), request.user, pk=pk)
    done = reverse("learnings:detail", args=[learning.pk])
    return edit_tracked(request, learning, LearningForm, done, _("Edit learning"))
