"""Pages that fill in a campaign's plan: markets, creators, posts and tests."""

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aftercast.campaigns import selectors, services
from aftercast.campaigns.forms import (
    DeliverableForm,
    MarketForm,
    PartnershipEditForm,
    PartnershipForm,
    VariantForm,
)
from aftercast.campaigns.models import Deliverable, Partnership, Variant
from aftercast.campaigns.views import campaign_for
from aftercast.catalog.services import AccountSpec
from aftercast.core.forms import posted, run_service
from aftercast.core.history_words import history_url
from aftercast.core.permissions import require_write


def _page(request, form, title, campaign, **extra) -> HttpResponse:
    back = reverse("campaigns:detail", args=[campaign.slug])
    context = {
        "form": form,
        "title": title,
        "subtitle": campaign.name,
        "cancel_url": back,
        "breadcrumbs": [(reverse("campaigns:list"), _("Campaigns")), (back, campaign.name)],
    }
    return render(request, "core/form.html", {**context, **extra})


def _editable_campaign(request, slug):
    campaign = campaign_for(request, slug)
    require_write(request, campaign.workspace_id)
    return campaign


def _refusal(request, error: ValidationError, slug: str) -> HttpResponse:
    for message in error.messages:
        messages.error(request, message)
    return redirect("campaigns:detail", slug)


