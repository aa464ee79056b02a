from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aftercast.catalog.models import Market
from aftercast.catalog.tiers import Tier
from aftercast.core.history import edit_tracked
from aftercast.core.history_words import history_context
from aftercast.core.listing import Sort, list_page
from aftercast.core.permissions import current_workspace, get_visible_or_404
from aftercast.learnings import facets, selectors
from aftercast.learnings.forms import LearningForm
from aftercast.learnings.models import Learning, LearningStatus
from aftercast.metrics.registry import METRIC_CHOICES

RELEVANCE = {"relevance": Sort(gettext_lazy("Best match"), ("-relevance",))}
LEARNING_SORTS = {
    "recent": Sort(gettext_lazy("Recently changed"), ("-updated_at",)),
    "effect": Sort(gettext_lazy("Largest effect"), (F("pooled_effect").desc(nulls_last=True),)),
    "status": Sort(gettext_lazy("Status"), ("status", "-updated_at")),
}


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
    sorts = {**RELEVANCE, **LEARNING_SORTS} if filters["q"] else LEARNING_SORTS
    default = "relevance" if filters["q"] else "recent"
    listing = list_page(request, learnings, filters=filters, sorts=sorts, default=default)
    scope, _text = facets.parse(filters["q"])
    chips = [(facets.label(f), facets.without(filters["q"], f)) for f in scope]
    context = {
        "listing": listing,
        "page": listing.page,
        "filters": listing.filters,
        "chips": chips,
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
            "finding__debrief__campaign", "finding__market", "finding__arm_a", "finding__arm_b"
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
