from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from aftercast.briefs import expectations, selectors, services, sign_offs, versions, wording
from aftercast.briefs.charts import calibration_chart
from aftercast.briefs.forecasts import brief_forecasts, calibration
from aftercast.briefs.forms import BriefForm, KpiForm, NewBriefForm
from aftercast.briefs.models import Brief, BriefStatus, KpiTarget
from aftercast.campaigns.models import Partnership
from aftercast.campaigns.selectors import active_partnerships
from aftercast.campaigns.services import add_market
from aftercast.campaigns.views import campaign_for
from aftercast.catalog.models import Brand, Market
from aftercast.core.forms import posted, run_service
from aftercast.core.history import snapshot
from aftercast.core.history_words import history_context
from aftercast.core.listing import Sort, list_page, read_date, read_filters
from aftercast.core.permissions import (
    current_workspace,
    get_visible_or_404,
    in_workspace,
    require_write,
)
from aftercast.learnings.models import Learning
from aftercast.learnings.selectors import relevant_for_brief
from aftercast.learnings.services import apply_learning
from aftercast.metrics.registry import get_metric

BRIEF_RELATIONS = ("campaign_market__campaign", "campaign_market__market")


def _brief(request: HttpRequest, pk: int) -> Brief:
    return get_visible_or_404(
        Brief.objects.select_related(*BRIEF_RELATIONS).filter(workspace=current_workspace(request)),
        request.user,
        pk=pk,
    )


BRIEF_SORTS = {
    "newest": Sort(
        gettext_lazy("Newest first"),
        ("-campaign_market__campaign__starts_on", "campaign_market__market__code"),
    ),
    "oldest": Sort(
        gettext_lazy("Oldest first"),
        ("campaign_market__campaign__starts_on", "campaign_market__market__code"),
    ),
    "campaign": Sort(
        gettext_lazy("Campaign"),
        ("campaign_market__campaign__name", "campaign_market__market__code"),
    ),
    "status": Sort(gettext_lazy("Status"), ("status", "-campaign_market__campaign__starts_on")),
}


@login_required
def forecast_calibration(request: HttpRequest) -> HttpResponse:
    """How good the forecasts have been in this workspace, so the team knows how far to trust
    the ranges beside its targets."""
    workspace = current_workspace(request)
    figures = calibration(workspace.pk)
    context = {
        "figures": figures,
        "rows": [
            (market, kpi, found)
            for market, kpis in figures["by_market"].items()
            for kpi, found in kpis.items()
        ],  # fmt: skip
        "chart": calibration_chart(figures["by_market"]),
    }
    return render(request, "briefs/calibration.html", context)


@login_required
def brief_list(request: HttpRequest) -> HttpResponse:
    workspace = current_workspace(request)
    filters = read_filters(request, ("status", "market", "brand", "from", "to"))
    briefs = selectors.brief_list(
        workspace,
        status=filters["status"],
        market=filters["market"],
        brand=filters["brand"],
        starts_from=read_date(filters["from"]),
        ends_by=read_date(filters["to"]),
    )
    listing = list_page(request, briefs, filters=filters, sorts=BRIEF_SORTS, default="newest")
    context = {
        "listing": listing,
        "page": listing.page,
        "filters": listing.filters,
        "any_brief": in_workspace(Brief.objects.all(), workspace).exists(),
        "statuses": BriefStatus.choices,
        "markets": Market.objects.all(),
        "brands": in_workspace(Brand.objects.all(), workspace).values_list("name", flat=True),
    }
    return render(request, "briefs/list.html", context)


@login_required
def brief_new(request: HttpRequest) -> HttpResponse:
    """A brief belongs to one campaign in one market: adding the market starts its brief."""
    workspace = current_workspace(request)
    require_write(request, workspace.pk)
    form = NewBriefForm(posted(request), workspace=workspace)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        piece = run_service(form, lambda: add_market(data["campaign"], market=data["market"]))
        if piece is not None:
            messages.success(request, _("Brief started. Set its success metric first."))
            return redirect("briefs:detail", piece.brief.pk)
    return render(
        request,
        "core/form.html",
        {
            "form": form,
            "title": _("New brief"),
            "intro": _(
                "A brief says what success means for one campaign in one market: choose both."
            ),
            "cancel_url": reverse("briefs:list"),
            "submit": _("Start the brief"),
        },
    )


@login_required
def brief_detail(request: HttpRequest, pk: int) -> HttpResponse:
    brief = _brief(request, pk)
    piece = brief.campaign_market
    links = list(
        active_partnerships(piece)
        .select_related("account__creator", "account__platform")
        .prefetch_related("deliverables")
    )
    applied = set(brief.applied_learnings.values_list("pk", flat=True))
    context = {
        "brief": brief,
        "kpis": brief.kpis.all(),
        "expectations": expectations.check_brief(brief),
        "forecasts": (forecasts := brief_forecasts(brief)),
        "forecast_charts": any(item.chart for item in forecasts.values()),
        "tests": expectations.check_tests(brief),
        "links": links,
        "sign_offs": selectors.sign_off_rows(brief),
        **selectors.who_can_sign(brief, links),
        "checkins": versions.planned_checkins(piece),
        "relevant": [(rule, rule.pk in applied, why) for rule, why in relevant_for_brief(brief)],
        "versions": brief.versions.all(),
        **history_context(brief),
    }
    return render(request, "briefs/detail.html", context)