@login_required
def market_new(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _editable_campaign(request, slug)
    form = MarketForm(posted(request), campaign=campaign)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        piece = run_service(
            form,
            lambda: services.add_market(
                campaign,
                market=data["market"],
                budget=data["budget"],
                currency=data["currency"],
                user=request.user,
            ),
        )
        if piece is not None:
            messages.success(
                request,
                _(
                    "%(market)s added, with a draft brief and check-ins at 30 %% and 50 %% "
                    "of the run."
                )
                % {"market": piece.market.name},
            )
            return redirect(
                reverse("campaigns:detail", args=[slug]) + f"#market-{piece.market.code}"
            )
    return _page(
        request,
        form,
        _("Add a market"),
        campaign,
        intro=_("Each market gets its own budget, brief and definition of success."),
    )


def _piece(campaign, code: str):
    return selectors.campaign_market(campaign, code)


@login_required
def market_edit(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    campaign = _editable_campaign(request, slug)
    piece = _piece(campaign, code)
    initial = {"budget": piece.budget, "currency": piece.currency}
    form = MarketForm(posted(request), campaign=campaign, editing=piece, initial=initial)
    if request.method == "POST" and "remove" in request.POST:
        try:
            services.remove_market(piece, user=request.user)
        except ValidationError as error:
            return _refusal(request, error, slug)
        messages.success(request, _("Market removed."))
        return redirect("campaigns:detail", slug)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_service(
            form,
            lambda: services.update_market(
                piece,
                budget=data["budget"] or Decimal(0),
                currency=data["currency"] or piece.currency,
                user=request.user,
            ),
        )
        if saved is not None:
            messages.success(request, _("Market saved."))
            return redirect("campaigns:detail", slug)
    return _page(
        request,
        form,
        _("Edit market: %(market)s") % {"market": piece.market.name},
        campaign,
        removable=True,
        history_url=history_url(piece),
    )


@login_required
def partnership_new(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    campaign = _editable_campaign(request, slug)
    piece = _piece(campaign, code)
    form = PartnershipForm(posted(request), piece=piece)
    if request.method == "POST" and form.is_valid():
        link = run_service(form, lambda: _add_partnership(piece, form.cleaned_data, request.user))
        if link is not None:
            messages.success(
                request,
                _("%(creator)s joined %(market)s. Plan their posts next.")
                % {"creator": link.account.creator.name, "market": piece.market.name},
            )
            return redirect("campaigns:deliverable_new", slug, link.pk)
    return _page(
        request,
        form,
        _("Add a creator: %(market)s") % {"market": piece.market.name},
        campaign,
        intro=_(
            "Choose a creator from the catalogue, or describe a new one: "
            "they are added to the catalogue too."
        ),
    )


def _add_partnership(piece, data, user) -> Partnership:
    terms: dict[str, Any] = {
        "user": user,
        "fee": data.get("fee") or Decimal(0),
        "currency": data.get("currency") or "",
        "arms": data.get("arms") or [],
    }
    if data.get("account") is not None:
        return services.add_partnership(piece, account=data["account"], **terms)
    return services.add_new_creator(
        piece,
        name=data["name"],
        account=AccountSpec(data["platform"], data["handle"], data.get("followers") or 0),
        language=data.get("language") or "",
        **terms,
    )


def _link(campaign, pk: int) -> Partnership:
    return get_object_or_404(
        Partnership.objects.select_related("account__creator", "campaign_market__market"),
        pk=pk,
        campaign_market__campaign=campaign,
        deleted_at__isnull=True,
    )


@login_required
def partnership_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = _editable_campaign(request, slug)
    link = _link(campaign, pk)
    initial = {
        "fee": link.fee,
        "currency": link.currency,
        "status": link.status,
        "arms": link.arms.all(),
    }
    form = PartnershipEditForm(posted(request), campaign=campaign, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_service(
            form,
            lambda: services.update_partnership(
                link,
                fee=data["fee"],
                currency=data["currency"],
                status=data["status"],
                arms=data.get("arms", link.arms.all()),
                user=request.user,
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("campaigns:detail", slug)
    title = _("%(creator)s in %(market)s") % {
        "creator": link.account.creator.name,
        "market": link.campaign_market.market.name,
    }
    return _page(request, form, title, campaign, history_url=history_url(link))


@login_required
def deliverable_new(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = _editable_campaign(request, slug)
    link = _link(campaign, pk)
    form = DeliverableForm(posted(request), campaign=campaign)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        post = run_service(
            form,
            lambda: services.add_deliverable(
                link,
                format=data["format"],
                planned_at=data["planned_at"],
                url=data["url"],
                user=request.user,
            ),
        )
        if post is not None:
            messages.success(request, _("Post planned."))
            if "another" in request.POST:
                return redirect("campaigns:deliverable_new", slug, pk)
            return redirect(
                reverse("campaigns:detail", args=[slug])
                + f"#market-{link.campaign_market.market.code}"
            )
    title = _("Plan a post: %(creator)s") % {"creator": link.account.creator.name}
    return _page(request, form, title, campaign, another=True)


@login_required
def deliverable_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = _editable_campaign(request, slug)
    post = get_object_or_404(
        Deliverable.objects.select_related("partnership__account__creator"),
        pk=pk,
        partnership__campaign_market__campaign=campaign,
        deleted_at__isnull=True,
    )
    if request.method == "POST" and "remove" in request.POST:
        try:
            services.remove_deliverable(post, user=request.user)
        except ValidationError as error:
            return _refusal(request, error, slug)
        messages.success(request, _("Planned post removed."))
        return redirect("campaigns:detail", slug)
    initial = {
        "format": post.format,
        "planned_at": timezone.localtime(post.planned_at),
        "url": post.url,
    }
    form = DeliverableForm(posted(request), campaign=campaign, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_service(
            form,
            lambda: services.update_deliverable(
                post,
                format=data["format"],
                planned_at=data["planned_at"],
                url=data["url"],
                user=request.user,
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("campaigns:detail", slug)
    title = _("Planned post: %(creator)s") % {"creator": post.partnership.account.creator.name}
    return _page(request, form, title, campaign, removable=True, history_url=history_url(post))


def _variant_terms(data) -> dict:
    arms = [
        services.ArmSpec(label, data[f"arm_{label.lower()}"], data["control"] == label)
        for label in "ABC"
        if data.get(f"arm_{label.lower()}")
    ]
    return {
        "dimension": data["dimension"],
        "name": data["name"],
        "description": data["description"],
        "expected_lift": data["expected_lift"],
        "arms": arms,
    }


@login_required
def variant_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = _editable_campaign(request, slug)
    variant = get_object_or_404(Variant, pk=pk, campaign=campaign)
    initial = {
        "name": variant.name,
        "dimension": variant.dimension,
        "description": variant.description,
        "expected_lift": variant.expected_lift or "",
        **{f"arm_{arm.label.lower()}": arm.description for arm in variant.arms.all()},
        "control": next((arm.label for arm in variant.arms.all() if arm.is_control), "A"),
    }
    form = VariantForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        terms = _variant_terms(form.cleaned_data)
        if (
            run_service(form, lambda: services.update_variant(variant, **terms, user=request.user))
            is not None
        ):
            messages.success(request, _("Saved."))
            return redirect("campaigns:detail", slug)
    return _page(request, form, variant.name, campaign, history_url=history_url(variant))


@login_required
def variant_new(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _editable_campaign(request, slug)
    form = VariantForm(posted(request))
    if request.method == "POST" and form.is_valid():
        terms = _variant_terms(form.cleaned_data)
        variant = run_service(
            form, lambda: services.add_variant(campaign, **terms, user=request.user)
        )
        if variant is not None:
            messages.success(request, _("Test added. Put each creator in an arm from their row."))
            return redirect("campaigns:detail", slug)
    return _page(
        request,
        form,
        _("What does this campaign test?"),
        campaign,
        intro=_(
            "One thing at a time, e.g. high- vs low-contrast creative. "
            "Arm A is usually the control."
        ),
    )


@login_required
@require_POST
def variant_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    campaign = _editable_campaign(request, slug)
    variant = get_object_or_404(Variant, pk=pk, campaign=campaign)
    try:
        services.remove_variant(variant, user=request.user)
    except ValidationError as error:
        return _refusal(request, error, slug)
    messages.success(request, _("Test removed."))
    return redirect("campaigns:detail", slug)
