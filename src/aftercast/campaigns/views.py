from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from aftercast.campaigns import selectors, services
from aftercast.campaigns.forms import CampaignForm
from aftercast.campaigns.models import Campaign, CampaignStatus
from aftercast.catalog.models import Brand, Market, ProductCategory
from aftercast.checkins.health import market_health
from aftercast.core.forms import posted, run_service
from aftercast.core.history_words import describe_history
from aftercast.core.listing import Sort, list_page, read_date, read_filters
from aftercast.core.permissions import current_workspace, in_workspace, require_write
from aftercast.core.trash_views import removed_page
from aftercast.debriefs import services as debrief_services
from aftercast.debriefs.forms import EventForm


def campaign_for(request: HttpRequest, slug: str) -> Campaign:
    """The campaign of the current workspace with this address (archived ones included)."""
    return selectors.campaign_by_slug(current_workspace(request), slug)


HISTORY_PAGE = 50
CAMPAIGN_SORTS = {
    "newest": Sort(gettext_lazy("Newest first"), ("-starts_on", "name")),
    "oldest": Sort(gettext_lazy("Oldest first"), ("starts_on", "name")),
    "ending": Sort(gettext_lazy("Ending soonest"), ("ends_on", "name")),
    "name": Sort(gettext_lazy("Name"), ("name",)),
    "creators": Sort(gettext_lazy("Most creators"), ("-partnership_count", "name")),
}


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    workspace = current_workspace(request)
    filters = read_filters(
        request, ("status", "market", "brand", "q", "from", "to", "archived", "debrief")
    )
    campaigns = selectors.campaign_list(
        workspace,
        status=filters["status"],
        market=filters["market"],
        query=filters["q"],
        archived=filters["archived"] == "1",
        brand=filters["brand"],
        starts_from=read_date(filters["from"]),
        ends_by=read_date(filters["to"]),
        without_debrief=filters["debrief"] == "missing",
    )
    listing = list_page(
        request,
        selectors.campaign_rows(campaigns),
        filters=filters,
        sorts=CAMPAIGN_SORTS,
        default="newest",
    )
    return render(
        request,
        "campaigns/list.html",
        {
            "listing": listing,
            "page": listing.page,
            "filters": listing.filters,
            "archived": filters["archived"] == "1",
            "any_campaign": in_workspace(Campaign.objects.all(), workspace).exists(),
            "statuses": CampaignStatus.choices,
            "markets": Market.objects.all(),
            "brands": in_workspace(Brand.objects.all(), workspace).values_list("name", flat=True),
        },
    )


@login_required
def campaign_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        campaign = campaign_for(request, slug)
    except Http404:
        return removed_page(request, "campaign", slug=slug)
    slices = selectors.campaign_detail(campaign)
    context = {
        "campaign": campaign,
        "slices": slices,
        # Mid-flight only: before the start there is nothing to read, after the end the debrief.
        "health": {
            s.campaign_market.pk: market_health(s.campaign_market)
            for s in slices
            if campaign.starts_on <= timezone.localdate() <= campaign.ends_on
        },
        "variants": campaign.variants.prefetch_related("arms"),
        "ended": debrief_services.finished(campaign),
        "combined": selectors.combined_money(campaign),
        "timeline": campaign.timeline.all(),
        "event_form": EventForm(initial={"happened_on": timezone.localdate()}),
        **selectors.loop_of(campaign),
    }
    return render(request, "campaigns/detail.html", context)


@login_required
def campaign_history(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = campaign_for(request, slug)
    page = Paginator(selectors.campaign_history(campaign), HISTORY_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "campaign": campaign,
        "page": page,
        "entries": describe_history(page.object_list, subjects=True),
    }
    return render(request, "campaigns/history.html", context)


def _form_page(request, form, title, cancel_url, **extra) -> HttpResponse:
    workspace = current_workspace(request)
    datalists = {
        "brand-names": in_workspace(Brand.objects.all(), workspace).values_list("name", flat=True),
        "category-names": [c.name for c in in_workspace(ProductCategory.objects.all(), workspace)],
    }
    context = {"form": form, "title": title, "cancel_url": cancel_url, "datalists": datalists}
    return render(request, "core/form.html", {**context, **extra})


def _campaign_data(form: CampaignForm) -> dict:
    data = {name: form.cleaned_data[name] for name in form.Meta.fields if name in form.cleaned_data}
    # Named, not chosen: the service finds or creates them with the campaign.
    data["brand"] = form.cleaned_data["brand_name"]
    data["category"] = form.cleaned_data["category_name"]
    return data


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    workspace = current_workspace(request)
    require_write(request, workspace.pk)
    form = CampaignForm(posted(request), workspace=workspace)
    if request.method == "POST" and form.is_valid():
        campaign = run_service(
            form,
            lambda: services.create_campaign(
                workspace=workspace, **_campaign_data(form), user=request.user
            ),
        )
        if campaign is not None:
            messages.success(request, _("Campaign created. Now add the markets it runs in."))
            return redirect("campaigns:market_new", campaign.slug)
    return _form_page(
        request,
        form,
        _("New campaign"),
        reverse("campaigns:list"),
        intro=_("Name the campaign and its dates; markets, creators and briefs come next."),
        submit=_("Create campaign"),
    )


@login_required
def campaign_edit(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = campaign_for(request, slug)
    require_write(request, campaign.workspace_id)
    workspace = campaign.workspace
    # The form validates a copy: a valid ModelForm writes its values onto its instance, and
    # the service must see the campaign as it was to record what changed.
    copy = Campaign.objects.get(pk=campaign.pk)
    form = CampaignForm(posted(request), instance=copy, workspace=workspace)
    if request.method == "POST" and form.is_valid():
        data = _campaign_data(form)
        if (
            run_service(form, lambda: services.update_campaign(campaign, data, user=request.user))
            is not None
        ):
            messages.success(request, _("Campaign saved."))
            return redirect("campaigns:detail", campaign.slug)
    return _form_page(
        request, form, _("Edit campaign"), reverse("campaigns:detail", args=[campaign.slug])
    )


@login_required
@require_POST
def campaign_archive(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = campaign_for(request, slug)
    require_write(request, campaign.workspace_id)
    if campaign.archived_at:
        services.restore_campaign(campaign, user=request.user)
        messages.success(request, _("The campaign is back in the list."))
    else:
        services.archive_campaign(campaign, user=request.user)
        messages.success(
            request, _("The campaign is archived: it keeps everything and can be brought back.")
        )
    return redirect("campaigns:detail", campaign.slug)