@login_required
def brief_edit(request: HttpRequest, pk: int) -> HttpResponse:
    brief = _brief(request, pk)
    require_write(request, brief.workspace_id)
    before, before_content = snapshot(brief), versions.content_of(brief)
    days = versions.planned_checkin_days(brief)
    form = BriefForm(posted(request), instance=brief, checkin_dates=days)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda: services.update_brief(
                brief,
                user=request.user,
                data=form.cleaned_data,
                checkin_dates=form.checkin_dates(),
                before=before,
                before_content=before_content,
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved. The change is in the history."))
            return redirect("briefs:detail", brief.pk)
    return _brief_form_page(request, brief, form, _("Edit brief"))


def _brief_form_page(request, brief, form, title, **extra) -> HttpResponse:
    back = reverse("briefs:detail", args=[brief.pk])
    context = {
        "form": form,
        "title": title,
        "subtitle": f"{brief.campaign_market.campaign.name} · {brief.campaign_market.market.name}",
        "cancel_url": back,
        "breadcrumbs": [(reverse("briefs:list"), _("Briefs")), (back, str(brief))],
    }
    if brief.status != BriefStatus.DRAFT:
        context["intro"] = _(
            "This brief was sent for sign-off: saving a change makes a new version, and the "
            "brand and the creators sign it again."
        )
    return render(request, "core/form.html", {**context, **extra})


@login_required
def kpi_edit(request: HttpRequest, pk: int, kpi_pk: int | None = None) -> HttpResponse:
    brief = _brief(request, pk)
    require_write(request, brief.workspace_id)
    kpi = get_object_or_404(KpiTarget, pk=kpi_pk, brief=brief) if kpi_pk else None
    if request.method == "POST" and kpi and "remove" in request.POST:
        services.remove_kpi(kpi, user=request.user)
        messages.success(request, _("Target removed."))
        return redirect("briefs:detail", brief.pk)
    currency = brief.campaign_market.currency
    initial = {} if kpi or brief.kpis.exists() else {"is_primary": True}
    form = KpiForm(posted(request), currency=currency, kpi=kpi, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_service(
            form,
            lambda: services.set_kpi(
                brief,
                user=request.user,
                metric=data["metric"],
                target=data["target_value"],
                minimum=data["minimum_value"],
                is_primary=data["is_primary"],
                kpi=kpi,
            ),
        )
        if saved is not None:
            messages.success(request, " ".join([_("Target saved."), *form.notes]))
            return redirect(reverse("briefs:detail", args=[brief.pk]) + "#expectations")
    title = _("Change a target") if kpi else _("Add a target")
    return _brief_form_page(request, brief, form, title, removable=kpi is not None)


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_POST
def brief_sign(request: HttpRequest, pk: int) -> HttpResponse:
    brief = _brief(request, pk)
    require_write(request, brief.workspace_id)
    try:
        sign_offs.sign_as_brand(brief, user=request.user)
        messages.success(request, _("Signed for the brand."))
    except ValidationError as error:
        _refused(request, error)
    return redirect("briefs:detail", brief.pk)


@login_required
@require_POST
def brief_request(request: HttpRequest, pk: int, partnership_pk: int) -> HttpResponse:
    brief = _brief(request, pk)
    require_write(request, brief.workspace_id)
    link = get_object_or_404(
        Partnership.objects.select_related("account__creator"),
        pk=partnership_pk,
        campaign_market=brief.campaign_market,
    )
    try:
        sign_offs.request_creator_sign_off(brief, user=request.user, partnership=link)
        messages.success(
            request,
            _("A sign-off link for %(creator)s is ready below: send it to them.")
            % {"creator": link.account.creator.name},
        )
    except ValidationError as error:
        _refused(request, error)
    return redirect(reverse("briefs:detail", args=[brief.pk]) + "#sign-offs")


@login_required
@require_POST
def learning_apply(request: HttpRequest, pk: int, learning_pk: int) -> HttpResponse:
    brief = _brief(request, pk)
    require_write(request, brief.workspace_id)
    rule = get_object_or_404(Learning, pk=learning_pk, workspace_id=brief.workspace_id)
    applied = apply_learning(rule, brief, applied=request.POST.get("applied") == "1")
    messages.success(
        request,
        _("Marked as applied in this brief.") if applied else _("No longer marked as applied."),
    )
    return redirect(reverse("briefs:detail", args=[brief.pk]) + "#learnings")


@login_required
def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    brief = _brief(request, pk)
    version = get_object_or_404(brief.versions, number=number)
    earlier = brief.versions.filter(number__lt=number).order_by("-number").first()
    currency = version.content.get("currency", "")
    context = {
        "brief": brief,
        "version": version,
        "kpis": [
            f"{get_metric(kpi['metric']).name}: {wording.kpi_words(kpi, currency)}"
            for kpi in version.content["kpis"]
        ],
        "fields": selectors.version_fields(version.content),
        "checkins": wording.days_words(version.content.get("checkins", [])),
        "schedule": wording.schedule_lines(version.content.get("schedule", [])),
        "signers": brief.sign_offs.filter(version=number, signed_at__isnull=False),
        "earlier": earlier,
        "changes": wording.version_changes(earlier.content, version.content) if earlier else [],
    }
    return render(request, "briefs/version.html", context)


@login_required
def side_by_side(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = campaign_for(request, slug)
    columns = selectors.side_by_side(campaign)
    context = {
        "campaign": campaign,
        "columns": columns,
        "mismatches": selectors.mismatches(columns),
    }
    return render(request, "briefs/side_by_side.html", context)
