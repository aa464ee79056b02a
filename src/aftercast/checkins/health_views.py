"""A campaign market's health page (charts, each creator's row, links shared with creators),
the workspace's health rules, and the creator's read-only page of results so far."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from aftercast.campaigns import selectors as campaign_selectors
from aftercast.campaigns.models import CampaignMarket, Partnership
from aftercast.campaigns.selectors import active_partnerships
from aftercast.catalog.selectors import creator_page_language
from aftercast.checkins import charts, rules, sharing
from aftercast.checkins.forms import RulesForm
from aftercast.checkins.health import creator_paces, market_health
from aftercast.checkins.models import CheckIn, ResultsLink
from aftercast.checkins.performance import pace_words
from aftercast.core.forms import posted, run_service
from aftercast.core.permissions import current_workspace, require_write
from aftercast.metrics.formatting import metric_value
from aftercast.metrics.selectors import partnership_metrics

# What a creator sees of their own numbers, when there is a value.
CREATOR_METRICS = ("reach", "views", "engagements", "er_reach", "er_views", "clicks", "ctr",
                   "conversions", "conversion_rate", "signups", "revenue")  # fmt: skip


def _market(request: HttpRequest, slug: str, code: str) -> CampaignMarket:
    campaign = campaign_selectors.campaign_by_slug(current_workspace(request), slug)
    return campaign_selectors.campaign_market(campaign, code)


@login_required
def market_health_page(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    piece = _market(request, slug, code)
    health = market_health(piece, creators=True)
    context = {
        "piece": piece,
        "campaign": piece.campaign,
        "report": health,
        "charts": charts.market_charts(health),
        "checkins": CheckIn.objects.filter(campaign_market=piece, deleted_at__isnull=True),
        "links": [
            (
                link,
                request.build_absolute_uri(
                    reverse("creator_results", args=[sharing.token_of(link)])
                ),
            )
            for link in sharing.market_links(piece)
        ],
    }
    return render(request, "checkins/market_health.html", context)


@login_required
@require_POST
def share_results(request: HttpRequest, slug: str, code: str, pk: int) -> HttpResponse:
    piece = _market(request, slug, code)
    require_write(request, piece.workspace_id)
    link = get_object_or_404(active_partnerships(piece).select_related("account__creator"), pk=pk)
    try:
        sharing.share_results(link, user=request.user)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(
            request,
            _("A link for %(name)s is ready: copy it from “Links shared with creators” below.")
            % {"name": link.account.creator.name},
        )
    return redirect("checkins:market", slug, code)


@login_required
@require_POST
def revoke_results(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(
        ResultsLink.objects.select_related("partnership__campaign_market__campaign",
                                           "partnership__campaign_market__market"),
        pk=pk, workspace=current_workspace(request),
    )  # fmt: skip
    require_write(request, link.workspace_id)
    sharing.revoke(link)
    messages.success(request, _("The link no longer opens."))
    piece = link.partnership.campaign_market
    return redirect("checkins:market", piece.campaign.slug, piece.market.code)


@login_required
def rules_edit(request: HttpRequest) -> HttpResponse:
    workspace = current_workspace(request)
    stored = rules.stored_rules(workspace.pk)
    form = RulesForm(posted(request), stored=stored)
    if request.method == "POST":
        require_write(request, workspace.pk)
        if form.is_valid():
            saved = run_service(form, lambda: rules.save_rules(workspace.pk, **form.values()))
            if saved is not None:
                messages.success(request, _("Health rules saved: every health view uses them now."))
                return redirect("checkins:rules")
    return render(request, "checkins/rules.html", {"form": form})


def _creator_language(link, request: HttpRequest) -> str:
    creator = link.partnership.account.creator if link is not None else None
    return creator_page_language(creator, request)


@never_cache
def creator_results(request: HttpRequest, token: str) -> HttpResponse:
    """The creator's own results so far, without an account: no other creator's numbers."""
    try:
        link = sharing.open_results(token)
    except sharing.LinkProblem as problem:
        with translation.override(_creator_language(problem.link, request)):
            return render(request, "reports/link_closed.html",
                          {"problem": problem.code, "link": problem.link,
                           "what": "creator-results"},
                          status=404 if problem.code == "invalid" else 410)  # fmt: skip
    with translation.override(_creator_language(link, request)):
        partnership: Partnership = link.partnership
        piece = partnership.campaign_market
        paces = creator_paces(partnership)
        values = partnership_metrics([partnership])[partnership.pk]
        numbers = [
            (metric, metric_value(metric, values[metric], piece.currency))
            for metric in CREATOR_METRICS
            if values.get(metric) is not None
        ]
        context = {
            "link": link,
            "partnership": partnership,
            "piece": piece,
            # Their pace to each KPI, in plain sentences; the team's own flags stay inside.
            "paces": [pace_words(item, piece.currency, with_target=False) for item in paces],
            "numbers": numbers,
            "today": timezone.localdate(),
            "posts": partnership.deliverables.filter(deleted_at__isnull=True).order_by(
                "planned_at"
            ),
        }
        response = render(request, "checkins/results.html", context)
        response["Content-Language"] = translation.get_language()
        return response
